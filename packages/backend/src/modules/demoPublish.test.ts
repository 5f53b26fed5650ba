import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  createDemoChangeRequestAction,
  createDemoPublishAction,
} from './demoPublish';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

describe('the demo publish actions', () => {
  let root: string;
  let workspace: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'demo-repos-'));
    workspace = mkdtempSync(join(tmpdir(), 'demo-workspace-'));
    mkdirSync(join(workspace, 'src'));
    writeFileSync(join(workspace, 'catalog-info.yaml'), 'kind: Component\n');
    writeFileSync(join(workspace, 'src', 'index.js'), 'console.log(1);\n');
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(workspace, { recursive: true, force: true });
  });

  it('commits the workspace to a new local bare repository', async () => {
    const action = createDemoPublishAction({ id: 'publish:github', root });
    const ctx = createMockActionContext({
      workspacePath: workspace,
      input: {
        repoUrl: 'github.com?owner=northwind&repo=basket',
        defaultBranch: 'main',
        repoVisibility: 'private',
      },
    });
    await action.handler(ctx);

    const bare = join(root, 'github.com', 'northwind', 'basket.git');
    expect(ctx.output).toHaveBeenCalledWith(
      'remoteUrl',
      expect.stringMatching(/^file:\/\//),
    );
    const remoteUrl = (ctx.output as jest.Mock).mock.calls.find(
      ([name]) => name === 'remoteUrl',
    )[1];
    expect(fileURLToPath(remoteUrl)).toBe(bare);
    expect(
      git(bare, 'ls-tree', '-r', '--name-only', 'main').split('\n'),
    ).toEqual(['catalog-info.yaml', 'src/index.js']);
    expect(ctx.output).toHaveBeenCalledWith(
      'commitHash',
      git(bare, 'rev-parse', 'main'),
    );

    // A second publish to the same repository is refused, as on GitHub.
    await expect(action.handler(ctx)).rejects.toThrow(/already exists/);
  });

  it('commits a change request to a branch on top of the default branch', async () => {
    await createDemoPublishAction({ id: 'publish:gitlab', root }).handler(
      createMockActionContext({
        workspacePath: workspace,
        input: { repoUrl: 'gitlab.com?owner=northwind&repo=infra' },
      }),
    );
    const change = mkdtempSync(join(tmpdir(), 'demo-change-'));
    writeFileSync(join(change, 'main.tf'), 'terraform {}\n');
    const ctx = createMockActionContext({
      workspacePath: change,
      input: {
        repoUrl: 'gitlab.com?owner=northwind&repo=infra',
        branchName: 'opsdeck/environment-staging',
        title: 'Terraform: staging',
      },
    });
    await createDemoChangeRequestAction({
      id: 'publish:gitlab:merge-request',
      root,
    }).handler(ctx);
    rmSync(change, { recursive: true, force: true });

    const bare = join(root, 'gitlab.com', 'northwind', 'infra.git');
    expect(
      git(
        bare,
        'ls-tree',
        '-r',
        '--name-only',
        'opsdeck/environment-staging',
      ).split('\n'),
    ).toEqual(['catalog-info.yaml', 'main.tf', 'src/index.js']);
    expect(
      git(bare, 'log', '-1', '--format=%s', 'opsdeck/environment-staging'),
    ).toBe('Terraform: staging');
    expect(ctx.output).toHaveBeenCalledWith(
      'mergeRequestUrl',
      expect.stringMatching(/infra\.git#opsdeck\/environment-staging$/),
    );
  });

  it('refuses repository names that leave its directory', async () => {
    const action = createDemoPublishAction({ id: 'publish:github', root });
    await expect(
      action.handler(
        createMockActionContext({
          workspacePath: workspace,
          input: { repoUrl: 'github.com?owner=..&repo=x' },
        }),
      ),
    ).rejects.toThrow(/needs an owner and a repo/);
  });
});
