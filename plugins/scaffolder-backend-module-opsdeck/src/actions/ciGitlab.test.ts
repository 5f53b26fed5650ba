import { createMockDirectory } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { createCiGitlabAction } from './ciGitlab';

describe('opsdeck:ci:gitlab', () => {
  const workspace = createMockDirectory();
  beforeEach(() => workspace.clear());
  const action = createCiGitlabAction();

  it('writes .gitlab-ci.yml with ordered, serialised, approved deploys', async () => {
    const ctx = createMockActionContext({
      input: {
        name: 'ledger',
        language: 'python',
        buildTool: 'poetry',
        testShards: 4,
        cloud: {
          provider: 'aws',
          roleArn: 'arn:aws:iam::123456789012:role/ledger',
          region: 'us-east-1',
        },
        portal: { baseUrl: 'https://portal.example.com', auth: 'oidc' },
      },
      workspacePath: workspace.path,
    });
    const info = jest.spyOn(ctx.logger, 'info');
    await action.handler(ctx as any);
    const doc = parse(
      fs.readFileSync(path.join(workspace.path, '.gitlab-ci.yml'), 'utf8'),
    );
    expect(doc.stages).toEqual([
      'lint',
      'test',
      'security',
      'deploy-staging',
      'deploy-production',
    ]);
    expect(doc.test.parallel).toBe(4);
    expect(doc['deploy-production']).toMatchObject({
      resource_group: 'deploy-production',
      interruptible: false,
      environment: { name: 'production' },
      rules: [
        { if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH', when: 'manual' },
      ],
      id_tokens: {
        OPSDECK_CLOUD_ID_TOKEN: { aud: 'sts.amazonaws.com' },
        OPSDECK_PORTAL_TOKEN: { aud: 'opsdeck' },
      },
    });
    expect(doc['deploy-staging'].rules).toEqual([
      { if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH' },
    ]);
    expect(doc.default.interruptible).toBe(true);
    expect(ctx.output).toHaveBeenCalledWith('path', '.gitlab-ci.yml');
    expect(info).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Wrote \.gitlab-ci\.yml \(\d+ bytes\) with jobs: lint, test/,
      ),
    );
  });

  it('rejects bad input with an InputError and writes nothing', async () => {
    const promise = action.handler(
      createMockActionContext({
        input: {
          name: 'ledger',
          language: 'go',
          container: {
            registry: 'r.io',
            image: 'a/b',
            dockerfile: '../../Dockerfile',
          },
        } as any,
        workspacePath: workspace.path,
      }),
    );
    await expect(promise).rejects.toThrow(InputError);
    await expect(promise).rejects.toThrow(
      "container.dockerfile must not contain '..'",
    );
    expect(fs.readdirSync(workspace.path)).toEqual([]);
  });
});
