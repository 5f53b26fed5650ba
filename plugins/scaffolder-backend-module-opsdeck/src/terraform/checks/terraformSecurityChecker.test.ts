import { parseHcl } from '../__testUtils__/terraformValidation';
import { checkTerraformSecurity } from './terraformSecurityChecker';

async function findingsOf(hcl: string) {
  return checkTerraformSecurity([
    { path: 'modules/x/main.tf', json: await parseHcl('main.tf', hcl) },
  ]);
}

const SECURE_BUCKET = `resource "aws_s3_bucket" "b" {
  bucket = "b"
}

resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = aws_s3_bucket.b.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "b" {
  bucket = aws_s3_bucket.b.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}
`;

describe('checkTerraformSecurity', () => {
  it('accepts secure resources', async () => {
    expect(await findingsOf(SECURE_BUCKET)).toEqual([]);
  });

  it.each([
    [
      'an IAM access key',
      'resource "aws_iam_access_key" "k" {\n  user = "u"\n}\n',
      'static-credentials',
      'creates a static credential',
    ],
    [
      'a service account key',
      'resource "google_service_account_key" "k" {\n  service_account_id = "x"\n}\n',
      'static-credentials',
      'creates a static credential',
    ],
    [
      'a password in a database',
      'resource "aws_db_instance" "d" {\n  password = "hunter2"\n  publicly_accessible = false\n  storage_encrypted = true\n  deletion_protection = true\n}\n',
      'static-credentials',
      'sets password',
    ],
    [
      'a public RDS instance',
      'resource "aws_db_instance" "d" {\n  publicly_accessible = true\n  storage_encrypted = true\n  deletion_protection = true\n}\n',
      'public-database',
      'publicly_accessible = false',
    ],
    [
      'an unencrypted RDS instance',
      'resource "aws_db_instance" "d" {\n  publicly_accessible = false\n  deletion_protection = true\n}\n',
      'unencrypted-storage',
      'storage_encrypted = true',
    ],
    [
      'an RDS instance without deletion protection',
      'resource "aws_db_instance" "d" {\n  publicly_accessible = false\n  storage_encrypted = true\n}\n',
      'deletion-protection',
      'must set deletion_protection',
    ],
    [
      'an S3 bucket without a public access block',
      SECURE_BUCKET.replace(
        /resource "aws_s3_bucket_public_access_block"[\s\S]*?\n}\n/,
        '',
      ),
      'public-bucket',
      'aws_s3_bucket_public_access_block',
    ],
    [
      'an incomplete public access block',
      SECURE_BUCKET.replace(
        'restrict_public_buckets = true',
        'restrict_public_buckets = false',
      ),
      'public-bucket',
      'all four settings true',
    ],
    [
      'an S3 bucket without encryption',
      SECURE_BUCKET.replace(
        /resource "aws_s3_bucket_server_side_encryption_configuration"[\s\S]*$/,
        '',
      ),
      'unencrypted-storage',
      'server_side_encryption',
    ],
    [
      'EKS without secrets encryption',
      'resource "aws_eks_cluster" "c" {\n  name = "c"\n}\n',
      'unencrypted-storage',
      'encryption_config',
    ],
    [
      'Cloud SQL with a public IP',
      'resource "google_sql_database_instance" "d" {\n  deletion_protection = true\n  settings {\n    ip_configuration {\n      ipv4_enabled = true\n    }\n  }\n}\n',
      'public-database',
      'ipv4_enabled = false',
    ],
    [
      'GKE without deletion protection',
      'resource "google_container_cluster" "c" {\n  name = "c"\n}\n',
      'deletion-protection',
      'deletion_protection',
    ],
    [
      'a GCS bucket without public access prevention',
      'resource "google_storage_bucket" "b" {\n  uniform_bucket_level_access = true\n}\n',
      'public-bucket',
      'public_access_prevention',
    ],
    [
      'an Azure PostgreSQL server with public access',
      'resource "azurerm_postgresql_flexible_server" "d" {\n  public_network_access_enabled = true\n}\n',
      'public-database',
      'public_network_access_enabled = false',
    ],
    [
      'a storage account allowing anonymous blobs',
      'resource "azurerm_storage_account" "s" {\n  shared_access_key_enabled = false\n}\n',
      'public-bucket',
      'allow_nested_items_to_be_public',
    ],
    [
      'a storage account with shared keys',
      'resource "azurerm_storage_account" "s" {\n  allow_nested_items_to_be_public = false\n}\n',
      'static-credentials',
      'shared_access_key_enabled = false',
    ],
  ])('reports %s', async (_what, hcl, rule, message) => {
    expect(await findingsOf(hcl)).toContainEqual(
      expect.objectContaining({
        rule,
        message: expect.stringContaining(message),
      }),
    );
  });
});
