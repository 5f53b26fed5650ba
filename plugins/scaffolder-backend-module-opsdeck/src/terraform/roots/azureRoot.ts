import {
  AKS_POD_CIDR,
  AKS_SERVICE_CIDR,
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

/** The root module of one Azure environment, file name to content. */
export function renderAzureRoot(
  model: TerraformEnvironmentModel,
  environment: TerraformEnvironmentSpec,
): Record<string, string> {
  const tags = 'local.cost_tags';
  const location = 'azurerm_resource_group.this.location';
  const group = 'azurerm_resource_group.this.name';
  const lock = environment.production
    ? `
resource "azurerm_management_lock" "no_delete" {
  name       = "production-no-delete"
  scope      = azurerm_resource_group.this.id
  lock_level = "CanNotDelete"
  notes      = "Deletion protection of a production environment"
}
`
    : '';
  const main = [
    renderLocals(model, environment, 'cost_tags'),
    `resource "azurerm_resource_group" "this" {
  name     = "rg-\${local.name}"
  location = ${text(model.region)}
  tags     = local.cost_tags
}
${lock}`,
    moduleCall('network', 'network', [
      ['name', 'local.name'],
      ['location', location],
      ['resource_group_name', group],
      ['cidr', text(environment.networkCidr)],
      ['tags', tags],
    ]),
    moduleCall('kubernetes', 'kubernetes', [
      ['name', 'local.name'],
      ['location', location],
      ['resource_group_name', group],
      ['kubernetes_version', text(model.kubernetesVersion)],
      ['node_subnet_id', 'module.network.node_subnet_id'],
      ['node_vm_size', text(environment.nodeInstanceType)],
      ['min_nodes', plain(environment.minNodes)],
      ['max_nodes', plain(environment.maxNodes)],
      ['service_cidr', text(AKS_SERVICE_CIDR)],
      ['pod_cidr', text(AKS_POD_CIDR)],
      ['production', plain(environment.production)],
      ['tags', tags],
    ]),
    moduleCall(
      'database',
      'database',
      [
        ['name', `"\${local.name}-pg"`],
        ['location', location],
        ['resource_group_name', group],
        ['database_name', text(databaseName(model))],
        ['engine_version', plain(model.postgresVersion)],
        ['sku_name', text(environment.databaseInstanceType)],
        ['storage_gb', plain(environment.databaseStorageGb)],
        ['subnet_id', 'module.network.database_subnet_id'],
        ['private_dns_zone_id', 'module.network.postgres_dns_zone_id'],
        ['administrator_name', 'var.database_administrator_name'],
        ['read_replica', plain(environment.readReplica)],
        ['high_availability', plain(environment.production)],
        ['tags', tags],
      ],
      ['module.network'],
    ),
    moduleCall('bucket', 'bucket', [
      ['name', 'local.name'],
      ['location', location],
      ['resource_group_name', group],
      ['replication', text(environment.production ? 'ZRS' : 'LRS')],
      ['tags', tags],
    ]),
    moduleCall('service_identity', 'service-identity', [
      ['name', 'local.name'],
      ['location', location],
      ['resource_group_name', group],
      ['oidc_issuer_url', 'module.kubernetes.oidc_issuer_url'],
      ['namespace', text(model.namespace)],
      ['service_account', text(model.serviceAccount)],
      ['container_id', 'module.bucket.container_id'],
      ['tags', tags],
    ]),
  ].join('\n');
  const providers = `provider "azurerm" {
  subscription_id     = ${text(model.azureSubscriptionId!)}
  storage_use_azuread = true

  features {
    resource_group {
      prevent_deletion_if_contains_resources = true
    }
  }
}
`;
  const variables = `variable "database_administrator_name" {
  description = "Display name of the Entra ID service principal that runs Terraform; it becomes the PostgreSQL administrator."
  type        = string
  default     = "terraform"
}
`;
  const outputs = [
    output('cluster_name', 'AKS cluster.', 'module.kubernetes.cluster_name'),
    output(
      'database_fqdn',
      'PostgreSQL primary (private).',
      'module.database.fqdn',
    ),
    output(
      'database_replica_fqdn',
      'PostgreSQL read replica (null without one).',
      'module.database.replica_fqdn',
    ),
    output(
      'storage_account_name',
      'Storage account of the service.',
      'module.bucket.storage_account_name',
    ),
    output(
      'service_client_id',
      'Managed identity for the annotation azure.workload.identity/client-id.',
      'module.service_identity.client_id',
    ),
  ].join('\n');
  const state = model.state;
  return {
    'versions.tf': renderVersions('azure', 'azurerm', [
      ['resource_group_name', text(state.resourceGroup!)],
      ['storage_account_name', text(state.storageAccount!)],
      ['container_name', text(state.container)],
      ['key', text(stateKey(model, environment.name))],
      ['use_azuread_auth', plain(true)],
    ]),
    'providers.tf': providers,
    'variables.tf': variables,
    'main.tf': main,
    'outputs.tf': outputs,
  };
}
