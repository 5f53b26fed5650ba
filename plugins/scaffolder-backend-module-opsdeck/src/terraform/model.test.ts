import { InputError } from '@backstage/errors';
import { BASE_INPUTS } from './__testUtils__/terraformInputs';
import { parseTerraformEnvironmentParameters } from './model';

function errorOf(parameters: unknown): string {
  try {
    parseTerraformEnvironmentParameters(parameters);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
}

const aws = BASE_INPUTS.aws;
const gcp = BASE_INPUTS.gcp;
const azure = BASE_INPUTS.azure;

describe('parseTerraformEnvironmentParameters', () => {
  it('fills defaults: staging and production, replica and protection in production only', () => {
    const model = parseTerraformEnvironmentParameters(aws);
    expect(model).toMatchObject({
      owner: 'payments',
      system: 'shop',
      namespace: 'checkout',
      serviceAccount: 'checkout',
      kubernetesVersion: '1.33',
      postgresVersion: 16,
      state: { bucket: 'acme-terraform-state', container: 'tfstate' },
    });
    expect(model.environments).toEqual([
      {
        name: 'staging',
        production: false,
        networkCidr: '10.10.0.0/16',
        nodeInstanceType: 'm6i.large',
        minNodes: 1,
        maxNodes: 3,
        databaseInstanceType: 'db.t4g.medium',
        databaseStorageGb: 50,
        readReplica: false,
      },
      {
        name: 'production',
        production: true,
        networkCidr: '10.20.0.0/16',
        nodeInstanceType: 'm6i.large',
        minNodes: 1,
        maxNodes: 3,
        databaseInstanceType: 'db.t4g.medium',
        databaseStorageGb: 50,
        readReplica: true,
      },
    ]);
  });

  it('raises the default maximum to the minimum and skips CIDRs already chosen', () => {
    const model = parseTerraformEnvironmentParameters({
      ...aws,
      environments: [
        { name: 'a', minNodes: 5 },
        { name: 'b', networkCidr: '10.10.0.0/16' },
      ],
    });
    expect(model.environments[0]).toMatchObject({
      minNodes: 5,
      maxNodes: 5,
      networkCidr: '10.11.0.0/16',
    });
    expect(model.environments[1].networkCidr).toBe('10.10.0.0/16');
  });

  it('accepts plain entity names and refs', () => {
    expect(
      parseTerraformEnvironmentParameters({
        ...aws,
        owner: 'platform',
        system: 'shop',
      }),
    ).toMatchObject({ owner: 'platform', system: 'shop' });
  });

  // Hostile and malformed values tried, with the message each must get.
  it.each([
    [{ ...aws, name: '' }, 'name must not be empty'],
    [
      { ...aws, name: 'a'.repeat(21) },
      'name is too long (21 characters, at most 20)',
    ],
    [
      { ...aws, name: 'x'.repeat(1_000_000) },
      'name is too long (1000000 characters, at most 20)',
    ],
    [{ ...aws, name: 'a\nb' }, 'name must not contain newlines'],
    [{ ...aws, name: 'a\u0000b' }, 'name must not contain control characters'],
    [
      { ...aws, name: 'ch\u0435ckout' },
      'name must contain only ASCII characters (found U+0435',
    ],
    [
      { ...aws, name: 'a${b}' },
      "name must not contain '$(', '${' or backticks",
    ],
    [
      { ...aws, name: 'a%{if}' },
      "name must not contain '%{' (HCL template directive)",
    ],
    [{ ...aws, name: 'a"b' }, 'name must not contain quotes'],
    [
      { ...aws, name: 'Checkout' },
      'name must be service name: a lowercase DNS label',
    ],
    [{ ...aws, name: 'a_b' }, 'name must be service name'],
    [{ ...aws, name: '-ab' }, 'name must be service name'],
    [
      { ...aws, owner: 'group:default/../x' },
      'owner must be a group entity ref or name',
    ],
    [
      { ...aws, owner: 'group:default/team one' },
      'owner must not contain spaces',
    ],
    [
      { ...aws, system: '/etc/passwd' },
      'system must be a system entity ref or name',
    ],
    [
      { ...aws, system: 'shop\uff04' },
      'system must contain only ASCII characters (found U+FF04',
    ],
    [{ ...aws, cloud: 'oracle' }, 'cloud Invalid option'],
    [
      { ...aws, region: 'europe-west1' },
      'region must be an AWS region such as eu-west-1',
    ],
    [
      { ...gcp, region: 'eu-west-1' },
      'region must be a Google Cloud region such as europe-west1',
    ],
    [{ ...azure, region: 'West Europe' }, 'region must not contain spaces'],
    [{ ...aws, region: 'eu-west-1\r' }, 'region must not contain newlines'],
    [{ ...gcp, gcpProject: undefined }, 'gcpProject is required for cloud gcp'],
    [
      { ...gcp, gcpProject: 'Acme' },
      'gcpProject must be a Google Cloud project id',
    ],
    [
      { ...aws, gcpProject: 'acme-prod' },
      'gcpProject is only used with cloud gcp',
    ],
    [
      { ...azure, azureSubscriptionId: undefined },
      'azureSubscriptionId is required for cloud azure',
    ],
    [
      { ...azure, azureSubscriptionId: 'not-a-uuid' },
      'azureSubscriptionId must be a subscription UUID',
    ],
    [
      { ...aws, azureSubscriptionId: '2f1c4a5e-8b7d-4c3e-9a1f-0d2e3c4b5a69' },
      'azureSubscriptionId is only used with cloud azure',
    ],
    [{ ...aws, state: {} }, 'state.bucket is required for cloud aws'],
    [
      { ...aws, state: { bucket: 'ok-bucket', storageAccount: 'abc' } },
      'state.storageAccount is not used with cloud aws',
    ],
    [
      { ...azure, state: { storageAccount: 'acmetf' } },
      'state.resourceGroup is required for cloud azure',
    ],
    [
      { ...aws, state: { bucket: 'Bad_Bucket' } },
      'state.bucket must be a bucket name',
    ],
    [
      { ...aws, state: { bucket: 'ok-bucket', region: 'mars-1' } },
      'state.region must be an AWS region',
    ],
    [
      { ...aws, state: { bucket: 'ok-bucket', lockTable: 'a;b' } },
      'state.lockTable must be a DynamoDB table name',
    ],
    [
      { ...azure, state: { resourceGroup: 'rg', storageAccount: 'UPPER' } },
      'state.storageAccount must be a storage account name',
    ],
    [
      { ...aws, state: { bucket: 'b-b-b', extra: 1 } },
      'state unknown parameter(s) extra',
    ],
    [{ ...aws, kubernetesVersion: '1.33.1' }, 'kubernetesVersion is too long'],
    [
      { ...aws, kubernetesVersion: '2.0' },
      'kubernetesVersion must be a Kubernetes minor version',
    ],
    [{ ...aws, postgresVersion: 12 }, 'postgresVersion Too small'],
    [
      { ...aws, namespace: 'kube_system' },
      'namespace must be Kubernetes namespace',
    ],
    [
      { ...aws, serviceAccount: '../sa' },
      'serviceAccount must be Kubernetes service account',
    ],
    [{ ...aws, environments: [] }, 'environments Too small'],
    [
      {
        ...aws,
        environments: Array.from({ length: 7 }, (_, i) => ({ name: `e${i}` })),
      },
      'environments Too big',
    ],
    [
      { ...aws, environments: [{ name: 'prod' }, { name: 'prod' }] },
      "environments.1.name duplicates environment 'prod'",
    ],
    [
      { ...aws, environments: [{ name: 'production-eu1' }] },
      'environments.0.name is too long (14 characters, at most 12)',
    ],
    [
      { ...aws, environments: [{ name: 'dev', minNodes: 4, maxNodes: 2 }] },
      'environments.0.minNodes must not be greater than maxNodes',
    ],
    [
      { ...aws, environments: [{ name: 'dev', maxNodes: 100_000 }] },
      'environments.0.maxNodes Too big',
    ],
    [
      { ...aws, environments: [{ name: 'dev', minNodes: 1.5 }] },
      'environments.0.minNodes',
    ],
    [
      {
        ...aws,
        environments: [{ name: 'dev', nodeInstanceType: 'e2-standard-4' }],
      },
      'environments.0.nodeInstanceType must be an EC2 instance type',
    ],
    [
      {
        ...gcp,
        environments: [{ name: 'dev', nodeInstanceType: 'm6i.large' }],
      },
      'environments.0.nodeInstanceType must be a Compute Engine machine type',
    ],
    [
      {
        ...azure,
        environments: [{ name: 'dev', nodeInstanceType: 'Standard_D4s_v5"\n' }],
      },
      'environments.0.nodeInstanceType must not contain newlines',
    ],
    [
      {
        ...aws,
        environments: [{ name: 'dev', databaseInstanceType: 'm6i.large' }],
      },
      'environments.0.databaseInstanceType must be an RDS instance class',
    ],
    [
      { ...azure, environments: [{ name: 'dev', databaseStorageGb: 100 }] },
      'environments.0.databaseStorageGb must be one of 32, 64',
    ],
    [
      { ...aws, environments: [{ name: 'dev', databaseStorageGb: 5 }] },
      'environments.0.databaseStorageGb Too small',
    ],
    [
      { ...aws, environments: [{ name: 'dev', networkCidr: '8.8.0.0/16' }] },
      'environments.0.networkCidr must be inside a private range',
    ],
    [
      { ...aws, environments: [{ name: 'dev', networkCidr: '10.0.0.1/16' }] },
      'environments.0.networkCidr must be a network address',
    ],
    [
      { ...aws, environments: [{ name: 'dev', networkCidr: '10.0.0.0/8' }] },
      'environments.0.networkCidr must have a prefix length between /16 and /20 (got /8)',
    ],
    [
      { ...aws, environments: [{ name: 'dev', networkCidr: '10.0.0.0/24' }] },
      'environments.0.networkCidr must have a prefix length between /16 and /20',
    ],
    [
      { ...aws, environments: [{ name: 'dev', networkCidr: '10.300.0.0/16' }] },
      'environments.0.networkCidr must be an IPv4 network',
    ],
    [
      { ...aws, environments: [{ name: 'dev', networkCidr: '010.0.0.0/16' }] },
      'environments.0.networkCidr must be an IPv4 network',
    ],
    [
      { ...aws, environments: [{ name: 'dev', networkCidr: '10.0.0.0/16"}' }] },
      'environments.0.networkCidr must not contain quotes',
    ],
    [
      {
        ...azure,
        environments: [{ name: 'dev', networkCidr: '172.30.0.0/16' }],
      },
      'environments.0.networkCidr must not overlap the AKS service and pod ranges',
    ],
    [
      { ...aws, environments: [{ name: 'dev', colour: 'red' }] },
      'environments.0 unknown parameter(s) colour',
    ],
    [
      { ...aws, accessKey: 'AKIA...' },
      'parameters unknown parameter(s) accessKey',
    ],
    ['not an object', 'parameters Invalid input'],
    [{ ...aws, name: 'xn--abc' }, "name must not start with 'xn--'"],
    [{ ...aws, name: 'sthree-app' }, "name must not start with 'sthree-'"],
    [
      { ...gcp, name: 'googly' },
      "name must not start with 'goog' or contain 'google'",
    ],
    [
      { ...gcp, name: 'my-google' },
      "name must not start with 'goog' or contain 'google'",
    ],
    [
      { ...gcp, environments: [{ name: 'google-eu' }] },
      "environments.0.name must not contain 'google'",
    ],
  ])('rejects %j', (parameters, message) => {
    expect(errorOf(parameters)).toContain(message);
  });

  it('names every invalid parameter at once', () => {
    const message = errorOf({ ...aws, name: 'A', region: 'x', state: {} });
    expect(message).toMatch(/^Invalid Terraform environment parameters: /);
    expect(message).toContain('name must be');
    expect(message).toContain('region must be');
    expect(message).toContain('state.bucket is required');
  });
});
