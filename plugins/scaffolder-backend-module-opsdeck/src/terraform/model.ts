import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { SafeTextRules } from '../pipeline/safeText';
import { explainBadNetworkCidr, overlaps, parseIpv4Cidr } from './cidr';
import { terraformText } from './terraformText';

/** @public */
export const TERRAFORM_CLOUDS = ['aws', 'gcp', 'azure'] as const;

/** @public */
export type TerraformCloud = (typeof TERRAFORM_CLOUDS)[number];

/** Kubernetes service CIDRs of the generated AKS clusters; VNets must not overlap them. */
export const AKS_SERVICE_CIDR = '172.30.0.0/16';
export const AKS_POD_CIDR = '172.31.0.0/16';

function label(maxLength: number, what: string): SafeTextRules {
  return {
    description: `${what}: a lowercase DNS label (a-z, 0-9 and -, starting with a letter, not ending with -, at most ${maxLength} characters)`,
    pattern: /^[a-z]([a-z0-9-]*[a-z0-9])?$/,
    maxLength,
  };
}

function entityName(kind: string): SafeTextRules {
  return {
    description: `a ${kind} entity ref or name, e.g. ${kind}:default/platform or platform (letters, digits, ., _ and -)`,
    pattern: new RegExp(
      `^(${kind}:)?([a-z0-9]([a-z0-9._-]*[a-z0-9])?/)?[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$`,
    ),
    maxLength: 200,
  };
}

const REGION_RULES: Record<TerraformCloud, SafeTextRules> = {
  aws: {
    description: 'an AWS region such as eu-west-1 or us-gov-west-1',
    pattern: /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$/,
    maxLength: 30,
  },
  gcp: {
    description: 'a Google Cloud region such as europe-west1 or us-central1',
    pattern: /^[a-z]+-[a-z]+[0-9]$/,
    maxLength: 30,
  },
  azure: {
    description: 'an Azure region name such as westeurope or eastus2',
    pattern: /^[a-z]+[0-9]?$/,
    maxLength: 30,
  },
};

const NODE_TYPE_RULES: Record<TerraformCloud, SafeTextRules> = {
  aws: {
    description: 'an EC2 instance type such as m6i.large',
    pattern: /^[a-z][a-z0-9-]*\.[0-9]*[a-z]+[0-9]*$/,
    maxLength: 30,
  },
  gcp: {
    description: 'a Compute Engine machine type such as e2-standard-4',
    pattern: /^[a-z][a-z0-9]*(-[a-z0-9]+){1,3}$/,
    maxLength: 40,
  },
  azure: {
    description: 'an Azure VM size such as Standard_D4s_v5',
    pattern: /^Standard_[A-Za-z0-9]+(_[A-Za-z0-9]+)*$/,
    maxLength: 40,
  },
};

const DATABASE_TYPE_RULES: Record<TerraformCloud, SafeTextRules> = {
  aws: {
    description: 'an RDS instance class such as db.t4g.medium',
    pattern: /^db\.[a-z][a-z0-9-]*\.[0-9]*[a-z]+[0-9]*$/,
    maxLength: 30,
  },
  gcp: {
    description: 'a Cloud SQL tier such as db-custom-2-7680',
    pattern: /^db-[a-z0-9]+(-[a-z0-9]+){0,4}$/,
    maxLength: 40,
  },
  azure: {
    description:
      'an Azure Database for PostgreSQL flexible server SKU such as GP_Standard_D2ds_v5',
    pattern: /^(B|GP|MO)_Standard_[A-Za-z0-9]+(_[A-Za-z0-9]+)*$/,
    maxLength: 40,
  },
};

/** Storage sizes (GB) an Azure PostgreSQL flexible server accepts. */
export const AZURE_POSTGRES_STORAGE_GB = [
  32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384,
] as const;

/** Defaults per cloud, chosen for a small production-ready service. */
export const CLOUD_DEFAULTS: Record<
  TerraformCloud,
  { nodeInstanceType: string; databaseInstanceType: string; storageGb: number }
> = {
  aws: {
    nodeInstanceType: 'm6i.large',
    databaseInstanceType: 'db.t4g.medium',
    storageGb: 50,
  },
  gcp: {
    nodeInstanceType: 'e2-standard-4',
    databaseInstanceType: 'db-custom-2-7680',
    storageGb: 50,
  },
  azure: {
    nodeInstanceType: 'Standard_D4s_v5',
    databaseInstanceType: 'GP_Standard_D2ds_v5',
    storageGb: 64,
  },
};

/** Text whose form depends on the cloud: checked in `checkAgainstCloud`. */
const checkedPerCloud = z.string();

const environmentSchema = z
  .object({
    name: terraformText(label(12, 'environment name')),
    production: z.boolean().optional(),
    networkCidr: checkedPerCloud.optional(),
    nodeInstanceType: checkedPerCloud.optional(),
    minNodes: z.number().int().min(1).max(100).optional(),
    maxNodes: z.number().int().min(1).max(500).optional(),
    databaseInstanceType: checkedPerCloud.optional(),
    databaseStorageGb: z.number().int().min(20).max(16384).optional(),
    readReplica: z.boolean().optional(),
  })
  .strict();

/**
 * Parameters of `opsdeck:terraform:environment`. Text that ends up in HCL is
 * limited to strict ASCII forms; cloud-specific fields are checked against
 * the chosen cloud.
 *
 * @public
 */
export const terraformEnvironmentParametersSchema = z
  .object({
    name: terraformText(label(20, 'service name')),
    owner: terraformText(entityName('group')),
    system: terraformText(entityName('system')),
    cloud: z.enum(TERRAFORM_CLOUDS),
    region: checkedPerCloud,
    gcpProject: terraformText({
      description:
        'a Google Cloud project id (6-30 characters: a-z, 0-9 and -, starting with a letter)',
      pattern: /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/,
      maxLength: 30,
    }).optional(),
    azureSubscriptionId: terraformText({
      description:
        'a subscription UUID such as 00000000-0000-0000-0000-000000000000',
      pattern: /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/,
      maxLength: 36,
    }).optional(),
    state: z
      .object({
        bucket: terraformText({
          description:
            'a bucket name (3-63 characters: a-z, 0-9, . and -, starting and ending with a letter or digit)',
          pattern: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
          maxLength: 63,
        }).optional(),
        region: checkedPerCloud.optional(),
        lockTable: terraformText({
          description:
            'a DynamoDB table name (A-Z, a-z, 0-9, _, - and ., 3-255 characters)',
          pattern: /^[A-Za-z0-9_.-]{3,255}$/,
          maxLength: 255,
        }).optional(),
        resourceGroup: terraformText({
          description:
            'a resource group name (letters, digits, _, -, . and parentheses, not ending with .)',
          pattern: /^[A-Za-z0-9_().-]*[A-Za-z0-9_()-]$/,
          maxLength: 90,
        }).optional(),
        storageAccount: terraformText({
          description:
            'a storage account name (3-24 lowercase letters and digits)',
          pattern: /^[a-z0-9]{3,24}$/,
          maxLength: 24,
        }).optional(),
        container: terraformText({
          description:
            'a blob container name (3-63 characters: a-z, 0-9 and single -)',
          pattern: /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/,
          maxLength: 63,
        }).default('tfstate'),
      })
      .strict(),
    kubernetesVersion: terraformText({
      description: 'a Kubernetes minor version such as 1.33',
      pattern: /^1\.[0-9]{2}$/,
      maxLength: 4,
    }).default('1.33'),
    postgresVersion: z.number().int().min(14).max(17).default(16),
    namespace: terraformText(label(63, 'Kubernetes namespace')).optional(),
    serviceAccount: terraformText(
      label(63, 'Kubernetes service account'),
    ).optional(),
    environments: z
      .array(environmentSchema)
      .min(1)
      .max(6)
      .default([{ name: 'staging' }, { name: 'production' }]),
  })
  .strict()
  .superRefine((value, ctx) => checkAgainstCloud(value, ctx));

type Parsed = z.output<typeof terraformEnvironmentParametersSchema>;

function issueFor(
  ctx: z.RefinementCtx,
  path: Array<string | number>,
  problem: string | undefined,
) {
  if (problem) {
    ctx.addIssue({ code: 'custom', path, message: problem });
  }
}

function textProblem(value: string, rules: SafeTextRules) {
  const result = terraformText(rules).safeParse(value);
  return result.success ? undefined : result.error.issues[0].message;
}

function checkAgainstCloud(value: Parsed, ctx: z.RefinementCtx) {
  const cloud = value.cloud;
  issueFor(ctx, ['region'], textProblem(value.region, REGION_RULES[cloud]));
  if (cloud === 'gcp' && !value.gcpProject) {
    issueFor(ctx, ['gcpProject'], 'is required for cloud gcp');
  }
  if (cloud !== 'gcp' && value.gcpProject) {
    issueFor(ctx, ['gcpProject'], 'is only used with cloud gcp');
  }
  if (cloud === 'azure' && !value.azureSubscriptionId) {
    issueFor(ctx, ['azureSubscriptionId'], 'is required for cloud azure');
  }
  if (cloud !== 'azure' && value.azureSubscriptionId) {
    issueFor(ctx, ['azureSubscriptionId'], 'is only used with cloud azure');
  }
  const state = value.state;
  const needs: Record<TerraformCloud, Array<keyof typeof state>> = {
    aws: ['bucket'],
    gcp: ['bucket'],
    azure: ['resourceGroup', 'storageAccount'],
  };
  const allowed: Record<TerraformCloud, Array<keyof typeof state>> = {
    aws: ['bucket', 'region', 'lockTable', 'container'],
    gcp: ['bucket', 'container'],
    azure: ['resourceGroup', 'storageAccount', 'container'],
  };
  for (const key of needs[cloud]) {
    if (state[key] === undefined) {
      issueFor(ctx, ['state', key], `is required for cloud ${cloud}`);
    }
  }
  for (const key of Object.keys(state) as Array<keyof typeof state>) {
    if (state[key] !== undefined && !allowed[cloud].includes(key)) {
      issueFor(ctx, ['state', key], `is not used with cloud ${cloud}`);
    }
  }
  if (state.region !== undefined) {
    issueFor(
      ctx,
      ['state', 'region'],
      textProblem(state.region, REGION_RULES.aws),
    );
  }

  checkCloudNames(value, ctx);

  const names = new Set<string>();
  const networks: Array<{ index: number; cidr: string }> = [];
  value.environments.forEach((environment, index) => {
    const at = (key: string) => ['environments', index, key];
    if (names.has(environment.name)) {
      issueFor(ctx, at('name'), `duplicates environment '${environment.name}'`);
    }
    names.add(environment.name);
    if (
      environment.minNodes !== undefined &&
      environment.maxNodes !== undefined &&
      environment.minNodes > environment.maxNodes
    ) {
      issueFor(ctx, at('minNodes'), 'must not be greater than maxNodes');
    }
    if (environment.nodeInstanceType !== undefined) {
      issueFor(
        ctx,
        at('nodeInstanceType'),
        textProblem(environment.nodeInstanceType, NODE_TYPE_RULES[cloud]),
      );
    }
    if (environment.databaseInstanceType !== undefined) {
      issueFor(
        ctx,
        at('databaseInstanceType'),
        textProblem(
          environment.databaseInstanceType,
          DATABASE_TYPE_RULES[cloud],
        ),
      );
    }
    if (
      cloud === 'azure' &&
      environment.databaseStorageGb !== undefined &&
      !(AZURE_POSTGRES_STORAGE_GB as readonly number[]).includes(
        environment.databaseStorageGb,
      )
    ) {
      issueFor(
        ctx,
        at('databaseStorageGb'),
        `must be one of ${AZURE_POSTGRES_STORAGE_GB.join(
          ', ',
        )} for cloud azure`,
      );
    }
    if (environment.networkCidr !== undefined) {
      const problem =
        textProblem(environment.networkCidr, {
          description: 'an IPv4 network such as 10.20.0.0/16',
          pattern: /^[0-9./]+$/,
          maxLength: 18,
        }) ?? explainBadNetworkCidr(environment.networkCidr, 16, 20);
      issueFor(ctx, at('networkCidr'), problem);
      if (!problem) {
        networks.push({ index, cidr: environment.networkCidr });
      }
    }
  });
  if (cloud === 'azure') {
    const reserved = [AKS_SERVICE_CIDR, AKS_POD_CIDR].map(
      c => parseIpv4Cidr(c)!,
    );
    for (const { index, cidr } of networks) {
      if (reserved.some(r => overlaps(r, parseIpv4Cidr(cidr)!))) {
        issueFor(
          ctx,
          ['environments', index, 'networkCidr'],
          `must not overlap the AKS service and pod ranges ${AKS_SERVICE_CIDR} and ${AKS_POD_CIDR}`,
        );
      }
    }
  }
}

/**
 * Names the clouds reserve: bucket and account names derived from the
 * service and environment names must not use them.
 */
function checkCloudNames(value: Parsed, ctx: z.RefinementCtx) {
  if (value.name.startsWith('xn--')) {
    issueFor(
      ctx,
      ['name'],
      "must not start with 'xn--' (reserved for internationalised names)",
    );
  }
  if (value.cloud === 'aws' && value.name.startsWith('sthree-')) {
    issueFor(
      ctx,
      ['name'],
      "must not start with 'sthree-' (reserved by Amazon S3)",
    );
  }
  if (value.cloud === 'gcp') {
    const reserved = (text: string) =>
      text.startsWith('goog') || text.includes('google');
    if (reserved(value.name)) {
      issueFor(
        ctx,
        ['name'],
        "must not start with 'goog' or contain 'google' (Cloud Storage bucket names)",
      );
    }
    value.environments.forEach((environment, index) => {
      if (environment.name.includes('google')) {
        issueFor(
          ctx,
          ['environments', index, 'name'],
          "must not contain 'google' (Cloud Storage bucket names)",
        );
      }
    });
  }
}

/** One environment, with every default filled in. @public */
export type TerraformEnvironmentSpec = {
  name: string;
  production: boolean;
  networkCidr: string;
  nodeInstanceType: string;
  minNodes: number;
  maxNodes: number;
  databaseInstanceType: string;
  databaseStorageGb: number;
  readReplica: boolean;
};

/**
 * The validated model the Terraform generator renders.
 *
 * @public
 */
export type TerraformEnvironmentModel = {
  name: string;
  /** Entity names (without kind and namespace), the values of the cost tags. */
  owner: string;
  system: string;
  cloud: TerraformCloud;
  region: string;
  gcpProject?: string;
  azureSubscriptionId?: string;
  state: {
    bucket?: string;
    region?: string;
    lockTable?: string;
    resourceGroup?: string;
    storageAccount?: string;
    container: string;
  };
  kubernetesVersion: string;
  postgresVersion: number;
  namespace: string;
  serviceAccount: string;
  environments: TerraformEnvironmentSpec[];
};

/** @public */
export type TerraformEnvironmentParametersInput = z.input<
  typeof terraformEnvironmentParametersSchema
>;

function nameOf(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1).replace(/^[a-z]+:/, '');
}

const DEFAULT_MAX_NODES = 3;

const PRODUCTION_NAMES = new Set(['production', 'prod', 'prd', 'live']);

function defaultCidr(index: number, taken: Set<string>): string {
  for (let second = 10 + index * 10; second < 256; second += 1) {
    const candidate = `10.${second}.0.0/16`;
    if (!taken.has(candidate)) {
      return candidate;
    }
  }
  throw new InputError('no free default network CIDR; set networkCidr');
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length > 0 ? issue.path.join('.') : 'parameters';
  const message =
    issue.code === 'unrecognized_keys'
      ? `unknown parameter(s) ${issue.keys.join(', ')}`
      : issue.message;
  return `${path} ${message}`;
}

/**
 * Validates raw parameters into a {@link TerraformEnvironmentModel}.
 *
 * @throws InputError naming every invalid parameter and why.
 * @public
 */
export function parseTerraformEnvironmentParameters(
  input: unknown,
): TerraformEnvironmentModel {
  const result = terraformEnvironmentParametersSchema.safeParse(input);
  if (!result.success) {
    throw new InputError(
      `Invalid Terraform environment parameters: ${result.error.issues
        .map(describeIssue)
        .join('; ')}`,
    );
  }
  const value = result.data;
  const defaults = CLOUD_DEFAULTS[value.cloud];
  const taken = new Set(
    value.environments.flatMap(e => (e.networkCidr ? [e.networkCidr] : [])),
  );
  const environments = value.environments.map((environment, index) => {
    const production =
      environment.production ?? PRODUCTION_NAMES.has(environment.name);
    const networkCidr = environment.networkCidr ?? defaultCidr(index, taken);
    taken.add(networkCidr);
    return {
      name: environment.name,
      production,
      networkCidr,
      nodeInstanceType:
        environment.nodeInstanceType ?? defaults.nodeInstanceType,
      minNodes: environment.minNodes ?? 1,
      maxNodes:
        environment.maxNodes ??
        Math.max(DEFAULT_MAX_NODES, environment.minNodes ?? 1),
      databaseInstanceType:
        environment.databaseInstanceType ?? defaults.databaseInstanceType,
      databaseStorageGb: environment.databaseStorageGb ?? defaults.storageGb,
      readReplica: environment.readReplica ?? production,
    };
  });
  return {
    name: value.name,
    owner: nameOf(value.owner),
    system: nameOf(value.system),
    cloud: value.cloud,
    region: value.region,
    gcpProject: value.gcpProject,
    azureSubscriptionId: value.azureSubscriptionId,
    state: value.state,
    kubernetesVersion: value.kubernetesVersion,
    postgresVersion: value.postgresVersion,
    namespace: value.namespace ?? value.name,
    serviceAccount: value.serviceAccount ?? value.name,
    environments,
  };
}

/** Where generated files go by default, relative to the workspace. */
export const DEFAULT_TERRAFORM_DIRECTORY = 'terraform';
