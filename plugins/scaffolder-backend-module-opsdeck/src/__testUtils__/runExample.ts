import type {
  TemplateAction,
  TemplateExample,
} from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';

/** `[description, example]` rows for `it.each`. */
export function exampleRows(examples: TemplateExample[]): [string, string][] {
  return examples.map(e => [e.description, e.example]);
}

/**
 * Runs the single step of an action example in `workspacePath` and returns
 * the step's input and the context (for outputs).
 */
export async function runExample(
  action: TemplateAction<any, any, any>,
  example: string,
  workspacePath: string,
) {
  const step = yaml.parse(example).steps[0];
  if (step.action !== action.id) {
    throw new Error(`example runs ${step.action}, not ${action.id}`);
  }
  const ctx = createMockActionContext({ input: step.input, workspacePath });
  await action.handler(ctx as any);
  return { input: step.input, ctx };
}
