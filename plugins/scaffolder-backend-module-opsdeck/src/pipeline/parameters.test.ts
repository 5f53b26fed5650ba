import { InputError } from '@backstage/errors';
import { parsePipelineParameters } from './parameters';

const base = { name: 'checkout', language: 'node' };

function errorOf(parameters: unknown): string {
  try {
    parsePipelineParameters(parameters);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('parsePipelineParameters', () => {
  it('fills defaults', () => {
    const model = parsePipelineParameters(base);
    expect(model).toMatchObject({
      buildTool: 'npm',
      languageVersion: '22',
      entityRef: 'component:default/checkout',
      defaultBranch: 'main',
      testShards: 1,
      strategy: 'rolling',
      environments: [
        { name: 'staging', approval: false },
        { name: 'production', approval: true },
      ],
      security: { sast: true, secretScan: true, imageScan: true, sbom: true },
    });
  });

  // Hostile values tried on text parameters, with the message each must get.
  it.each([
    ['name', '', 'name must not be empty'],
    ['name', 'a'.repeat(64), 'name is too long (64 characters, at most 63)'],
    [
      'name',
      'x'.repeat(100_000),
      'name is too long (100000 characters, at most 63)',
    ],
    ['name', 'svc\nrun: curl evil', 'name must not contain newlines'],
    ['name', 'svc\r', 'name must not contain newlines'],
    ['name', 'svc\u0000', 'name must not contain control characters'],
    ['name', 'svc\u001b[31m', 'name must not contain control characters'],
    ['name', 'ѕvc', 'name must contain only ASCII characters (found U+0455'],
    [
      'name',
      'svc\u200b',
      'name must contain only ASCII characters (found U+200B',
    ],
    [
      'name',
      'svc-\uff04{{',
      'name must contain only ASCII characters (found U+FF04',
    ],
    [
      'name',
      '${{ github.event.issue.title }}',
      "name must not contain '${{' or '$[['",
    ],
    ['name', '$[[ inputs.x ]]', "name must not contain '${{' or '$[['"],
    ['name', '$(curl evil)', "name must not contain '$(', '${' or backticks"],
    ['name', '`id`', "name must not contain '$(', '${' or backticks"],
    ['name', '${HOME}', "name must not contain '$(', '${' or backticks"],
    ['name', "svc'", 'name must not contain quotes'],
    ['name', 'svc"', 'name must not contain quotes'],
    ['name', 'my svc', 'name must not contain spaces'],
    ['name', 'Checkout', 'name must be a lowercase DNS label'],
    ['name', 'svc-', 'name must be a lowercase DNS label'],
    ['defaultBranch', 'main;rm -rf /', 'defaultBranch must not contain spaces'],
    [
      'defaultBranch',
      'feature/../x',
      'defaultBranch must be a git branch name',
    ],
    ['defaultBranch', 'release/*', 'defaultBranch must be a git branch name'],
    ['defaultBranch', 'main.lock', 'defaultBranch must be a git branch name'],
    ['deployScript', '../../etc/passwd', "deployScript must not contain '..'"],
    [
      'deployScript',
      '/usr/bin/deploy',
      'deployScript must be a relative path inside the repository',
    ],
    [
      'deployScript',
      'C:deploy.bat',
      'deployScript must be a relative path inside the repository',
    ],
    ['deployScript', 'deploy//x.sh', 'deployScript must be a relative path'],
    [
      'entityRef',
      'component:default/x\ny',
      'entityRef must not contain newlines',
    ],
    ['entityRef', 'user:default/admin', 'entityRef must be an entity ref'],
    [
      'languageVersion',
      '22; curl x',
      'languageVersion must not contain spaces',
    ],
    ['languageVersion', 'latest', 'languageVersion must be a version number'],
  ])('rejects %s = %j', (field, value, message) => {
    expect(errorOf({ ...base, [field]: value })).toContain(message);
  });

  it.each([
    [
      { registry: 'ghcr.io/evil', image: 'a' },
      'container.registry must be a registry host name',
    ],
    [
      { registry: 'ghcr.io', image: 'Acme/App' },
      'container.image must be an image repository path',
    ],
    [
      { registry: 'ghcr.io', image: 'acme/app:latest' },
      'container.image must be an image repository path',
    ],
    [
      { registry: 'ghcr.io', image: 'acme/app', dockerfile: '../Dockerfile' },
      "container.dockerfile must not contain '..'",
    ],
    [
      { registry: 'ghcr.io', image: 'acme/app', context: '/' },
      'container.context must be a relative path',
    ],
    [
      { registry: 'ghcr.io', image: 'acme/app', target: 'run time' },
      'container.target must not contain spaces',
    ],
    [
      { registry: 'ghcr.io', image: 'acme/app', extra: 1 },
      'container unknown parameter(s) extra',
    ],
  ])('rejects container %j', (container, message) => {
    expect(errorOf({ ...base, container })).toContain(message);
  });

  it.each([
    [
      {
        provider: 'aws',
        roleArn: 'arn:aws:iam::12:role/x',
        region: 'eu-west-1',
      },
      'cloud.roleArn must be an IAM role ARN',
    ],
    [
      {
        provider: 'aws',
        roleArn: 'arn:aws:iam::123456789012:role/x',
        region: 'mars-1',
      },
      'cloud.region must be an AWS region',
    ],
    [
      {
        provider: 'aws',
        roleArn: 'arn:aws:iam::123456789012:role/x',
        region: 'eu-west-1',
        accessKeyId: 'AKIA',
      },
      'cloud unknown parameter(s) accessKeyId',
    ],
    [
      {
        provider: 'gcp',
        workloadIdentityProvider: 'projects/x',
        serviceAccount: 'a@b.c',
      },
      'cloud.workloadIdentityProvider must be a workload identity provider',
    ],
    [
      {
        provider: 'azure',
        clientId: 'nope',
        tenantId: 'nope',
        subscriptionId: 'nope',
      },
      'cloud.clientId must be a UUID',
    ],
    [{ provider: 'digitalocean' }, 'cloud.provider'],
  ])('rejects cloud %j (OIDC only, never keys)', (cloud, message) => {
    expect(errorOf({ ...base, cloud })).toContain(message);
  });

  it.each([
    [
      { baseUrl: 'http://portal.example.com' },
      'portal.baseUrl must be an https URL',
    ],
    [
      { baseUrl: 'https://user:pw@portal.example.com' },
      'portal.baseUrl must be an https URL',
    ],
    [
      { baseUrl: 'https://portal.example.com/?x=1' },
      'portal.baseUrl must be an https URL',
    ],
    [
      { baseUrl: 'https://portal.example.com', tokenSecretName: 'token' },
      'portal.tokenSecretName must be an upper-case secret',
    ],
    [
      { baseUrl: 'https://portal.example.com', minRemainingBudget: 2 },
      'portal.minRemainingBudget',
    ],
    [
      { baseUrl: 'https://portal.example.com', minRemainingBudget: Number.NaN },
      'portal.minRemainingBudget',
    ],
  ])('rejects portal %j', (portal, message) => {
    expect(errorOf({ ...base, portal })).toContain(message);
  });

  it('rejects inconsistent choices with the field named', () => {
    expect(errorOf({ ...base, buildTool: 'maven' })).toContain(
      'buildTool must be one of npm, pnpm, yarn for node',
    );
    expect(errorOf({ ...base, language: 'cobol' })).toContain('language');
    expect(errorOf({ ...base, testShards: 0 })).toContain('testShards');
    expect(errorOf({ ...base, testShards: 2.5 })).toContain('testShards');
    expect(errorOf({ ...base, testShards: 17 })).toContain('testShards');
    expect(errorOf({ ...base, canaryWeights: [50, 10, 100] })).toContain(
      'canaryWeights must be strictly increasing and end at 100',
    );
    expect(errorOf({ ...base, canaryWeights: [10, 50] })).toContain(
      'canaryWeights must be strictly increasing and end at 100',
    );
    expect(
      errorOf({ ...base, environments: [{ name: 'prod' }, { name: 'prod' }] }),
    ).toContain("environments.1.name duplicates environment 'prod'");
    expect(
      errorOf({
        ...base,
        environments: [{ name: 'prod', url: 'ftp://files.example.com' }],
      }),
    ).toContain('environments.0.url');
    expect(errorOf({ ...base, unknown: true })).toContain(
      'unknown parameter(s) unknown',
    );
    expect(errorOf(null)).toContain('Invalid pipeline parameters');
    expect(errorOf('name: x')).toContain('Invalid pipeline parameters');
  });

  it('names every invalid parameter at once', () => {
    const message = errorOf({
      name: 'A B',
      language: 'node',
      defaultBranch: '',
    });
    expect(message).toContain('name must not contain spaces');
    expect(message).toContain('defaultBranch must not be empty');
  });
});
