/**
 * Reusable Terraform modules for Azure: VNet, AKS with workload identity, PostgreSQL flexible server, Blob Storage.
 * They take every value as a variable: no user text is ever placed in them.
 */
export const AZURE_MODULE_FILES: Readonly<Record<string, string>> = {
  'network/versions.tf': `terraform {
  required_providers {
    azurerm = {
      source = "hashicorp/azurerm"
    }
  }
}
`,
  'network/main.tf': `resource "azurerm_virtual_network" "this" {
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
  'network/variables.tf': `variable "name" {
  description = "Name prefix of the network resources."
  type        = string
}

variable "location" {
  description = "Azure region."
  type        = string
}

variable "resource_group_name" {
  description = "Resource group of the environment."
  type        = string
}

variable "cidr" {
  description = "Private IPv4 range of the VNet (/16 to /20); subnets are cut from it."
  type        = string
}

variable "tags" {
  description = "Cost-allocation tags put on every resource."
  type        = map(string)
}
`,
  'network/outputs.tf': `output "vnet_id" {
  description = "ID of the virtual network."
  value       = azurerm_virtual_network.this.id
}

output "node_subnet_id" {
  description = "Subnet of the AKS nodes."
  value       = azurerm_subnet.nodes.id
}

output "database_subnet_id" {
  description = "Subnet delegated to PostgreSQL flexible servers."
  value       = azurerm_subnet.database.id
}

output "postgres_dns_zone_id" {
  description = "Private DNS zone of the PostgreSQL servers, linked to the VNet."
  value       = azurerm_private_dns_zone.postgres.id
}
`,
  'kubernetes/versions.tf': `terraform {
  required_providers {
    azurerm = {
      source = "hashicorp/azurerm"
    }
  }
}
`,
  'kubernetes/main.tf': `resource "azurerm_kubernetes_cluster" "this" {
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
  'kubernetes/variables.tf': `variable "name" {
  description = "Name of the AKS cluster."
  type        = string
}

variable "location" {
  description = "Azure region."
  type        = string
}

variable "resource_group_name" {
  description = "Resource group of the environment."
  type        = string
}

variable "kubernetes_version" {
  description = "Kubernetes minor version, e.g. 1.33."
  type        = string
}

variable "node_subnet_id" {
  description = "Subnet of the nodes."
  type        = string
}

variable "node_vm_size" {
  description = "VM size of the nodes."
  type        = string
}

variable "min_nodes" {
  description = "Lower bound of the workload node pool autoscaler."
  type        = number
}

variable "max_nodes" {
  description = "Upper bound of the workload node pool autoscaler."
  type        = number
}

variable "service_cidr" {
  description = "Kubernetes service range; must not overlap the VNet."
  type        = string
}

variable "pod_cidr" {
  description = "Overlay pod range; must not overlap the VNet."
  type        = string
}

variable "production" {
  description = "Standard tier (uptime SLA) instead of Free."
  type        = bool
}

variable "tags" {
  description = "Cost-allocation tags put on every resource."
  type        = map(string)
}
`,
  'kubernetes/outputs.tf': `output "cluster_name" {
  description = "Name of the AKS cluster."
  value       = azurerm_kubernetes_cluster.this.name
}

output "oidc_issuer_url" {
  description = "Issuer of the cluster's service account tokens, for federated credentials."
  value       = azurerm_kubernetes_cluster.this.oidc_issuer_url
}
`,
  'database/versions.tf': `terraform {
  required_providers {
    azurerm = {
      source = "hashicorp/azurerm"
    }
  }
}
`,
  'database/main.tf': `data "azurerm_client_config" "current" {}

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
  'database/variables.tf': `variable "name" {
  description = "Name of the flexible server (globally unique)."
  type        = string
}

variable "location" {
  description = "Azure region."
  type        = string
}

variable "resource_group_name" {
  description = "Resource group of the environment."
  type        = string
}

variable "database_name" {
  description = "Name of the database created in the server."
  type        = string
}

variable "engine_version" {
  description = "PostgreSQL major version."
  type        = number
}

variable "sku_name" {
  description = "Flexible server SKU, e.g. GP_Standard_D2ds_v5."
  type        = string
}

variable "storage_gb" {
  description = "Storage size (32, 64, 128, ... 16384)."
  type        = number
}

variable "subnet_id" {
  description = "Subnet delegated to PostgreSQL flexible servers."
  type        = string
}

variable "private_dns_zone_id" {
  description = "Private DNS zone linked to the VNet."
  type        = string
}

variable "administrator_name" {
  description = "Display name of the Entra ID principal running Terraform, made the server administrator."
  type        = string
}

variable "read_replica" {
  description = "Create a read replica."
  type        = bool
}

variable "high_availability" {
  description = "Zone-redundant standby and geo-redundant backups."
  type        = bool
}

variable "tags" {
  description = "Cost-allocation tags put on every resource."
  type        = map(string)
}
`,
  'database/outputs.tf': `output "fqdn" {
  description = "Private host name of the primary."
  value       = azurerm_postgresql_flexible_server.primary.fqdn
}

output "replica_fqdn" {
  description = "Private host name of the read replica, when there is one."
  value       = var.read_replica ? azurerm_postgresql_flexible_server.replica[0].fqdn : null
}
`,
  'bucket/versions.tf': `terraform {
  required_providers {
    azurerm = {
      source = "hashicorp/azurerm"
    }
    random = {
      source = "hashicorp/random"
    }
  }
}
`,
  'bucket/main.tf': `resource "random_string" "suffix" {
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
  'bucket/variables.tf': `variable "name" {
  description = "Prefix of the storage account name; a unique suffix is added."
  type        = string
}

variable "location" {
  description = "Azure region."
  type        = string
}

variable "resource_group_name" {
  description = "Resource group of the environment."
  type        = string
}

variable "replication" {
  description = "Replication of the storage account (LRS, ZRS, GZRS)."
  type        = string
}

variable "tags" {
  description = "Cost-allocation tags put on every resource."
  type        = map(string)
}
`,
  'bucket/outputs.tf': `output "storage_account_name" {
  description = "Name of the storage account."
  value       = azurerm_storage_account.this.name
}

output "container_id" {
  description = "Resource manager ID of the private blob container."
  value       = azurerm_storage_container.this.id
}
`,
  'service-identity/versions.tf': `terraform {
  required_providers {
    azurerm = {
      source = "hashicorp/azurerm"
    }
  }
}
`,
  'service-identity/main.tf': `resource "azurerm_user_assigned_identity" "this" {
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
  'service-identity/variables.tf': `variable "name" {
  description = "Name of the service's managed identity."
  type        = string
}

variable "location" {
  description = "Azure region."
  type        = string
}

variable "resource_group_name" {
  description = "Resource group of the environment."
  type        = string
}

variable "oidc_issuer_url" {
  description = "Issuer of the AKS cluster's service account tokens."
  type        = string
}

variable "namespace" {
  description = "Kubernetes namespace of the service."
  type        = string
}

variable "service_account" {
  description = "Kubernetes service account the pods run as."
  type        = string
}

variable "container_id" {
  description = "Blob container the service reads and writes."
  type        = string
}

variable "tags" {
  description = "Cost-allocation tags put on every resource."
  type        = map(string)
}
`,
  'service-identity/outputs.tf': `output "client_id" {
  description = "Client ID to annotate the Kubernetes service account with (azure.workload.identity/client-id)."
  value       = azurerm_user_assigned_identity.this.client_id
}

output "principal_id" {
  description = "Object ID of the identity, for a database role created with pgaadauth_create_principal."
  value       = azurerm_user_assigned_identity.this.principal_id
}
`,
};
