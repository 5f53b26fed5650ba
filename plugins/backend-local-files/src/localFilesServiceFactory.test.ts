import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  coreServices,
  createBackendPlugin,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import localFiles from './index';

// A backend with the default URL reader service, this package's factory and a
// plugin that hands out the URL reader it was given, as the Opsdeck plugins
// receive it.
async function readerOfBackend(
  config: object,
): Promise<{ reader: UrlReaderService; stop: () => Promise<void> }> {
  let reader: UrlReaderService | undefined;
  const probe = createBackendPlugin({
    pluginId: 'probe',
    register(env) {
      env.registerInit({
        deps: { urlReader: coreServices.urlReader },
        async init({ urlReader }) {
          reader = urlReader;
        },
      });
    },
  });
  const backend = await startTestBackend({
    features: [
      localFiles,
      probe,
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  return { reader: reader!, stop: () => backend.stop() };
}

describe('localFilesServiceFactory in a backend', () => {
  const base = mkdtempSync(join(tmpdir(), 'opsdeck-local-files-backend-'));
  const allowed = join(base, 'catalog');
  mkdirSync(join(allowed, 'oncall'), { recursive: true });
  const rotation = join(allowed, 'oncall', 'team.rotation.yaml');
  writeFileSync(rotation, 'timeZone: Europe/Berlin\n');
  writeFileSync(join(base, 'outside.txt'), 'not for plugins');

  it('lets plugins read files below opsdeck.localFiles.allow', async () => {
    const { reader, stop } = await readerOfBackend({
      opsdeck: { localFiles: { allow: [allowed] } },
    });
    try {
      const response = await reader.readUrl(pathToFileURL(rotation).href);
      expect((await response.buffer()).toString()).toBe(
        'timeZone: Europe/Berlin\n',
      );
      await expect(
        reader.readUrl(pathToFileURL(join(base, 'outside.txt')).href),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
    } finally {
      await stop();
    }
  });

  it('reads no file: URL at all when nothing is allowed', async () => {
    const { reader, stop } = await readerOfBackend({});
    try {
      await expect(
        reader.readUrl(pathToFileURL(rotation).href),
      ).rejects.toThrow(/not allowed|no reader|not supported|Reading from/i);
    } finally {
      await stop();
    }
  });
});
