import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import gitlabModule from '@backstage/plugin-scaffolder-backend-module-gitlab';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { scaffolderModuleOpsdeck } from './module';

jest.setTimeout(120_000);

const templateDir = path.resolve(__dirname, '../../../templates/ci-pipeline');

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

describe('scaffolderModuleOpsdeck in a scaffolder backend', () => {
  async function start() {
    const workingDirectory = fs.mkdtempSync(
      path.join(os.tmpdir(), 'opsdeck-scaffolder-'),
    );
    return startTestBackend({
      features: [
        scaffolderPlugin,
        githubModule,
        gitlabModule,
        scaffolderModuleOpsdeck,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: { backend: { workingDirectory } },
        }),
      ],
    });
  }

  it('lists the three opsdeck:ci actions with their examples on the installed-actions endpoint', async () => {
    const backend = await start();
    const { server } = backend;
    try {
      const response = await fetch(
        `http://localhost:${server.port()}/api/scaffolder/v2/actions`,
      );
      expect(response.status).toBe(200);
      const body = await response.json();
      const ours = body.filter((a: { id: string }) =>
        a.id.startsWith('opsdeck:ci:'),
      );
      expect(ours.map((a: { id: string }) => a.id).sort()).toEqual([
        'opsdeck:ci:github-actions',
        'opsdeck:ci:gitlab',
        'opsdeck:ci:jenkins',
      ]);
      for (const action of ours) {
        expect(action.examples.length).toBeGreaterThan(0);
        expect(action.schema.input.properties.name).toBeDefined();
      }
    } finally {
      await backend.stop();
    }
  });

  it.each(['github', 'jenkins'])(
    'dry-runs templates/ci-pipeline for %s like the template editor does',
    async ciSystem => {
      const backend = await start();
      const { server } = backend;
      try {
        const template = parse(
          fs.readFileSync(path.join(templateDir, 'template.yaml'), 'utf8'),
        );
        const response = await fetch(
          `http://localhost:${server.port()}/api/scaffolder/v2/dry-run`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              template,
              values: {
                name: 'checkout',
                owner: 'group:default/platform',
                language: 'node',
                buildTool: 'npm',
                ciSystem,
                testShards: 2,
                registry: 'ghcr.io',
                image: 'acme/checkout',
                strategy: 'canary',
                portalUrl: 'http://localhost:7007',
                portalAuth: 'token',
                repoUrl: 'github.com?owner=acme&repo=checkout',
              },
              directoryContents: directoryContents(templateDir).filter(
                f => f.path !== 'template.yaml',
              ),
            }),
          },
        );
        const body = await response.json();
        expect({ status: response.status, body }).toMatchObject({
          status: 200,
        });
        const files = body.directoryContents.map(
          (f: { path: string }) => f.path,
        );
        const expected =
          ciSystem === 'github' ? '.github/workflows/ci.yml' : 'Jenkinsfile';
        expect(files).toContain(expected);
        expect(files).toContain('catalog-info.yaml');
        const log = JSON.stringify(body.log);
        expect(log).toContain(`Wrote ${expected}`);
        expect(log).toContain('[dry run]');
      } finally {
        await backend.stop();
      }
    },
  );
});
