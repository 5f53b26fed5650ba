import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { createCiGithubActionsAction } from './ciGithubActions';
import { examples } from './ciGithubActions.examples';

describe('ciGithubActions examples', () => {
  const workspace = createMockDirectory();

  it.each(examples.map(e => [e.description, e.example]))(
    'runs the example: %s',
    async (_description, example) => {
      workspace.clear();
      const action = createCiGithubActionsAction();
      const step = yaml.parse(example).steps[0];
      expect(step.action).toBe(action.id);
      const ctx = createMockActionContext({
        input: step.input,
        workspacePath: workspace.path,
      });
      await action.handler(ctx);
      const written = (ctx.output as jest.Mock).mock.calls.find(
        ([name]) => name === 'path',
      )![1];
      const content = fs.readFileSync(
        path.join(workspace.path, written),
        'utf8',
      );
      expect(content.length).toBeGreaterThan(200);
      expect(content).toContain(step.input.name);
    },
  );
});
