import { createMockDirectory } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { createCiJenkinsAction } from './ciJenkins';

describe('opsdeck:ci:jenkins', () => {
  const workspace = createMockDirectory();
  beforeEach(() => workspace.clear());
  const action = createCiJenkinsAction();

  it('writes a declarative Jenkinsfile with approval, credentials and queued builds', async () => {
    const ctx = createMockActionContext({
      input: {
        name: 'orders',
        language: 'java',
        buildTool: 'gradle',
        testShards: 3,
        portal: {
          baseUrl: 'https://portal.example.com',
          tokenSecretName: 'OPSDECK_TOKEN',
        },
      },
      workspacePath: workspace.path,
    });
    await action.handler(ctx as any);
    const text = fs.readFileSync(
      path.join(workspace.path, 'Jenkinsfile'),
      'utf8',
    );
    expect(text).toContain('disableConcurrentBuilds()');
    expect(text).toContain("stage('Unit tests 3/3')");
    expect(text).toContain("message 'Deploy to production?'");
    expect(text.match(/input \{/g)).toHaveLength(1);
    expect(text).toContain(
      "string(credentialsId: 'OPSDECK_TOKEN', variable: 'OPSDECK_PORTAL_TOKEN')",
    );
    expect(text).not.toMatch(/^\s*sh\s*["(]/m);
    expect(text.match(/^\s*sh '''$/gm)?.length).toBeGreaterThan(4);
    expect(ctx.output).toHaveBeenCalledWith('stages', [
      'Lint',
      'Unit tests',
      'Security',
      'SBOM',
      'Deploy to staging',
      'Deploy to production',
    ]);
  });

  it('rejects a Groovy injection attempt with an InputError and writes nothing', async () => {
    const promise = action.handler(
      createMockActionContext({
        input: {
          name: 'orders',
          language: 'java',
          defaultBranch: "main') { sh 'id",
        } as any,
        workspacePath: workspace.path,
      }),
    );
    await expect(promise).rejects.toThrow(InputError);
    expect(fs.readdirSync(workspace.path)).toEqual([]);
  });
});
