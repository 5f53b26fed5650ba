import type {
  TerraformEnvironmentModel,
  TerraformEnvironmentSpec,
} from '../model';
import {
  Argument,
  databaseName,
  moduleCall,
  output,
  plain,
  renderLocals,
  renderVersions,
  stateKey,
  text,
} from './rootParts';

/** The root module of one AWS environment, file name to content. */
export function renderAwsRoot(
  model: TerraformEnvironmentModel,
  environment: TerraformEnvironmentSpec,
): Record<string, string> {
  const state = model.state;
  const backend: Argument[] = [
    ['bucket', text(state.bucket!)],
    ['key', text(stateKey(model, environment.name))],
    ['region', text(state.region ?? model.region)],
    ['encrypt', plain(true)],
    state.lockTable
      ? ['dynamodb_table', text(state.lockTable)]
      : ['use_lockfile', plain(true)],
  ];
  const tags = 'local.cost_tags';
  const main = [
    renderLocals(model, environment, 'cost_tags'),
    moduleCall('network', 'network', [
      ['name', 'local.name'],
      ['cidr', text(environment.networkCidr)],
      ['tags', tags],
    ]),
    moduleCall('kubernetes', 'kubernetes', [
      ['name', 'local.name'],
      ['kubernetes_version', text(model.kubernetesVersion)],
      ['subnet_ids', 'module.network.private_subnet_ids'],
      ['node_instance_type', text(environment.nodeInstanceType)],
      ['min_nodes', plain(environment.minNodes)],
      ['max_nodes', plain(environment.maxNodes)],
      ['tags', tags],
    ]),
    moduleCall('database', 'database', [
      ['name', 'local.name'],
      ['database_name', text(databaseName(model))],
      ['engine_version', plain(model.postgresVersion)],
      ['instance_class', text(environment.databaseInstanceType)],
      ['storage_gb', plain(environment.databaseStorageGb)],
      ['vpc_id', 'module.network.vpc_id'],
      ['subnet_ids', 'module.network.private_subnet_ids'],
      ['allowed_cidr', 'module.network.cidr'],
      ['read_replica', plain(environment.readReplica)],
      ['high_availability', plain(environment.production)],
      ['deletion_protection', plain(environment.production)],
      ['tags', tags],
    ]),
    moduleCall('bucket', 'bucket', [
      ['name', 'local.name'],
      ['tags', tags],
    ]),
    moduleCall('service_identity', 'service-identity', [
      ['name', 'local.name'],
      ['oidc_provider_arn', 'module.kubernetes.oidc_provider_arn'],
      ['oidc_issuer', 'module.kubernetes.oidc_issuer'],
      ['namespace', text(model.namespace)],
      ['service_account', text(model.serviceAccount)],
      ['bucket_arn', 'module.bucket.bucket_arn'],
      ['database_resource_id', 'module.database.resource_id'],
      ['database_user', text(databaseName(model))],
      ['tags', tags],
    ]),
  ].join('\n');
  const providers = `provider "aws" {
  region = ${text(model.region)}

  default_tags {
    tags = local.cost_tags
  }
}
`;
  const outputs = [
    output('cluster_name', 'EKS cluster.', 'module.kubernetes.cluster_name'),
    output(
      'database_endpoint',
      'PostgreSQL primary.',
      'module.database.endpoint',
    ),
    output(
      'database_replica_endpoint',
      'PostgreSQL read replica (null without one).',
      'module.database.replica_endpoint',
    ),
    output(
      'bucket_name',
      'Object bucket of the service.',
      'module.bucket.bucket_name',
    ),
    output(
      'service_role_arn',
      'IAM role for the service account annotation eks.amazonaws.com/role-arn.',
      'module.service_identity.role_arn',
    ),
  ].join('\n');
  return {
    'versions.tf': renderVersions('aws', 's3', backend),
    'providers.tf': providers,
    'main.tf': main,
    'outputs.tf': outputs,
  };
}
