import { createMockDirectory } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { exampleRows, runExample } from '../__testUtils__/runExample';
import fs from 'node:fs';
import path from 'node:path';
import {
  NO_DOCKERFILE_PROBLEMS,
  validateDockerfile,
} from '../__testUtils__/dockerfileValidators';
import { createDockerfileAction } from './dockerfile';
import { examples } from './dockerfile.examples';

jest.setTimeout(60_000);

describe('opsdeck:docker:dockerfile', () => {
  const workspace = createMockDirectory();
  const action = createDockerfileAction();

  beforeEach(() => workspace.clear());

  it.each(exampleRows(examples))(
    'runs the example: %s',
    async (_description, example) => {
      const { input, ctx } = await runExample(action, example, workspace.path);
      const step = { input };
      expect(Object.keys(workspace.content()!).sort()).toEqual([
        '.dockerignore',
        'Dockerfile',
      ]);
      const files = {
        Dockerfile: fs.readFileSync(
          path.join(workspace.path, 'Dockerfile'),
          'utf8',
        ),
      };
      expect(await validateDockerfile(files.Dockerfile)).toEqual(
        NO_DOCKERFILE_PROBLEMS,
      );
      expect(files.Dockerfile).toContain(`title="${step.input.name}"`);
      expect(ctx.output).toHaveBeenCalledWith('files', [
        'Dockerfile',
        '.dockerignore',
      ]);
    },
  );

  it('writes under targetPath, reports the images and logs what it wrote in a dry run', async () => {
    const ctx = {
      ...createMockActionContext({
        input: { name: 'checkout', language: 'python', targetPath: 'svc' },
        workspacePath: workspace.path,
      }),
      isDryRun: true,
    };
    const info = jest.spyOn(ctx.logger, 'info');
    await action.handler(ctx as any);
    expect(Object.keys(workspace.content()!)).toEqual(['svc']);
    expect(ctx.output).toHaveBeenCalledWith('path', 'Dockerfile');
    expect(ctx.output).toHaveBeenCalledWith(
      'runtimeImage',
      'python:3.12-slim-bookworm',
    );
    const messages = info.mock.calls.map(c => c[0]);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Wrote Dockerfile \(\d+ bytes\) \[dry run\]$/),
        expect.stringMatching(
          /^Wrote \.dockerignore \(\d+ bytes\) \[dry run\]$/,
        ),
      ]),
    );
  });

  it.each([
    [
      { name: 'checkout', language: 'node', targetPath: '../outside' },
      'targetPath',
    ],
    [{ name: 'checkout', language: 'node', port: 0 }, 'port'],
    [{ name: 'checkout; rm', language: 'node' }, 'name'],
  ])('writes nothing for %j', async (input, field) => {
    const ctx = createMockActionContext({
      input: input as any,
      workspacePath: workspace.path,
    });
    await expect(action.handler(ctx)).rejects.toThrow(InputError);
    await expect(action.handler(ctx)).rejects.toThrow(field);
    expect(workspace.content()).toEqual({});
  });
});
