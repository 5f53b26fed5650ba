import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { scaffolderModuleOpsdeck } from '../module';
import { createKubernetesManifestsAction } from './kubernetesManifests';

jest.setTimeout(120_000);

const INPUT = {
  name: 'checkout',
  owner: 'group:default/payments',
  image: 'ghcr.io/acme/checkout:1.0.0',
  strategy: 'canary',
  slo: { objective: 0.999 },
};

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter(f => fs.statSync(path.join(dir, f)).isFile());
}

describe('opsdeck:kubernetes:manifests', () => {
  const workspace = createMockDirectory();
  const action = createKubernetesManifestsAction();

  beforeEach(() => workspace.clear());

  it('writes the kustomize tree, reports it in the log and sets the outputs', async () => {
    const ctx = createMockActionContext({
      input: { ...INPUT, targetPath: 'repo' } as any,
      workspacePath: workspace.path,
    });
    const info = jest.spyOn(ctx.logger, 'info');
    await action.handler(ctx as any);
    const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    expect(outputs.path).toBe('kubernetes');
    expect(outputs.overlays).toEqual([
      'overlays/staging',
      'overlays/production',
    ]);
    expect(outputs.namespaces).toEqual([
      'checkout-staging',
      'checkout-production',
    ]);
    expect(
      listFiles(path.join(workspace.path, 'repo/kubernetes')).sort(),
    ).toEqual([...outputs.files].sort());
    const rollout = parse(
      fs.readFileSync(
        path.join(workspace.path, 'repo/kubernetes/base/rollout.yaml'),
        'utf8',
      ),
    );
    expect(rollout.kind).toBe('Rollout');
    const log = info.mock.calls.flat().join('\n');
    expect(log).toContain(`Wrote ${outputs.files.length} files`);
    expect(log).toContain('Rollout');
    expect(log).toContain('AnalysisTemplate');
    expect(log).not.toContain('[dry run]');
  });

  it('writes in dry-run too (the template editor shows the files) and says so', async () => {
    const ctx = {
      ...createMockActionContext({
        input: INPUT as any,
        workspacePath: workspace.path,
      }),
      isDryRun: true,
    };
    const info = jest.spyOn(ctx.logger, 'info');
    await action.handler(ctx as any);
    const log = info.mock.calls.flat().join('\n');
    expect(log).toContain('[dry run]');
    expect(listFiles(workspace.path)).toContain(
      path.join(
        'kubernetes',
        'overlays',
        'production',
        'rollout-transform.yaml',
      ),
    );
    expect(listFiles(workspace.path)).toHaveLength(22);
  });

  it.each([
    ['a hostile image', { image: 'ghcr.io/acme/x:1\nkind: Pod' }, 'image'],
    ['an untagged image', { image: 'ghcr.io/acme/checkout' }, 'image'],
    ['a port out of range', { port: 70000 }, 'port'],
    ['an unknown parameter', { privileged: true }, 'privileged'],
    ['a canary without an SLO', { slo: undefined }, 'slo'],
    [
      'a directory leaving the repository',
      { directory: '../outside' },
      'directory',
    ],
    ['an absolute directory', { directory: '/etc' }, 'directory'],
    [
      'a targetPath leaving the workspace',
      { targetPath: '../../tmp' },
      'targetPath',
    ],
  ])(
    'rejects %s with an InputError and writes nothing',
    async (_label, change, field) => {
      const ctx = createMockActionContext({
        input: { ...INPUT, ...change } as any,
        workspacePath: workspace.path,
      });
      const result = action.handler(ctx as any);
      await expect(result).rejects.toThrow(InputError);
      await expect(result).rejects.toThrow(field);
      expect(listFiles(workspace.path)).toEqual([]);
    },
  );

  it('refuses a directory that is a symlink out of the workspace, writing nothing there', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-outside-'));
    fs.symlinkSync(outside, path.join(workspace.path, 'kubernetes'));
    const ctx = createMockActionContext({
      input: INPUT as any,
      workspacePath: workspace.path,
    });
    await expect(action.handler(ctx as any)).rejects.toThrow();
    expect(listFiles(outside)).toEqual([]);
    fs.rmSync(outside, { recursive: true, force: true });
  });
});

describe('opsdeck:kubernetes:manifests in a scaffolder backend', () => {
  it('is listed with its examples and dry-runs in a template like the template editor does', async () => {
    const workingDirectory = fs.mkdtempSync(
      path.join(os.tmpdir(), 'opsdeck-scaffolder-'),
    );
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleOpsdeck,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: { backend: { workingDirectory } },
        }),
      ],
    });
    try {
      const base = `http://localhost:${backend.server.port()}/api/scaffolder/v2`;
      const actions = await (await fetch(`${base}/actions`)).json();
      const ours = actions.find(
        (a: { id: string }) => a.id === 'opsdeck:kubernetes:manifests',
      );
      expect(ours.examples.length).toBe(3);
      expect(Object.keys(ours.schema.input.properties)).toEqual(
        expect.arrayContaining([
          'name',
          'owner',
          'image',
          'strategy',
          'slo',
          'environments',
        ]),
      );
      const template = {
        apiVersion: 'scaffolder.backstage.io/v1beta3',
        kind: 'Template',
        metadata: { name: 'kubernetes-manifests' },
        spec: {
          owner: 'group:default/platform',
          type: 'service',
          parameters: [],
          steps: [
            {
              id: 'kubernetes',
              action: 'opsdeck:kubernetes:manifests',
              input: {
                name: '${{ parameters.name }}',
                owner: 'group:default/payments',
                image: 'ghcr.io/acme/checkout:1.0.0',
                strategy: 'blue-green',
                slo: { objective: 0.995 },
              },
            },
          ],
          output: {
            text: [
              {
                title: 'Overlays',
                content: '${{ steps.kubernetes.output.overlays | join(", ") }}',
              },
            ],
          },
        },
      };
      const response = await fetch(`${base}/dry-run`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          template,
          values: { name: 'checkout' },
          directoryContents: [],
        }),
      });
      const body = await response.json();
      expect({ status: response.status, body }).toMatchObject({ status: 200 });
      const files = body.directoryContents.map((f: { path: string }) => f.path);
      expect(files).toEqual(
        expect.arrayContaining([
          'kubernetes/base/kustomization.yaml',
          'kubernetes/base/rollout.yaml',
          'kubernetes/base/analysistemplate.yaml',
          'kubernetes/overlays/production/kustomization.yaml',
        ]),
      );
      expect(JSON.stringify(body.log)).toContain('[dry run]');
      expect(JSON.stringify(body.output)).toContain(
        'overlays/staging, overlays/production',
      );
    } finally {
      await backend.stop();
    }
  });
});
