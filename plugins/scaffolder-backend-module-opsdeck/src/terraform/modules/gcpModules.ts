/**
 * Reusable Terraform modules for Google Cloud: VPC, GKE with workload identity, Cloud SQL for PostgreSQL, Cloud Storage.
 * They take every value as a variable: no user text is ever placed in them.
 */
export const GCP_MODULE_FILES: Readonly<Record<string, string>> = {
  'network/versions.tf': `terraform {
  required_providers {
    google = {
      source = "hashicorp/google"
    }
  }
}
`,
  'network/main.tf': `resource "google_compute_network" "this" {
  project                 = var.project
  name                    = var.name
  auto_create_subnetworks = false
  routing_mode            = "REGIONAL"
}

resource "google_compute_subnetwork" "private" {
  project                  = var.project
  region                   = var.region
  name                     = "\${var.name}-private"
  network                  = google_compute_network.this.id
  ip_cidr_range            = cidrsubnet(var.cidr, 4, 0)
  private_ip_google_access = true

  secondary_ip_range {
    range_name    = "pods"
    ip_cidr_range = cidrsubnet(var.cidr, 1, 1)
  }

  secondary_ip_range {
    range_name    = "services"
    ip_cidr_range = cidrsubnet(var.cidr, 4, 1)
  }

  log_config {
    aggregation_interval = "INTERVAL_5_MIN"
    flow_sampling        = 0.5
  }
}

resource "google_compute_router" "this" {
  project = var.project
  region  = var.region
  name    = var.name
  network = google_compute_network.this.id
}

resource "google_compute_router_nat" "this" {
  project                            = var.project
  region                             = var.region
  name                               = var.name
  router                             = google_compute_router.this.name
  nat_ip_allocate_option             = "AUTO_ONLY"
  source_subnetwork_ip_ranges_to_nat = "ALL_SUBNETWORKS_ALL_IP_RANGES"
}

resource "google_compute_global_address" "private_services" {
  project       = var.project
  name          = "\${var.name}-private-services"
  purpose       = "VPC_PEERING"
  address_type  = "INTERNAL"
  prefix_length = 20
  network       = google_compute_network.this.id
}

resource "google_service_networking_connection" "private_services" {
  network                 = google_compute_network.this.id
  service                 = "servicenetworking.googleapis.com"
  reserved_peering_ranges = [google_compute_global_address.private_services.name]
}
`,
  'network/variables.tf': `variable "project" {
  description = "Google Cloud project."
  type        = string
}

variable "region" {
  description = "Region of the subnetwork."
  type        = string
}

variable "name" {
  description = "Name prefix of the network resources."
  type        = string
}

variable "cidr" {
  description = "Private IPv4 range (/16 to /20): nodes, services and pods are cut from it."
  type        = string
}
`,
  'network/outputs.tf': `output "network_id" {
  description = "ID of the VPC network."
  value       = google_compute_network.this.id
}

output "subnetwork_id" {
  description = "ID of the private subnetwork."
  value       = google_compute_subnetwork.private.id
}

output "pods_range_name" {
  description = "Secondary range for pods."
  value       = "pods"
}

output "services_range_name" {
  description = "Secondary range for services."
  value       = "services"
}

output "private_services_connection" {
  description = "Private services access peering, needed before Cloud SQL gets a private IP."
  value       = google_service_networking_connection.private_services.id
}
`,
  'kubernetes/versions.tf': `terraform {
  required_providers {
    google = {
      source = "hashicorp/google"
    }
  }
}
`,
  'kubernetes/main.tf': `resource "google_service_account" "nodes" {
  project      = var.project
  account_id   = var.node_service_account_id
  display_name = "GKE nodes of \${var.name}"
}

resource "google_project_iam_member" "nodes" {
  for_each = toset([
    "roles/logging.logWriter",
    "roles/monitoring.metricWriter",
    "roles/monitoring.viewer",
    "roles/stackdriver.resourceMetadata.writer",
    "roles/artifactregistry.reader",
  ])
  project = var.project
  role    = each.value
  member  = "serviceAccount:\${google_service_account.nodes.email}"
}

resource "google_container_cluster" "this" {
  project                  = var.project
  name                     = var.name
  location                 = var.region
  network                  = var.network_id
  subnetwork               = var.subnetwork_id
  min_master_version       = var.kubernetes_version
  networking_mode          = "VPC_NATIVE"
  remove_default_node_pool = true
  initial_node_count       = 1
  deletion_protection      = var.deletion_protection
  enable_shielded_nodes    = true
  resource_labels          = var.labels

  ip_allocation_policy {
    cluster_secondary_range_name  = var.pods_range_name
    services_secondary_range_name = var.services_range_name
  }

  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = false
  }

  workload_identity_config {
    workload_pool = "\${var.project}.svc.id.goog"
  }

  release_channel {
    channel = "REGULAR"
  }
}

resource "google_container_node_pool" "default" {
  project  = var.project
  name     = "default"
  location = var.region
  cluster  = google_container_cluster.this.id

  autoscaling {
    total_min_node_count = var.min_nodes
    total_max_node_count = var.max_nodes
  }

  management {
    auto_repair  = true
    auto_upgrade = true
  }

  node_config {
    machine_type    = var.node_machine_type
    service_account = google_service_account.nodes.email
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    resource_labels = var.labels

    workload_metadata_config {
      mode = "GKE_METADATA"
    }

    shielded_instance_config {
      enable_secure_boot = true
    }
  }
}
`,
  'kubernetes/variables.tf': `variable "project" {
  description = "Google Cloud project."
  type        = string
}

variable "region" {
  description = "Region of the (regional) cluster."
  type        = string
}

variable "name" {
  description = "Name of the GKE cluster."
  type        = string
}

variable "kubernetes_version" {
  description = "Minimum Kubernetes version of the control plane, e.g. 1.33."
  type        = string
}

variable "network_id" {
  description = "VPC network of the cluster."
  type        = string
}

variable "subnetwork_id" {
  description = "Subnetwork of the nodes."
  type        = string
}

variable "pods_range_name" {
  description = "Secondary range for pods."
  type        = string
}

variable "services_range_name" {
  description = "Secondary range for services."
  type        = string
}

variable "node_service_account_id" {
  description = "Account id of the nodes' service account (6-30 characters)."
  type        = string
}

variable "node_machine_type" {
  description = "Machine type of the nodes."
  type        = string
}

variable "min_nodes" {
  description = "Lower bound of the node pool autoscaler (whole pool)."
  type        = number
}

variable "max_nodes" {
  description = "Upper bound of the node pool autoscaler (whole pool)."
  type        = number
}

variable "deletion_protection" {
  description = "Refuse to delete the cluster."
  type        = bool
}

variable "labels" {
  description = "Cost-allocation labels put on every labelled resource."
  type        = map(string)
}
`,
  'kubernetes/outputs.tf': `output "cluster_name" {
  description = "Name of the GKE cluster."
  value       = google_container_cluster.this.name
}

output "cluster_endpoint" {
  description = "Endpoint of the Kubernetes API."
  value       = google_container_cluster.this.endpoint
}

output "workload_pool" {
  description = "Workload identity pool of the cluster."
  value       = "\${var.project}.svc.id.goog"
}
`,
  'database/versions.tf': `terraform {
  required_providers {
    google = {
      source = "hashicorp/google"
    }
  }
}
`,
  'database/main.tf': `resource "google_sql_database_instance" "primary" {
  project             = var.project
  region              = var.region
  name                = var.name
  database_version    = "POSTGRES_\${var.engine_version}"
  deletion_protection = var.deletion_protection

  settings {
    edition                     = "ENTERPRISE"
    tier                        = var.tier
    availability_type           = var.high_availability ? "REGIONAL" : "ZONAL"
    disk_type                   = "PD_SSD"
    disk_size                   = var.storage_gb
    disk_autoresize             = true
    deletion_protection_enabled = var.deletion_protection
    user_labels                 = var.labels

    ip_configuration {
      ipv4_enabled    = false
      private_network = var.network_id
      ssl_mode        = "ENCRYPTED_ONLY"
    }

    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
    }

    database_flags {
      name  = "cloudsql.iam_authentication"
      value = "on"
    }
  }
}

resource "google_sql_database_instance" "replica" {
  count                = var.read_replica ? 1 : 0
  project              = var.project
  region               = var.region
  name                 = "\${var.name}-replica"
  master_instance_name = google_sql_database_instance.primary.name
  database_version     = "POSTGRES_\${var.engine_version}"
  deletion_protection  = var.deletion_protection

  settings {
    edition                     = "ENTERPRISE"
    tier                        = var.tier
    availability_type           = "ZONAL"
    disk_type                   = "PD_SSD"
    disk_autoresize             = true
    deletion_protection_enabled = var.deletion_protection
    user_labels                 = var.labels

    ip_configuration {
      ipv4_enabled    = false
      private_network = var.network_id
      ssl_mode        = "ENCRYPTED_ONLY"
    }

    database_flags {
      name  = "cloudsql.iam_authentication"
      value = "on"
    }
  }
}

resource "google_sql_database" "this" {
  project  = var.project
  instance = google_sql_database_instance.primary.name
  name     = var.database_name
}
`,
  'database/variables.tf': `variable "project" {
  description = "Google Cloud project."
  type        = string
}

variable "region" {
  description = "Region of the instance."
  type        = string
}

variable "name" {
  description = "Name of the Cloud SQL instance."
  type        = string
}

variable "database_name" {
  description = "Name of the database created in the instance."
  type        = string
}

variable "engine_version" {
  description = "PostgreSQL major version."
  type        = number
}

variable "tier" {
  description = "Cloud SQL machine tier."
  type        = string
}

variable "storage_gb" {
  description = "Initial disk size; it grows automatically."
  type        = number
}

variable "network_id" {
  description = "VPC network with private services access; the instance gets no public IP."
  type        = string
}

variable "read_replica" {
  description = "Create a read replica."
  type        = bool
}

variable "high_availability" {
  description = "Regional (high availability) primary."
  type        = bool
}

variable "deletion_protection" {
  description = "Refuse to delete the instances."
  type        = bool
}

variable "labels" {
  description = "Cost-allocation labels put on every labelled resource."
  type        = map(string)
}
`,
  'database/outputs.tf': `output "instance_name" {
  description = "Name of the primary instance."
  value       = google_sql_database_instance.primary.name
}

output "connection_name" {
  description = "Connection name for the Cloud SQL connectors."
  value       = google_sql_database_instance.primary.connection_name
}

output "private_ip" {
  description = "Private IP of the primary."
  value       = google_sql_database_instance.primary.private_ip_address
}

output "replica_connection_name" {
  description = "Connection name of the read replica, when there is one."
  value       = var.read_replica ? google_sql_database_instance.replica[0].connection_name : null
}
`,
  'bucket/versions.tf': `terraform {
  required_providers {
    google = {
      source = "hashicorp/google"
    }
    random = {
      source = "hashicorp/random"
    }
  }
}
`,
  'bucket/main.tf': `resource "random_id" "suffix" {
  byte_length = 4
}

resource "google_storage_bucket" "this" {
  project                     = var.project
  name                        = "\${var.name}-\${random_id.suffix.hex}"
  location                    = upper(var.region)
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = false
  labels                      = var.labels

  versioning {
    enabled = true
  }
}
`,
  'bucket/variables.tf': `variable "project" {
  description = "Google Cloud project."
  type        = string
}

variable "region" {
  description = "Location of the bucket."
  type        = string
}

variable "name" {
  description = "Prefix of the bucket name; a unique suffix is added."
  type        = string
}

variable "labels" {
  description = "Cost-allocation labels put on every labelled resource."
  type        = map(string)
}
`,
  'bucket/outputs.tf': `output "bucket_name" {
  description = "Name of the bucket."
  value       = google_storage_bucket.this.name
}
`,
  'service-identity/versions.tf': `terraform {
  required_providers {
    google = {
      source = "hashicorp/google"
    }
  }
}
`,
  'service-identity/main.tf': `resource "google_service_account" "this" {
  project      = var.project
  account_id   = var.account_id
  display_name = "Workload identity of \${var.namespace}/\${var.service_account}"
}

resource "google_service_account_iam_member" "workload_identity" {
  service_account_id = google_service_account.this.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "serviceAccount:\${var.project}.svc.id.goog[\${var.namespace}/\${var.service_account}]"
}

resource "google_storage_bucket_iam_member" "objects" {
  bucket = var.bucket_name
  role   = "roles/storage.objectUser"
  member = "serviceAccount:\${google_service_account.this.email}"
}

resource "google_project_iam_member" "database" {
  for_each = toset(["roles/cloudsql.client", "roles/cloudsql.instanceUser"])
  project  = var.project
  role     = each.value
  member   = "serviceAccount:\${google_service_account.this.email}"

  condition {
    title      = "only-\${var.database_instance_name}"
    expression = "resource.name == 'projects/\${var.project}/instances/\${var.database_instance_name}' && resource.service == 'sqladmin.googleapis.com'"
  }
}

resource "google_sql_user" "this" {
  project  = var.project
  instance = var.database_instance_name
  name     = trimsuffix(google_service_account.this.email, ".gserviceaccount.com")
  type     = "CLOUD_IAM_SERVICE_ACCOUNT"
}
`,
  'service-identity/variables.tf': `variable "project" {
  description = "Google Cloud project."
  type        = string
}

variable "account_id" {
  description = "Account id of the service's Google service account (6-30 characters)."
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

variable "bucket_name" {
  description = "Bucket the service reads and writes objects in."
  type        = string
}

variable "database_instance_name" {
  description = "Cloud SQL instance the service logs in to with IAM authentication."
  type        = string
}
`,
  'service-identity/outputs.tf': `output "email" {
  description = "Service account to annotate the Kubernetes service account with (iam.gke.io/gcp-service-account)."
  value       = google_service_account.this.email
}
`,
};
