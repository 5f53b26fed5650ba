import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { validateTerraform } from '../terraform/__testUtils__/terraformValidation';
import { createTerraformEnvironmentAction } from './terraformEnvironment';
import { examples } from './terraformEnvironment.examples';

jest.setTimeout(120_000);

describe('terraformEnvironment examples', () => {
  const workspace = createMockDirectory();
  const action = createTerraformEnvironmentAction();

  it.each(examples.map(e => [e.description, e.example]))(
    'runs the example and writes valid Terraform: %s',
    async (_description, example) => {
      workspace.clear();
      const step = yaml.parse(example).steps[0];
      expect(step.action).toBe(action.id);
      const ctx = createMockActionContext({
        input: step.input,
        workspacePath: workspace.path,
      });
      await action.handler(ctx as any);
      const output = ctx.output as jest.Mock;
      const written: string[] = output.mock.calls.find(
        ([name]) => name === 'files',
      )![1];
      const files = written.map(file => ({
        path: path.posix.relative('terraform', file),
        content: fs.readFileSync(path.join(workspace.path, file), 'utf8'),
      }));
      expect(await validateTerraform(files)).toEqual([]);
      const environments = step.input.environments?.map(
        (e: { name: string }) => e.name,
      ) ?? ['staging', 'production'];
      expect(
        output.mock.calls.find(([name]) => name === 'environments')![1],
      ).toEqual(environments.map((e: string) => `terraform/environments/${e}`));
      for (const environment of environments) {
        const main = files.find(
          f => f.path === `environments/${environment}/main.tf`,
        )!.content;
        expect(main).toContain(`"${step.input.name}"`);
      }
    },
  );
});
