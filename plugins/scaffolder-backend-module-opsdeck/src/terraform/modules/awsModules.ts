import {
  COMMON_VARIABLES,
  ModuleSource,
  renderModuleFiles,
} from './moduleFiles';

const MODULES: Record<string, ModuleSource> = {
  network: {
    providers: ['aws'],
    variables: [
      ['name', 'string', 'Name prefix of the network resources.'],
      [
        'cidr',
        'string',
        'Private IPv4 range of the VPC (/16 to /20); subnets are cut from it.',
      ],
      [
        'zone_count',
        'number',
        'Availability zones to spread subnets over.',
        '3',
      ],
      COMMON_VARIABLES.tags,
    ],
    outputs: [
      ['vpc_id', 'ID of the VPC.', `aws_vpc.this.id`],
      ['cidr', 'IPv4 range of the VPC.', `aws_vpc.this.cidr_block`],
      [
        'private_subnet_ids',
        'Private subnets, one per availability zone.',
        `aws_subnet.private[*].id`,
      ],
    ],
    main: `data "aws_availability_zones" "available" {
  state = "available"
}

locals {
  zones = slice(data.aws_availability_zones.available.names, 0, var.zone_count)
}

resource "aws_vpc" "this" {
  cidr_block           = var.cidr
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = merge(var.tags, { Name = var.name })
}

resource "aws_subnet" "private" {
  count             = length(local.zones)
  vpc_id            = aws_vpc.this.id
  cidr_block        = cidrsubnet(var.cidr, 4, count.index)
  availability_zone = local.zones[count.index]
  tags = merge(var.tags, {
    Name                              = "\${var.name}-private-\${local.zones[count.index]}"
    "kubernetes.io/role/internal-elb" = "1"
  })
}

resource "aws_subnet" "public" {
  count                   = length(local.zones)
  vpc_id                  = aws_vpc.this.id
  cidr_block              = cidrsubnet(var.cidr, 4, count.index + 8)
  availability_zone       = local.zones[count.index]
  map_public_ip_on_launch = false
  tags = merge(var.tags, {
    Name                     = "\${var.name}-public-\${local.zones[count.index]}"
    "kubernetes.io/role/elb" = "1"
  })
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id
  tags   = merge(var.tags, { Name = var.name })
}

resource "aws_eip" "nat" {
  domain = "vpc"
  tags   = merge(var.tags, { Name = "\${var.name}-nat" })
}

resource "aws_nat_gateway" "this" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.public[0].id
  tags          = merge(var.tags, { Name = var.name })
  depends_on    = [aws_internet_gateway.this]
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.this.id
  }
  tags = merge(var.tags, { Name = "\${var.name}-public" })
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.this.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.this.id
  }
  tags = merge(var.tags, { Name = "\${var.name}-private" })
}

resource "aws_route_table_association" "public" {
  count          = length(local.zones)
  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

resource "aws_route_table_association" "private" {
  count          = length(local.zones)
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private.id
}
`,
  },
  kubernetes: {
    providers: ['aws', 'tls'],
    variables: [
      ['name', 'string', 'Name of the EKS cluster.'],
      COMMON_VARIABLES.kubernetesVersion,
      [
        'subnet_ids',
        'list(string)',
        'Private subnets for the control plane interfaces and the nodes.',
      ],
      ['node_instance_type', 'string', 'EC2 instance type of the nodes.'],
      [
        'min_nodes',
        'number',
        'Lower bound of the node group for the cluster autoscaler.',
      ],
      [
        'max_nodes',
        'number',
        'Upper bound of the node group for the cluster autoscaler.',
      ],
      [
        'api_allowed_cidrs',
        'list(string)',
        'Public ranges allowed to reach the Kubernetes API; empty keeps the endpoint private.',
        '[]',
      ],
      COMMON_VARIABLES.tags,
    ],
    outputs: [
      ['cluster_name', 'Name of the EKS cluster.', `aws_eks_cluster.this.name`],
      [
        'cluster_endpoint',
        'Endpoint of the Kubernetes API.',
        `aws_eks_cluster.this.endpoint`,
      ],
      [
        'oidc_provider_arn',
        'IAM OIDC provider of the cluster, for IAM roles for service accounts.',
        `aws_iam_openid_connect_provider.this.arn`,
      ],
      [
        'oidc_issuer',
        "Issuer host and path of the cluster's service account tokens.",
        `replace(aws_eks_cluster.this.identity[0].oidc[0].issuer, "https://", "")`,
      ],
    ],
    main: `resource "aws_kms_key" "secrets" {
  description             = "Envelope encryption of Kubernetes secrets of \${var.name}"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  tags                    = var.tags
}

resource "aws_iam_role" "cluster" {
  name = "\${var.name}-eks-cluster"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "eks.amazonaws.com" }
      Action    = ["sts:AssumeRole", "sts:TagSession"]
    }]
  })
  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "cluster" {
  role       = aws_iam_role.cluster.name
  policy_arn = "arn:\${data.aws_partition.current.partition}:iam::aws:policy/AmazonEKSClusterPolicy"
}

data "aws_partition" "current" {}

resource "aws_eks_cluster" "this" {
  name     = var.name
  version  = var.kubernetes_version
  role_arn = aws_iam_role.cluster.arn

  vpc_config {
    subnet_ids              = var.subnet_ids
    endpoint_private_access = true
    endpoint_public_access  = length(var.api_allowed_cidrs) > 0
    public_access_cidrs     = length(var.api_allowed_cidrs) > 0 ? var.api_allowed_cidrs : null
  }

  access_config {
    authentication_mode = "API"
  }

  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = aws_kms_key.secrets.arn
    }
  }

  enabled_cluster_log_types = ["api", "audit", "authenticator"]
  tags                      = var.tags

  depends_on = [aws_iam_role_policy_attachment.cluster]
}

resource "aws_iam_role" "nodes" {
  name = "\${var.name}-eks-nodes"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "nodes" {
  for_each   = toset(["AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly"])
  role       = aws_iam_role.nodes.name
  policy_arn = "arn:\${data.aws_partition.current.partition}:iam::aws:policy/\${each.value}"
}

resource "aws_eks_node_group" "default" {
  cluster_name    = aws_eks_cluster.this.name
  node_group_name = "default"
  node_role_arn   = aws_iam_role.nodes.arn
  subnet_ids      = var.subnet_ids
  instance_types  = [var.node_instance_type]

  scaling_config {
    desired_size = var.min_nodes
    min_size     = var.min_nodes
    max_size     = var.max_nodes
  }

  update_config {
    max_unavailable = 1
  }

  tags = merge(var.tags, {
    "k8s.io/cluster-autoscaler/enabled"     = "true"
    "k8s.io/cluster-autoscaler/\${var.name}" = "owned"
  })

  lifecycle {
    ignore_changes = [scaling_config[0].desired_size]
  }

  depends_on = [aws_iam_role_policy_attachment.nodes]
}

data "tls_certificate" "issuer" {
  url = aws_eks_cluster.this.identity[0].oidc[0].issuer
}

resource "aws_iam_openid_connect_provider" "this" {
  url             = aws_eks_cluster.this.identity[0].oidc[0].issuer
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = [data.tls_certificate.issuer.certificates[0].sha1_fingerprint]
  tags            = var.tags
}
`,
  },
  database: {
    providers: ['aws'],
    variables: [
      ['name', 'string', 'Identifier of the database instance.'],
      COMMON_VARIABLES.databaseName,
      COMMON_VARIABLES.engineVersion,
      ['instance_class', 'string', 'RDS instance class.'],
      [
        'storage_gb',
        'number',
        'Allocated storage; autoscaling may grow it to four times this.',
      ],
      ['vpc_id', 'string', 'VPC of the database.'],
      ['subnet_ids', 'list(string)', 'Private subnets of the database.'],
      [
        'allowed_cidr',
        'string',
        'Range allowed to connect on port 5432 (the VPC).',
      ],
      COMMON_VARIABLES.readReplica,
      [
        'high_availability',
        'bool',
        'Multi-AZ standby and longer backup retention.',
      ],
      [
        'deletion_protection',
        'bool',
        'Refuse deletion and keep a final snapshot.',
      ],
      COMMON_VARIABLES.tags,
    ],
    outputs: [
      [
        'endpoint',
        'Host and port of the primary.',
        `aws_db_instance.primary.endpoint`,
      ],
      [
        'replica_endpoint',
        'Host and port of the read replica, when there is one.',
        `var.read_replica ? aws_db_instance.replica[0].endpoint : null`,
      ],
      [
        'resource_id',
        'Resource ID of the primary, used in rds-db:connect permissions.',
        `aws_db_instance.primary.resource_id`,
      ],
      [
        'master_user_secret_arn',
        'Secrets Manager secret holding the administrator password (managed by RDS).',
        `aws_db_instance.primary.master_user_secret[0].secret_arn`,
      ],
    ],
    main: `resource "aws_db_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids
  tags       = var.tags
}

resource "aws_security_group" "this" {
  name        = "\${var.name}-postgres"
  description = "PostgreSQL of \${var.name}, reachable from inside the VPC only"
  vpc_id      = var.vpc_id
  tags        = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "postgres" {
  security_group_id = aws_security_group.this.id
  cidr_ipv4         = var.allowed_cidr
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432
  tags              = var.tags
}

resource "aws_db_parameter_group" "this" {
  name   = var.name
  family = "postgres\${var.engine_version}"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  tags = var.tags
}

resource "aws_db_instance" "primary" {
  identifier                          = var.name
  engine                              = "postgres"
  engine_version                      = tostring(var.engine_version)
  instance_class                      = var.instance_class
  allocated_storage                   = var.storage_gb
  max_allocated_storage               = var.storage_gb * 4
  storage_type                        = "gp3"
  storage_encrypted                   = true
  db_name                             = var.database_name
  username                            = "service_admin"
  manage_master_user_password         = true
  iam_database_authentication_enabled = true
  db_subnet_group_name                = aws_db_subnet_group.this.name
  vpc_security_group_ids              = [aws_security_group.this.id]
  parameter_group_name                = aws_db_parameter_group.this.name
  publicly_accessible                 = false
  multi_az                            = var.high_availability
  backup_retention_period             = var.high_availability ? 14 : 7
  deletion_protection                 = var.deletion_protection
  skip_final_snapshot                 = !var.deletion_protection
  final_snapshot_identifier           = var.deletion_protection ? "\${var.name}-final" : null
  copy_tags_to_snapshot               = true
  auto_minor_version_upgrade          = true
  performance_insights_enabled        = true
  tags                                = var.tags
}

resource "aws_db_instance" "replica" {
  count                  = var.read_replica ? 1 : 0
  identifier             = "\${var.name}-replica"
  replicate_source_db    = aws_db_instance.primary.identifier
  instance_class         = var.instance_class
  storage_encrypted      = true
  vpc_security_group_ids = [aws_security_group.this.id]
  parameter_group_name   = aws_db_parameter_group.this.name
  publicly_accessible    = false
  deletion_protection    = var.deletion_protection
  skip_final_snapshot    = true
  tags                   = var.tags
}
`,
  },
  bucket: {
    providers: ['aws'],
    variables: [
      [
        'name',
        'string',
        'Prefix of the bucket name; a unique suffix is added.',
      ],
      COMMON_VARIABLES.tags,
    ],
    outputs: [
      ['bucket_name', 'Name of the bucket.', `aws_s3_bucket.this.id`],
      ['bucket_arn', 'ARN of the bucket.', `aws_s3_bucket.this.arn`],
    ],
    main: `resource "aws_s3_bucket" "this" {
  bucket_prefix = "\${var.name}-"
  force_destroy = false
  tags          = var.tags
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = aws_s3_bucket.this.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_policy" "tls_only" {
  bucket = aws_s3_bucket.this.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [aws_s3_bucket.this.arn, "\${aws_s3_bucket.this.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
  depends_on = [aws_s3_bucket_public_access_block.this]
}
`,
  },
  'service-identity': {
    providers: ['aws'],
    variables: [
      ['name', 'string', 'Name of the IAM role and policy of the service.'],
      ['oidc_provider_arn', 'string', 'IAM OIDC provider of the EKS cluster.'],
      [
        'oidc_issuer',
        'string',
        'Issuer host and path of the cluster, without https://.',
      ],
      COMMON_VARIABLES.namespace,
      COMMON_VARIABLES.serviceAccount,
      [
        'bucket_arn',
        'string',
        'Bucket the service reads and writes objects in.',
      ],
      ['database_resource_id', 'string', 'Resource ID of the RDS instance.'],
      [
        'database_user',
        'string',
        'PostgreSQL role the service logs in as with IAM authentication (GRANT rds_iam TO it).',
      ],
      COMMON_VARIABLES.tags,
    ],
    outputs: [
      [
        'role_arn',
        'Role to annotate the Kubernetes service account with (eks.amazonaws.com/role-arn).',
        `aws_iam_role.this.arn`,
      ],
    ],
    main: `data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

resource "aws_iam_role" "this" {
  name = var.name
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = var.oidc_provider_arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "\${var.oidc_issuer}:sub" = "system:serviceaccount:\${var.namespace}:\${var.service_account}"
          "\${var.oidc_issuer}:aud" = "sts.amazonaws.com"
        }
      }
    }]
  })
  tags = var.tags
}

resource "aws_iam_policy" "this" {
  name        = var.name
  description = "Objects of the service bucket and IAM login to its database"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ListBucket"
        Effect   = "Allow"
        Action   = ["s3:ListBucket"]
        Resource = [var.bucket_arn]
      },
      {
        Sid      = "ReadWriteObjects"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
        Resource = ["\${var.bucket_arn}/*"]
      },
      {
        Sid      = "DatabaseLogin"
        Effect   = "Allow"
        Action   = ["rds-db:connect"]
        Resource = ["arn:\${data.aws_partition.current.partition}:rds-db:\${data.aws_region.current.region}:\${data.aws_caller_identity.current.account_id}:dbuser:\${var.database_resource_id}/\${var.database_user}"]
      },
    ]
  })
  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "this" {
  role       = aws_iam_role.this.name
  policy_arn = aws_iam_policy.this.arn
}
`,
  },
};

/**
 * Reusable Terraform modules for AWS: VPC, EKS with IRSA, RDS for PostgreSQL, S3.
 * They take every value as a variable: no user text is ever placed in them.
 */
export const AWS_MODULE_FILES: Readonly<Record<string, string>> =
  renderModuleFiles(MODULES);
