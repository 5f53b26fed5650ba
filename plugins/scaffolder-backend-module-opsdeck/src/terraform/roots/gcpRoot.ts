import type {
  TerraformEnvironmentModel,
  TerraformEnvironmentSpec,
} from '../model';
import {
  databaseName,
  moduleCall,
  output,
  plain,
  renderLocals,
  renderVersions,
  stateKey,
  text,
} from './rootParts';

/**
 * A Google service account id (6-30 characters, a letter first, no trailing
 * dash) made of the environment name and a suffix.
 */
export function gcpServiceAccountId(base: string, suffix: string): string {
  const room = 30 - suffix.length - 1;
  const head = base.slice(0, room).replace(/-+$/, '');
  return `${head}-${suffix}`.padEnd(6, '0');
}

/** APIs the generated resources need, enabled by each root. */
export const REQUIRED_GCP_APIS = [
  'compute.googleapis.com',
  'container.googleapis.com',
  'iam.googleapis.com',
  'servicenetworking.googleapis.com',
  'sqladmin.googleapis.com',
  'storage.googleapis.com',
];

/** The root module of one Google Cloud environment, file name to content. */
export function renderGcpRoot(
  model: TerraformEnvironmentModel,
  environment: TerraformEnvironmentSpec,
): Record<string, string> {
  const name = `${model.name}-${environment.name}`;
  const labels = 'local.cost_labels';
  const project = text(model.gcpProject!);
  const region = text(model.region);
  const apis = 'google_project_service.required';
  const main = [
    renderLocals(model, environment, 'cost_labels'),
    `resource "google_project_service" "required" {
  for_each = toset([
${REQUIRED_GCP_APIS.map(api => `    ${text(api)},`).join('\n')}
  ])
  project            = ${project}
  service            = each.value
  disable_on_destroy = false
}
`,
    moduleCall(
      'network',
      'network',
      [
        ['project', project],
        ['region', region],
        ['name', 'local.name'],
        ['cidr', text(environment.networkCidr)],
        ['labels', labels],
      ],
      [apis],
    ),
    moduleCall(
      'kubernetes',
      'kubernetes',
      [
        ['project', project],
        ['region', region],
        ['name', 'local.name'],
        ['kubernetes_version', text(model.kubernetesVersion)],
        ['network_id', 'module.network.network_id'],
        ['subnetwork_id', 'module.network.subnetwork_id'],
        ['pods_range_name', 'module.network.pods_range_name'],
        ['services_range_name', 'module.network.services_range_name'],
        ['node_service_account_id', text(gcpServiceAccountId(name, 'nodes'))],
        ['node_machine_type', text(environment.nodeInstanceType)],
        ['min_nodes', plain(environment.minNodes)],
        ['max_nodes', plain(environment.maxNodes)],
        ['deletion_protection', plain(environment.production)],
        ['labels', labels],
      ],
      [apis],
    ),
    moduleCall(
      'database',
      'database',
      [
        ['project', project],
        ['region', region],
        ['name', 'local.name'],
        ['database_name', text(databaseName(model))],
        ['engine_version', plain(model.postgresVersion)],
        ['tier', text(environment.databaseInstanceType)],
        ['storage_gb', plain(environment.databaseStorageGb)],
        ['network_id', 'module.network.network_id'],
        ['read_replica', plain(environment.readReplica)],
        ['high_availability', plain(environment.production)],
        ['deletion_protection', plain(environment.production)],
        ['labels', labels],
      ],
      ['module.network', apis],
    ),
    moduleCall(
      'bucket',
      'bucket',
      [
        ['project', project],
        ['region', region],
        ['name', 'local.name'],
        ['labels', labels],
      ],
      [apis],
    ),
    moduleCall(
      'service_identity',
      'service-identity',
      [
        ['project', project],
        ['account_id', text(gcpServiceAccountId(name, 'app'))],
        ['namespace', text(model.namespace)],
        ['service_account', text(model.serviceAccount)],
        ['bucket_name', 'module.bucket.bucket_name'],
        ['database_instance_name', 'module.database.instance_name'],
      ],
      [apis],
    ),
  ].join('\n');
  const providers = `provider "google" {
  project = ${project}
  region  = ${region}

  default_labels = local.cost_labels
}
`;
  const outputs = [
    output('cluster_name', 'GKE cluster.', 'module.kubernetes.cluster_name'),
    output(
      'database_connection_name',
      'Cloud SQL primary, for the Cloud SQL connectors.',
      'module.database.connection_name',
    ),
    output(
      'database_replica_connection_name',
      'Cloud SQL read replica (null without one).',
      'module.database.replica_connection_name',
    ),
    output(
      'bucket_name',
      'Object bucket of the service.',
      'module.bucket.bucket_name',
    ),
    output(
      'service_account_email',
      'Google service account for the annotation iam.gke.io/gcp-service-account.',
      'module.service_identity.email',
    ),
  ].join('\n');
  return {
    'versions.tf': renderVersions('gcp', 'gcs', [
      ['bucket', text(model.state.bucket!)],
      [
        'prefix',
        text(
          stateKey(model, environment.name).replace(
            /\/terraform\.tfstate$/,
            '',
          ),
        ),
      ],
    ]),
    'providers.tf': providers,
    'main.tf': main,
    'outputs.tf': outputs,
  };
}
