import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { createSloRulesAction } from './sloRules';
import { examples } from './sloRules.examples';

const checkoutOpenSlo = fs.readFileSync(
  path.resolve(
    __dirname,
    '../../../../examples/slo/checkout-service.openslo.yaml',
  ),
  'utf8',
);

describe('sloRules examples', () => {
  const workspace = createMockDirectory();
  const action = createSloRulesAction();

  it.each(examples.map(e => [e.description, e.example]))(
    'runs the example: %s',
    async (_description, example) => {
      workspace.clear();
      workspace.addContent({ 'openslo.yaml': checkoutOpenSlo });
      const step = yaml.parse(example).steps[0];
      expect(step.action).toBe(action.id);
      const ctx = createMockActionContext({
        input: step.input,
        workspacePath: workspace.path,
      });
      await action.handler(ctx as any);
      const output = ctx.output as jest.Mock;
      const outputs = Object.fromEntries(output.mock.calls);
      const rules = yaml.parse(
        fs.readFileSync(path.join(workspace.path, outputs.rulesPath), 'utf8'),
      );
      expect(rules.groups.length).toBeGreaterThan(1);
      expect(outputs.alertingRules).toBeGreaterThanOrEqual(3);
      const dashboard = JSON.parse(
        fs.readFileSync(
          path.join(workspace.path, outputs.dashboardPath),
          'utf8',
        ),
      );
      expect(dashboard.panels.length).toBe(outputs.slos.length * 5);
    },
  );
});
