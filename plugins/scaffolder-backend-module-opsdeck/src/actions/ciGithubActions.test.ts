import { createMockDirectory } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { checkWorkflowSecurity } from '../pipeline/security/workflowSecurityChecker';
import { createCiGithubActionsAction } from './ciGithubActions';

describe('opsdeck:ci:github-actions', () => {
  const workspace = createMockDirectory();
  beforeEach(() => workspace.clear());

  const action = createCiGithubActionsAction();

  it('declares dry-run support, examples and an id', () => {
    expect(action.id).toBe('opsdeck:ci:github-actions');
    expect(action.supportsDryRun).toBe(true);
    expect(action.examples?.length).toBeGreaterThan(0);
  });

  it('writes the workflow, logs what it wrote and outputs its path and jobs', async () => {
    const ctx = createMockActionContext({
      input: {
        name: 'checkout',
        language: 'go',
        testShards: 2,
        container: { registry: 'ghcr.io', image: 'acme/checkout' },
        workflowFile: 'delivery.yml',
      },
      workspacePath: workspace.path,
    });
    const info = jest.spyOn(ctx.logger, 'info');
    await action.handler(ctx as any);
    const file = path.join(workspace.path, '.github/workflows/delivery.yml');
    const content = fs.readFileSync(file, 'utf8');
    expect(checkWorkflowSecurity(content)).toEqual([]);
    expect(ctx.output).toHaveBeenCalledWith(
      'path',
      '.github/workflows/delivery.yml',
    );
    expect(ctx.output).toHaveBeenCalledWith('jobs', [
      'lint',
      'test',
      'secret-scan',
      'sast',
      'build',
      'deploy-staging',
      'deploy-production',
    ]);
    expect(info).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Wrote \.github\/workflows\/delivery\.yml \(\d+ bytes\) with jobs: lint, test/,
      ),
    );
  });

  it('writes in dry-run too (the template editor shows the file) and says so', async () => {
    const ctx = {
      ...createMockActionContext({
        input: { name: 'checkout', language: 'node' },
        workspacePath: workspace.path,
      }),
      isDryRun: true,
    };
    const info = jest.spyOn(ctx.logger, 'info');
    await action.handler(ctx as any);
    expect(
      fs.existsSync(path.join(workspace.path, '.github/workflows/ci.yml')),
    ).toBe(true);
    expect(info).toHaveBeenCalledWith(expect.stringContaining('[dry run]'));
  });

  it('writes under targetPath', async () => {
    await action.handler(
      createMockActionContext({
        input: { name: 'checkout', language: 'node', targetPath: 'repo' },
        workspacePath: workspace.path,
      }),
    );
    expect(
      fs.existsSync(path.join(workspace.path, 'repo/.github/workflows/ci.yml')),
    ).toBe(true);
  });

  it.each([
    [{ targetPath: '../outside' }, "targetPath must not contain '..'"],
    [{ targetPath: '/etc' }, 'targetPath must be a relative path'],
    [{ workflowFile: '../ci.yml' }, 'workflowFile must be a file name'],
    [{ workflowFile: 'ci.yml\nx' }, 'workflowFile must not contain newlines'],
    [
      { workflowFile: 'ci.json' },
      'workflowFile must be a file name ending in .yml',
    ],
    [{ name: 'x${{ github.token }}' }, "name must not contain '${{'"],
  ])(
    'rejects %j with an InputError and writes nothing',
    async (override, message) => {
      const ctx = createMockActionContext({
        input: { name: 'checkout', language: 'node', ...override } as any,
        workspacePath: workspace.path,
      });
      const promise = action.handler(ctx);
      await expect(promise).rejects.toThrow(InputError);
      await expect(promise).rejects.toThrow(message);
      expect(fs.readdirSync(workspace.path)).toEqual([]);
    },
  );

  it('refuses to write through a symlink that leaves the workspace', async () => {
    const outside = createMockDirectory();
    fs.mkdirSync(path.join(workspace.path, '.github'), { recursive: true });
    fs.symlinkSync(
      outside.path,
      path.join(workspace.path, '.github/workflows'),
    );
    await expect(
      action.handler(
        createMockActionContext({
          input: { name: 'checkout', language: 'node' },
          workspacePath: workspace.path,
        }),
      ),
    ).rejects.toThrow(/outside/i);
    expect(fs.readdirSync(outside.path)).toEqual([]);
  });

  it('replaces an existing workflow without leaving temporary files', async () => {
    const dir = path.join(workspace.path, '.github/workflows');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'ci.yml'), 'old');
    await action.handler(
      createMockActionContext({
        input: { name: 'checkout', language: 'node' },
        workspacePath: workspace.path,
      }),
    );
    expect(fs.readdirSync(dir)).toEqual(['ci.yml']);
    expect(fs.readFileSync(path.join(dir, 'ci.yml'), 'utf8')).toContain(
      'checkout CI/CD',
    );
  });
});
