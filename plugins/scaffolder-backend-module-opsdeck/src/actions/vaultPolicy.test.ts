import { createMockDirectory } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { exampleRows, runExample } from '../__testUtils__/runExample';
import fs from 'node:fs';
import path from 'node:path';
import { validateVaultFiles } from '../__testUtils__/vaultValidators';
import { createVaultPolicyAction } from './vaultPolicy';
import { examples } from './vaultPolicy.examples';

function readAll(dir: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .map(f => [f, fs.readFileSync(path.join(dir, f), 'utf8')]),
  );
}

describe('opsdeck:vault:policy', () => {
  const workspace = createMockDirectory();
  const action = createVaultPolicyAction();

  beforeEach(() => workspace.clear());

  it.each(exampleRows(examples))(
    'runs the example: %s',
    async (_description, example) => {
      const { input, ctx } = await runExample(action, example, workspace.path);
      const step = { input };
      const directory = step.input.directory ?? 'vault';
      const files = readAll(path.join(workspace.path, directory));
      const mount = step.input.kvMount ?? 'secret';
      const prefix = step.input.secretPrefix ?? step.input.name;
      expect(
        await validateVaultFiles(files, [
          `${mount}/data/${prefix}/`,
          `${mount}/metadata/${prefix}/`,
        ]),
      ).toEqual([]);
      const written = (ctx.output as jest.Mock).mock.calls.find(
        ([name]) => name === 'files',
      )![1];
      expect([...written].sort()).toEqual(
        Object.keys(files)
          .map(f => `${directory}/${f}`)
          .sort(),
      );
    },
  );

  it('logs each file and role, also in a dry run', async () => {
    const ctx = {
      ...createMockActionContext({
        input: { name: 'checkout', environments: [{ name: 'prod' }] },
        workspacePath: workspace.path,
      }),
      isDryRun: true,
    };
    const info = jest.spyOn(ctx.logger, 'info');
    await action.handler(ctx as any);
    expect(info.mock.calls.map(c => c[0])).toEqual([
      expect.stringMatching(
        /^Wrote vault\/checkout-prod\.hcl \(\d+ bytes\) \[dry run\]$/,
      ),
      expect.stringMatching(
        /^Wrote vault\/main\.tf \(\d+ bytes\) \[dry run\]$/,
      ),
      'Role checkout-prod: ServiceAccount checkout in checkout-prod may read secret/checkout/prod/',
    ]);
  });

  it.each([
    [
      { name: 'checkout', directory: '../../etc' },
      "directory must not contain '..'",
    ],
    [
      { name: 'checkout', directory: '/etc' },
      'directory must be a relative path',
    ],
    [
      { name: 'checkout', kvMount: 'secret"\npath "sys/*' },
      'kvMount must not contain newlines',
    ],
    [{ name: 'checkout', targetPath: '../x' }, 'targetPath'],
  ])('writes nothing for %j', async (input, message) => {
    const ctx = createMockActionContext({
      input: input as any,
      workspacePath: workspace.path,
    });
    await expect(action.handler(ctx)).rejects.toThrow(InputError);
    await expect(action.handler(ctx)).rejects.toThrow(message);
    expect(workspace.content()).toEqual({});
  });
});
