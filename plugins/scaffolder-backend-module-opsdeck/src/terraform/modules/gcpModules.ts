import {
  COMMON_VARIABLES,
  ModuleSource,
  renderModuleFiles,
} from './moduleFiles';

const MODULES: Record<string, ModuleSource> = {
  network: {
    providers: ['google'],
    variables: [
      COMMON_VARIABLES.project,
      ['region', 'string', 'Region of the subnetwork.'],
      ['name', 'string', 'Name prefix of the network resources.'],
      [
        'cidr',
        'string',
        'Private IPv4 range (/16 to /20): nodes, services and pods are cut from it.',
      ],
      COMMON_VARIABLES.labels,
    ],
    outputs: [
      [
        'network_id',
        'ID of the VPC network.',
        `google_compute_network.this.id`,
      ],
      [
        'subnetwork_id',
        'ID of the private subnetwork.',
        `google_compute_subnetwork.private.id`,
      ],
      ['pods_range_name', 'Secondary range for pods.', `"pods"`],
      ['services_range_name', 'Secondary range for services.', `"services"`],
      [
        'private_services_connection',
        'Private services access peering, needed before Cloud SQL gets a private IP.',
        `google_service_networking_connection.private_services.id`,
      ],
    ],
    main: `resource "google_compute_network" "this" {
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
  labels        = var.labels
}

resource "google_service_networking_connection" "private_services" {
  network                 = google_compute_network.this.id
  service                 = "servicenetworking.googleapis.com"
  reserved_peering_ranges = [google_compute_global_address.private_services.name]
}
`,
  },
  kubernetes: {
    providers: ['google'],
    variables: [
      COMMON_VARIABLES.project,
      ['region', 'string', 'Region of the (regional) cluster.'],
      ['name', 'string', 'Name of the GKE cluster.'],
      [
        'kubernetes_version',
        'string',
        'Minimum Kubernetes version of the control plane, e.g. 1.33.',
      ],
      ['network_id', 'string', 'VPC network of the cluster.'],
      ['subnetwork_id', 'string', 'Subnetwork of the nodes.'],
      ['pods_range_name', 'string', 'Secondary range for pods.'],
      ['services_range_name', 'string', 'Secondary range for services.'],
      [
        'node_service_account_id',
        'string',
        "Account id of the nodes' service account (6-30 characters).",
      ],
      ['node_machine_type', 'string', 'Machine type of the nodes.'],
      [
        'min_nodes',
        'number',
        'Lower bound of the node pool autoscaler (whole pool).',
      ],
      [
        'max_nodes',
        'number',
        'Upper bound of the node pool autoscaler (whole pool).',
      ],
      ['deletion_protection', 'bool', 'Refuse to delete the cluster.'],
      COMMON_VARIABLES.labels,
    ],
    outputs: [
      [
        'cluster_name',
        'Name of the GKE cluster.',
        `google_container_cluster.this.name`,
      ],
      [
        'cluster_endpoint',
        'Endpoint of the Kubernetes API.',
        `google_container_cluster.this.endpoint`,
      ],
      [
        'workload_pool',
        'Workload identity pool of the cluster.',
        `"\${var.project}.svc.id.goog"`,
      ],
    ],
    main: `resource "google_service_account" "nodes" {
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
  },
  database: {
    providers: ['google'],
    variables: [
      COMMON_VARIABLES.project,
      ['region', 'string', 'Region of the instance.'],
      ['name', 'string', 'Name of the Cloud SQL instance.'],
      COMMON_VARIABLES.databaseName,
      COMMON_VARIABLES.engineVersion,
      ['tier', 'string', 'Cloud SQL machine tier.'],
      ['storage_gb', 'number', 'Initial disk size; it grows automatically.'],
      [
        'network_id',
        'string',
        'VPC network with private services access; the instance gets no public IP.',
      ],
      COMMON_VARIABLES.readReplica,
      ['high_availability', 'bool', 'Regional (high availability) primary.'],
      ['deletion_protection', 'bool', 'Refuse to delete the instances.'],
      COMMON_VARIABLES.labels,
    ],
    outputs: [
      [
        'instance_name',
        'Name of the primary instance.',
        `google_sql_database_instance.primary.name`,
      ],
      [
        'connection_name',
        'Connection name for the Cloud SQL connectors.',
        `google_sql_database_instance.primary.connection_name`,
      ],
      [
        'private_ip',
        'Private IP of the primary.',
        `google_sql_database_instance.primary.private_ip_address`,
      ],
      [
        'replica_connection_name',
        'Connection name of the read replica, when there is one.',
        `var.read_replica ? google_sql_database_instance.replica[0].connection_name : null`,
      ],
    ],
    main: `resource "google_sql_database_instance" "primary" {
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
  },
  bucket: {
    providers: ['google', 'random'],
    variables: [
      COMMON_VARIABLES.project,
      ['region', 'string', 'Location of the bucket.'],
      [
        'name',
        'string',
        'Prefix of the bucket name; a unique suffix is added.',
      ],
      COMMON_VARIABLES.labels,
    ],
    outputs: [
      ['bucket_name', 'Name of the bucket.', `google_storage_bucket.this.name`],
    ],
    main: `resource "random_id" "suffix" {
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
  },
  'service-identity': {
    providers: ['google'],
    variables: [
      COMMON_VARIABLES.project,
      [
        'account_id',
        'string',
        "Account id of the service's Google service account (6-30 characters).",
      ],
      COMMON_VARIABLES.namespace,
      COMMON_VARIABLES.serviceAccount,
      [
        'bucket_name',
        'string',
        'Bucket the service reads and writes objects in.',
      ],
      [
        'database_instance_name',
        'string',
        'Cloud SQL instance the service logs in to with IAM authentication.',
      ],
    ],
    outputs: [
      [
        'email',
        'Service account to annotate the Kubernetes service account with (iam.gke.io/gcp-service-account).',
        `google_service_account.this.email`,
      ],
    ],
    main: `resource "google_service_account" "this" {
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
  },
};

/**
 * Reusable Terraform modules for Google Cloud: VPC, GKE with workload identity, Cloud SQL for PostgreSQL, Cloud Storage.
 * They take every value as a variable: no user text is ever placed in them.
 */
export const GCP_MODULE_FILES: Readonly<Record<string, string>> =
  renderModuleFiles(MODULES);
