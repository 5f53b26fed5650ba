import { createMockDirectory } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTerraformEnvironmentAction } from './terraformEnvironment';

const input = {
  name: 'checkout',
  owner: 'group:default/payments',
  system: 'system:default/shop',
  cloud: 'aws',
  region: 'eu-west-1',
  state: { bucket: 'acme-terraform-state' },
};

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter(entry => entry.isFile())
    .map(entry => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe('opsdeck:terraform:environment', () => {
  const workspace = createMockDirectory();
  const action = createTerraformEnvironmentAction();

  beforeEach(() => workspace.clear());

  async function run(actionInput: unknown, isDryRun = false) {
    const ctx = {
      ...createMockActionContext({
        input: actionInput as any,
        workspacePath: workspace.path,
      }),
      isDryRun,
    };
    const info = jest.spyOn(ctx.logger, 'info');
    await action.handler(ctx as any);
    const outputs = Object.fromEntries(
      (ctx.output as jest.Mock).mock.calls.map(([k, v]) => [k, v]),
    );
    return { outputs, logs: info.mock.calls.map(([m]) => String(m)) };
  }

  it('writes modules and a root module per environment, and reports every file', async () => {
    const { outputs, logs } = await run(input);
    expect(outputs.directory).toBe('terraform');
    expect(outputs.environments).toEqual([
      'terraform/environments/staging',
      'terraform/environments/production',
    ]);
    expect([...outputs.files].sort()).toEqual(listFiles(workspace.path));
    expect(outputs.files).toEqual(
      expect.arrayContaining([
        'terraform/modules/network/main.tf',
        'terraform/modules/kubernetes/main.tf',
        'terraform/modules/database/main.tf',
        'terraform/modules/bucket/main.tf',
        'terraform/modules/service-identity/main.tf',
        'terraform/environments/production/versions.tf',
        'terraform/environments/staging/main.tf',
      ]),
    );
    for (const file of outputs.files) {
      expect(logs).toContainEqual(
        expect.stringMatching(
          new RegExp(`^Wrote ${file.replace(/[.]/g, '\\.')} \\(\\d+ bytes\\)$`),
        ),
      );
    }
    expect(logs[logs.length - 1]).toBe(
      `Wrote ${outputs.files.length} Terraform files for aws: modules in terraform/modules, root modules terraform/environments/staging, terraform/environments/production`,
    );
  });

  it('writes the files in dry-run mode too (the template editor shows them) and says so', async () => {
    const { outputs, logs } = await run(
      { ...input, targetPath: 'infra/tf' },
      true,
    );
    expect(listFiles(workspace.path)).toEqual([...outputs.files].sort());
    expect(outputs.files.every((f: string) => f.startsWith('infra/tf/'))).toBe(
      true,
    );
    expect(logs[logs.length - 1]).toMatch(/\[dry run\]$/);
  });

  // Bad inputs tried here: an invalid parameter (nothing may be written),
  // hostile targetPath values, and a targetPath that is a symlink leaving the
  // workspace.
  it('writes nothing when a parameter is invalid', async () => {
    await expect(
      run({ ...input, environments: [{ name: 'ok' }, { name: 'Bad Name' }] }),
    ).rejects.toThrow(InputError);
    expect(listFiles(workspace.path)).toEqual([]);
  });

  it.each([
    ['../outside', "must not contain '..'"],
    ['/etc', 'not an absolute path'],
    ['tf\nx', 'must not contain newlines'],
    ['t${x}', "must not contain '$(', '${' or backticks"],
    ['', 'must not be empty'],
  ])('rejects targetPath %j', async (targetPath, message) => {
    await expect(run({ ...input, targetPath })).rejects.toThrow(message);
    expect(listFiles(workspace.path)).toEqual([]);
  });

  it('refuses a targetPath that is a symlink out of the workspace', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-outside-'));
    fs.symlinkSync(outside, path.join(workspace.path, 'link'));
    await expect(run({ ...input, targetPath: 'link' })).rejects.toThrow();
    expect(listFiles(outside)).toEqual([]);
    fs.rmSync(outside, { recursive: true, force: true });
  });
});
