import type { ParsedTerraformFile } from './terraformChecker';

/** @public */
export type TerraformSecurityRule =
  | 'static-credentials'
  | 'public-database'
  | 'public-bucket'
  | 'unencrypted-storage'
  | 'deletion-protection';

/** @public */
export type TerraformSecurityFinding = {
  rule: TerraformSecurityRule;
  file: string;
  message: string;
};

type Body = Record<string, any>;

/** Resource types that create long-lived keys or passwords. */
const CREDENTIAL_TYPES = new Set([
  'aws_iam_access_key',
  'aws_iam_user',
  'aws_iam_user_login_profile',
  'google_service_account_key',
  'azuread_application_password',
  'azuread_service_principal_password',
  'random_password',
]);

/** Arguments that carry a secret in the configuration (and the state). */
const CREDENTIAL_ARGUMENTS = new Set([
  'password',
  'administrator_password',
  'administrator_login_password',
  'client_secret',
  'access_key',
  'secret_key',
]);

const first = (value: unknown): Body =>
  Array.isArray(value) ? value[0] ?? {} : {};

function credentialArguments(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(credentialArguments);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, nested]) => [
      ...(CREDENTIAL_ARGUMENTS.has(key) ? [key] : []),
      ...credentialArguments(nested),
    ]);
  }
  return [];
}

type Rule = {
  rule: TerraformSecurityRule;
  /** Returns the problem with one resource of `type`, or undefined. */
  check(body: Body, siblings: Map<string, Body[]>): string | undefined;
};

/** Rules per resource type; `siblings` are the resources of the same directory by type. */
const RULES: Record<string, Rule[]> = {
  aws_db_instance: [
    {
      rule: 'public-database',
      check: b =>
        b.publicly_accessible === false
          ? undefined
          : 'must set publicly_accessible = false',
    },
    {
      rule: 'unencrypted-storage',
      check: b =>
        b.storage_encrypted === true ||
        (b.replicate_source_db !== undefined && b.storage_encrypted !== false)
          ? undefined
          : 'must set storage_encrypted = true',
    },
    {
      rule: 'deletion-protection',
      check: b =>
        'deletion_protection' in b ? undefined : 'must set deletion_protection',
    },
  ],
  aws_s3_bucket: [
    {
      rule: 'public-bucket',
      check: (_b, siblings) => {
        const blocks = siblings.get('aws_s3_bucket_public_access_block') ?? [];
        const complete = blocks.some(block =>
          [
            'block_public_acls',
            'block_public_policy',
            'ignore_public_acls',
            'restrict_public_buckets',
          ].every(key => block[key] === true),
        );
        return complete
          ? undefined
          : 'needs an aws_s3_bucket_public_access_block with all four settings true';
      },
    },
    {
      rule: 'unencrypted-storage',
      check: (_b, siblings) =>
        siblings.has('aws_s3_bucket_server_side_encryption_configuration')
          ? undefined
          : 'needs an aws_s3_bucket_server_side_encryption_configuration',
    },
  ],
  aws_eks_cluster: [
    {
      rule: 'unencrypted-storage',
      check: b =>
        JSON.stringify(b.encryption_config ?? []).includes('secrets')
          ? undefined
          : 'must encrypt Kubernetes secrets with a KMS key (encryption_config)',
    },
  ],
  google_sql_database_instance: [
    {
      rule: 'public-database',
      check: b =>
        first(first(b.settings).ip_configuration).ipv4_enabled === false
          ? undefined
          : 'must set settings.ip_configuration.ipv4_enabled = false',
    },
    {
      rule: 'deletion-protection',
      check: b =>
        'deletion_protection' in b ? undefined : 'must set deletion_protection',
    },
  ],
  google_container_cluster: [
    {
      rule: 'deletion-protection',
      check: b =>
        'deletion_protection' in b ? undefined : 'must set deletion_protection',
    },
  ],
  google_storage_bucket: [
    {
      rule: 'public-bucket',
      check: b =>
        b.public_access_prevention === 'enforced' &&
        b.uniform_bucket_level_access === true
          ? undefined
          : 'must set public_access_prevention = "enforced" and uniform_bucket_level_access = true',
    },
  ],
  azurerm_postgresql_flexible_server: [
    {
      rule: 'public-database',
      check: b =>
        b.public_network_access_enabled === false
          ? undefined
          : 'must set public_network_access_enabled = false',
    },
  ],
  azurerm_storage_account: [
    {
      rule: 'public-bucket',
      check: b =>
        b.allow_nested_items_to_be_public === false
          ? undefined
          : 'must set allow_nested_items_to_be_public = false',
    },
    {
      rule: 'static-credentials',
      check: b =>
        b.shared_access_key_enabled === false
          ? undefined
          : 'must set shared_access_key_enabled = false',
    },
  ],
};

/**
 * Opsdeck's secure-default rules for generated Terraform: no static
 * credentials, no public database, no public bucket, encryption at rest, and
 * deletion protection wired on databases and clusters.
 *
 * @public
 */
export function checkTerraformSecurity(
  files: ParsedTerraformFile[],
): TerraformSecurityFinding[] {
  const findings: TerraformSecurityFinding[] = [];
  const byDirectory = new Map<
    string,
    Array<{ file: string; type: string; name: string; body: Body }>
  >();
  for (const { path, json } of files) {
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '.';
    const list = byDirectory.get(dir) ?? [];
    for (const [type, named] of Object.entries((json.resource ?? {}) as Body)) {
      for (const [name, bodies] of Object.entries(named as Body)) {
        list.push({ file: path, type, name, body: first(bodies) });
      }
    }
    byDirectory.set(dir, list);
    for (const key of credentialArguments(json)) {
      findings.push({
        rule: 'static-credentials',
        file: path,
        message: `sets ${key}: use workload identity or a managed secret instead`,
      });
    }
  }
  for (const resources of byDirectory.values()) {
    const siblings = new Map<string, Body[]>();
    for (const { type, body } of resources) {
      siblings.set(type, [...(siblings.get(type) ?? []), body]);
    }
    for (const { file, type, name, body } of resources) {
      if (CREDENTIAL_TYPES.has(type)) {
        findings.push({
          rule: 'static-credentials',
          file,
          message: `resource ${type}.${name} creates a static credential`,
        });
      }
      for (const { rule, check } of RULES[type] ?? []) {
        const problem = check(body, siblings);
        if (problem) {
          findings.push({
            rule,
            file,
            message: `resource ${type}.${name} ${problem}`,
          });
        }
      }
    }
  }
  return findings;
}
