import { createMockDirectory } from '@backstage/backend-test-utils';
import yaml from 'yaml';
import { runActionAndRead } from '../__testUtils__/runAction';
import { createCiJenkinsAction } from './ciJenkins';
import { examples } from './ciJenkins.examples';

describe('ciJenkins examples', () => {
  const workspace = createMockDirectory();
  const action = createCiJenkinsAction();

  it.each(examples.map(e => [e.description, e.example]))(
    'runs the example: %s',
    async (_description, example) => {
      workspace.clear();
      const step = yaml.parse(example).steps[0];
      expect(step.action).toBe(action.id);
      const { content } = await runActionAndRead(
        action,
        step.input,
        workspace.path,
      );
      expect(content).toContain(step.input.name);
      expect(content.length).toBeGreaterThan(200);
    },
  );
});
