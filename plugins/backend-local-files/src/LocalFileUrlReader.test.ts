import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { LocalFileUrlReader } from './LocalFileUrlReader';

describe('LocalFileUrlReader', () => {
  const base = mkdtempSync(join(tmpdir(), 'opsdeck-local-files-'));
  const allowed = join(base, 'examples');
  mkdirSync(join(allowed, 'slo'), { recursive: true });
  writeFileSync(join(allowed, 'slo', 'checkout.yaml'), 'kind: SLO\n');
  writeFileSync(join(base, 'secret.txt'), 'do not read');

  const reader = new LocalFileUrlReader([allowed]);
  const url = (path: string) => pathToFileURL(path).toString();

  it('reads a file below an allowed directory, with an etag', async () => {
    const response = await reader.readUrl(
      url(join(allowed, 'slo', 'checkout.yaml')),
    );
    expect((await response.buffer()).toString()).toBe('kind: SLO\n');
    expect(response.etag).toMatch(/^\d+-[\d.]+$/);
  });

  it('reads the file: URL form the catalog writes (file:/absolute/path)', async () => {
    const response = await reader.readUrl(
      `file:${join(allowed, 'slo', 'checkout.yaml')}`,
    );
    expect((await response.buffer()).toString()).toBe('kind: SLO\n');
  });

  it('answers NotModified for an unchanged etag', async () => {
    const target = url(join(allowed, 'slo', 'checkout.yaml'));
    const { etag } = await reader.readUrl(target);
    await expect(reader.readUrl(target, { etag })).rejects.toMatchObject({
      name: 'NotModifiedError',
    });
  });

  it.each([
    ['a sibling of the allowed directory', 'secret.txt'],
    ['a ../ traversal', 'examples/../secret.txt'],
    ['an encoded ../ traversal', 'examples/%2E%2E/secret.txt'],
  ])('refuses %s', async (_, relative) => {
    await expect(
      reader.readUrl(`file://${base}/${relative}`),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('says which file is missing', async () => {
    const target = url(join(allowed, 'slo', 'missing.yaml'));
    await expect(reader.readUrl(target)).rejects.toThrow(
      `No file at ${target}`,
    );
  });

  it('refuses a directory and malformed URLs', async () => {
    await expect(reader.readUrl(url(allowed))).rejects.toMatchObject({
      name: 'NotFoundError',
    });
    await expect(reader.readUrl('file://remote-host/x')).rejects.toMatchObject({
      name: 'InputError',
    });
  });

  it('registers only for file: URLs, and only when roots are configured', () => {
    const options = {
      logger: mockServices.logger.mock(),
      treeResponseFactory: {} as any,
    };
    expect(
      LocalFileUrlReader.factory({
        ...options,
        config: new ConfigReader({}),
      }),
    ).toEqual([]);
    const [tuple] = LocalFileUrlReader.factory({
      ...options,
      config: new ConfigReader({
        opsdeck: { localFiles: { allow: [allowed] } },
      }),
    });
    expect(tuple.predicate(new URL('file:/x'))).toBe(true);
    expect(tuple.predicate(new URL('https://example.com/x'))).toBe(false);
  });
});
