import { urlReaderServiceFactory } from '@backstage/backend-defaults/urlReader';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import gitlabModule from '@backstage/plugin-scaffolder-backend-module-gitlab';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { scaffolderModuleOpsdeck } from '../module';

/** The repository's `templates/` directory. */
export const TEMPLATES_DIR = path.resolve(__dirname, '../../../../templates');

function directoryContents(
  dir: string,
  base = dir,
): { path: string; base64Content: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory()
      ? directoryContents(full, base)
      : [
          {
            path: path.relative(base, full),
            base64Content: fs.readFileSync(full).toString('base64'),
          },
        ];
  });
}

/** What the template editor's dry run returns. */
export type DryRunResult = {
  status: number;
  body: any;
  /** Files of the workspace after the run, by path. */
  files: Record<string, string>;
  log: string;
};

/** A scaffolder backend with Opsdeck's actions, the GitHub and GitLab publishers and a catalog. */
export async function startScaffolder(
  entities: any[] = [],
  config: Record<string, unknown> = {},
) {
  const workingDirectory = fs.mkdtempSync(
    path.join(os.tmpdir(), 'opsdeck-scaffolder-'),
  );
  const backend = await startTestBackend({
    features: [
      scaffolderPlugin,
      githubModule,
      gitlabModule,
      scaffolderModuleOpsdeck,
      catalogServiceMock.factory({ entities }),
      // The real URL reader, so that backend.reading.allow applies.
      urlReaderServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          ...config,
          backend: {
            ...(config.backend as object | undefined),
            workingDirectory,
          },
        },
      }),
    ],
  });
  return {
    backend,
    /**
     * Dry-runs `templates/<name>/template.yaml` with `values` like the
     * template editor does: the template's directory is sent along, and the
     * scaffolder runs every step that supports dry-run.
     */
    async dryRun(
      name: string,
      values: Record<string, unknown>,
      secrets: Record<string, string> = {},
    ): Promise<DryRunResult> {
      const dir = path.join(TEMPLATES_DIR, name);
      const template = parse(
        fs.readFileSync(path.join(dir, 'template.yaml'), 'utf8'),
      );
      const response = await fetch(
        `http://localhost:${backend.server.port()}/api/scaffolder/v2/dry-run`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            template,
            values,
            secrets,
            directoryContents: directoryContents(dir).filter(
              f => f.path !== 'template.yaml',
            ),
          }),
        },
      );
      const body = await response.json();
      const files = Object.fromEntries(
        (body.directoryContents ?? []).map(
          (f: { path: string; base64Content: string }) => [
            f.path,
            Buffer.from(f.base64Content, 'base64').toString('utf8'),
          ],
        ),
      );
      return {
        status: response.status,
        body,
        files,
        log: (body.log ?? [])
          .map((l: { body: { message: string } }) => l.body.message)
          .join('\n'),
      };
    },
  };
}

/** The status and, when the run failed, the error body: compare with SUCCEEDED. */
export function outcome(result: DryRunResult) {
  return {
    status: result.status,
    body: result.status === 200 ? 'ok' : result.body,
  };
}

export const SUCCEEDED = { status: 200, body: 'ok' };

/** Form values of the cloud page shared by the infrastructure templates. */
export const CLOUD_FORM_VALUES = {
  stateBucket: 'acme-terraform-state',
  gcpProject: 'acme-services',
  azureSubscriptionId: '2f1c4a5e-8b7d-4c3e-9a1f-0d2e3c4b5a69',
  stateResourceGroup: 'rg-terraform-state',
  stateStorageAccount: 'acmetfstate',
};
