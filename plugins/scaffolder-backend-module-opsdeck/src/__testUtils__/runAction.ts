import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { TemplateAction } from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs';
import path from 'node:path';

/** Runs an action on `input` in `workspacePath` and returns the file it reported writing. */
export async function runActionAndRead(
  action: TemplateAction<any, any, any>,
  input: unknown,
  workspacePath: string,
): Promise<{ content: string; output: jest.Mock }> {
  const ctx = createMockActionContext({ input: input as any, workspacePath });
  await action.handler(ctx as any);
  const output = ctx.output as jest.Mock;
  const written = output.mock.calls.find(([name]) => name === 'path')![1];
  return {
    content: fs.readFileSync(path.join(workspacePath, written), 'utf8'),
    output,
  };
}
