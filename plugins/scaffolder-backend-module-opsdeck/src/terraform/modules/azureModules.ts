import {
  COMMON_VARIABLES,
  ModuleSource,
  renderModuleFiles,
} from './moduleFiles';

const MODULES: Record<string, ModuleSource> = {
  network: {
    providers: ['azurerm'],
    variables: [
      ['name', 'string', 'Name prefix of the network resources.'],
      COMMON_VARIABLES.location,
      COMMON_VARIABLES.resourceGroup,
      [
        'cidr',
        'string',
        'Private IPv4 range of the VNet (/16 to /20); subnets are cut from it.',
      ],
      COMMON_VARIABLES.tags,
    ],
    outputs: [
      [
        'vnet_id',
        'ID of the virtual network.',
        `azurerm_virtual_network.this.id`,
      ],
      ['node_subnet_id', 'Subnet of the AKS nodes.', `azurerm_subnet.nodes.id`],
      [
        'database_subnet_id',
        'Subnet delegated to PostgreSQL flexible servers.',
        `azurerm_subnet.database.id`,
      ],
      [
        'postgres_dns_zone_id',
        'Private DNS zone of the PostgreSQL servers, linked to the VNet.',
        `azurerm_private_dns_zone.postgres.id`,
      ],
    ],
    main: `resource "azurerm_virtual_network" "this" {
  name                = var.name
  location            = var.location
  resource_group_name = var.resource_group_name
  address_space       = [var.cidr]
  tags                = var.tags
}

resource "azurerm_subnet" "nodes" {
  name                 = "nodes"
  resource_group_name  = var.resource_group_name
  virtual_network_name = azurerm_virtual_network.this.name
  address_prefixes     = [cidrsubnet(var.cidr, 4, 0)]
}

resource "azurerm_subnet" "database" {
  name                 = "database"
  resource_group_name  = var.resource_group_name
  virtual_network_name = azurerm_virtual_network.this.name
  address_prefixes     = [cidrsubnet(var.cidr, 4, 1)]

  delegation {
    name = "postgres"
    service_delegation {
      name    = "Microsoft.DBforPostgreSQL/flexibleServers"
      actions = ["Microsoft.Network/virtualNetworks/subnets/join/action"]
    }
  }
}

resource "azurerm_private_dns_zone" "postgres" {
  name                = "\${var.name}.private.postgres.database.azure.com"
  resource_group_name = var.resource_group_name
  tags                = var.tags
}

resource "azurerm_private_dns_zone_virtual_network_link" "postgres" {
  name                  = var.name
  resource_group_name   = var.resource_group_name
  private_dns_zone_name = azurerm_private_dns_zone.postgres.name
  virtual_network_id    = azurerm_virtual_network.this.id
  tags                  = var.tags
}
`,
  },
  kubernetes: {
    providers: ['azurerm'],
    variables: [
      ['name', 'string', 'Name of the AKS cluster.'],
      COMMON_VARIABLES.location,
      COMMON_VARIABLES.resourceGroup,
      COMMON_VARIABLES.kubernetesVersion,
      ['node_subnet_id', 'string', 'Subnet of the nodes.'],
      ['node_vm_size', 'string', 'VM size of the nodes.'],
      [
        'min_nodes',
        'number',
        'Lower bound of the workload node pool autoscaler.',
      ],
      [
        'max_nodes',
        'number',
        'Upper bound of the workload node pool autoscaler.',
      ],
      [
        'service_cidr',
        'string',
        'Kubernetes service range; must not overlap the VNet.',
      ],
      ['pod_cidr', 'string', 'Overlay pod range; must not overlap the VNet.'],
      ['production', 'bool', 'Standard tier (uptime SLA) instead of Free.'],
      COMMON_VARIABLES.tags,
    ],
    outputs: [
      [
        'cluster_name',
        'Name of the AKS cluster.',
        `azurerm_kubernetes_cluster.this.name`,
      ],
      [
        'oidc_issuer_url',
        "Issuer of the cluster's service account tokens, for federated credentials.",
        `azurerm_kubernetes_cluster.this.oidc_issuer_url`,
      ],
    ],
    main: `resource "azurerm_kubernetes_cluster" "this" {
  name                              = var.name
  location                          = var.location
  resource_group_name               = var.resource_group_name
  dns_prefix                        = var.name
  kubernetes_version                = var.kubernetes_version
  sku_tier                          = var.production ? "Standard" : "Free"
  oidc_issuer_enabled               = true
  workload_identity_enabled         = true
  local_account_disabled            = true
  role_based_access_control_enabled = true
  automatic_upgrade_channel         = "patch"
  tags                              = var.tags

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled = true
  }

  default_node_pool {
    name                         = "system"
    vm_size                      = var.node_vm_size
    vnet_subnet_id               = var.node_subnet_id
    auto_scaling_enabled         = true
    min_count                    = 1
    max_count                    = 3
    only_critical_addons_enabled = true
    temporary_name_for_rotation  = "systemtmp"
    tags                         = var.tags

    upgrade_settings {
      max_surge = "33%"
    }
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_policy      = "azure"
    service_cidr        = var.service_cidr
    dns_service_ip      = cidrhost(var.service_cidr, 10)
    pod_cidr            = var.pod_cidr
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "workloads" {
  name                  = "workloads"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.this.id
  mode                  = "User"
  vm_size               = var.node_vm_size
  vnet_subnet_id        = var.node_subnet_id
  auto_scaling_enabled  = true
  min_count             = var.min_nodes
  max_count             = var.max_nodes
  tags                  = var.tags

  upgrade_settings {
    max_surge = "33%"
  }
}

resource "azurerm_role_assignment" "cluster_network" {
  scope                = var.node_subnet_id
  role_definition_name = "Network Contributor"
  principal_id         = azurerm_kubernetes_cluster.this.identity[0].principal_id
  principal_type       = "ServicePrincipal"
}
`,
  },
  database: {
    providers: ['azurerm'],
    variables: [
      ['name', 'string', 'Name of the flexible server (globally unique).'],
      COMMON_VARIABLES.location,
      COMMON_VARIABLES.resourceGroup,
      [
        'database_name',
        'string',
        'Name of the database created in the server.',
      ],
      COMMON_VARIABLES.engineVersion,
      ['sku_name', 'string', 'Flexible server SKU, e.g. GP_Standard_D2ds_v5.'],
      ['storage_gb', 'number', 'Storage size (32, 64, 128, ... 16384).'],
      [
        'subnet_id',
        'string',
        'Subnet delegated to PostgreSQL flexible servers.',
      ],
      ['private_dns_zone_id', 'string', 'Private DNS zone linked to the VNet.'],
      [
        'administrator_name',
        'string',
        'Display name of the Entra ID principal running Terraform, made the server administrator.',
      ],
      COMMON_VARIABLES.readReplica,
      [
        'high_availability',
        'bool',
        'Zone-redundant standby and geo-redundant backups.',
      ],
      COMMON_VARIABLES.tags,
    ],
    outputs: [
      [
        'fqdn',
        'Private host name of the primary.',
        `azurerm_postgresql_flexible_server.primary.fqdn`,
      ],
      [
        'replica_fqdn',
        'Private host name of the read replica, when there is one.',
        `var.read_replica ? azurerm_postgresql_flexible_server.replica[0].fqdn : null`,
      ],
    ],
    main: `data "azurerm_client_config" "current" {}

resource "azurerm_postgresql_flexible_server" "primary" {
  name                          = var.name
  location                      = var.location
  resource_group_name           = var.resource_group_name
  version                       = tostring(var.engine_version)
  sku_name                      = var.sku_name
  storage_mb                    = var.storage_gb * 1024
  auto_grow_enabled             = true
  delegated_subnet_id           = var.subnet_id
  private_dns_zone_id           = var.private_dns_zone_id
  public_network_access_enabled = false
  backup_retention_days         = var.high_availability ? 35 : 7
  geo_redundant_backup_enabled  = var.high_availability
  tags                          = var.tags

  authentication {
    active_directory_auth_enabled = true
    password_auth_enabled         = false
    tenant_id                     = data.azurerm_client_config.current.tenant_id
  }

  dynamic "high_availability" {
    for_each = var.high_availability ? ["ZoneRedundant"] : []
    content {
      mode = high_availability.value
    }
  }

  lifecycle {
    ignore_changes = [zone, high_availability]
  }
}

resource "azurerm_postgresql_flexible_server_active_directory_administrator" "deployer" {
  server_name         = azurerm_postgresql_flexible_server.primary.name
  resource_group_name = var.resource_group_name
  tenant_id           = data.azurerm_client_config.current.tenant_id
  object_id           = data.azurerm_client_config.current.object_id
  principal_name      = var.administrator_name
  principal_type      = "ServicePrincipal"
}

resource "azurerm_postgresql_flexible_server" "replica" {
  count                         = var.read_replica ? 1 : 0
  name                          = "\${var.name}-replica"
  location                      = var.location
  resource_group_name           = var.resource_group_name
  create_mode                   = "Replica"
  source_server_id              = azurerm_postgresql_flexible_server.primary.id
  version                       = tostring(var.engine_version)
  sku_name                      = var.sku_name
  storage_mb                    = var.storage_gb * 1024
  delegated_subnet_id           = var.subnet_id
  private_dns_zone_id           = var.private_dns_zone_id
  public_network_access_enabled = false
  tags                          = var.tags

  lifecycle {
    ignore_changes = [zone]
  }
}

resource "azurerm_postgresql_flexible_server_database" "this" {
  name      = var.database_name
  server_id = azurerm_postgresql_flexible_server.primary.id
  charset   = "UTF8"
  collation = "en_US.utf8"
}
`,
  },
  bucket: {
    providers: ['azurerm', 'random'],
    variables: [
      [
        'name',
        'string',
        'Prefix of the storage account name; a unique suffix is added.',
      ],
      COMMON_VARIABLES.location,
      COMMON_VARIABLES.resourceGroup,
      [
        'replication',
        'string',
        'Replication of the storage account (LRS, ZRS, GZRS).',
      ],
      COMMON_VARIABLES.tags,
    ],
    outputs: [
      [
        'storage_account_name',
        'Name of the storage account.',
        `azurerm_storage_account.this.name`,
      ],
      [
        'container_id',
        'Resource manager ID of the private blob container.',
        `azurerm_storage_container.this.id`,
      ],
    ],
    main: `resource "random_string" "suffix" {
  length  = 6
  special = false
  upper   = false
}

resource "azurerm_storage_account" "this" {
  name                              = "\${substr(replace(var.name, "-", ""), 0, 18)}\${random_string.suffix.result}"
  location                          = var.location
  resource_group_name               = var.resource_group_name
  account_kind                      = "StorageV2"
  account_tier                      = "Standard"
  account_replication_type          = var.replication
  min_tls_version                   = "TLS1_2"
  https_traffic_only_enabled        = true
  allow_nested_items_to_be_public   = false
  shared_access_key_enabled         = false
  infrastructure_encryption_enabled = true
  tags                              = var.tags

  blob_properties {
    versioning_enabled = true
    delete_retention_policy {
      days = 7
    }
  }
}

resource "azurerm_storage_container" "this" {
  name                  = "data"
  storage_account_id    = azurerm_storage_account.this.id
  container_access_type = "private"
}
`,
  },
  'service-identity': {
    providers: ['azurerm'],
    variables: [
      ['name', 'string', "Name of the service's managed identity."],
      COMMON_VARIABLES.location,
      COMMON_VARIABLES.resourceGroup,
      [
        'oidc_issuer_url',
        'string',
        "Issuer of the AKS cluster's service account tokens.",
      ],
      COMMON_VARIABLES.namespace,
      COMMON_VARIABLES.serviceAccount,
      [
        'container_id',
        'string',
        'Blob container the service reads and writes.',
      ],
      COMMON_VARIABLES.tags,
    ],
    outputs: [
      [
        'client_id',
        'Client ID to annotate the Kubernetes service account with (azure.workload.identity/client-id).',
        `azurerm_user_assigned_identity.this.client_id`,
      ],
      [
        'principal_id',
        'Object ID of the identity, for a database role created with pgaadauth_create_principal.',
        `azurerm_user_assigned_identity.this.principal_id`,
      ],
    ],
    main: `resource "azurerm_user_assigned_identity" "this" {
  name                = var.name
  location            = var.location
  resource_group_name = var.resource_group_name
  tags                = var.tags
}

resource "azurerm_federated_identity_credential" "kubernetes" {
  name                = "kubernetes"
  resource_group_name = var.resource_group_name
  parent_id           = azurerm_user_assigned_identity.this.id
  audience            = ["api://AzureADTokenExchange"]
  issuer              = var.oidc_issuer_url
  subject             = "system:serviceaccount:\${var.namespace}:\${var.service_account}"
}

resource "azurerm_role_assignment" "blob_data" {
  scope                = var.container_id
  role_definition_name = "Storage Blob Data Contributor"
  principal_id         = azurerm_user_assigned_identity.this.principal_id
  principal_type       = "ServicePrincipal"
}
`,
  },
};

/**
 * Reusable Terraform modules for Azure: VNet, AKS with workload identity, PostgreSQL flexible server, Blob Storage.
 * They take every value as a variable: no user text is ever placed in them.
 */
export const AZURE_MODULE_FILES: Readonly<Record<string, string>> =
  renderModuleFiles(MODULES);
