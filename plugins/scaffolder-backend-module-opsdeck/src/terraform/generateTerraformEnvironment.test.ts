import { InputError } from '@backstage/errors';
import { COST_ALLOCATION_TAGS } from '@opsdeck/plugin-cost-common';
import { checkProviderSchemas } from './__testUtils__/providerSchemas';
import { BASE_INPUTS } from './__testUtils__/terraformInputs';
import {
  parseTerraformFiles,
  validateTerraform,
} from './__testUtils__/terraformValidation';
import { ParsedTerraformFile } from './checks/terraformChecker';
import { checkTerraformSecurity } from './checks/terraformSecurityChecker';
import { generateTerraformEnvironment } from './generateTerraformEnvironment';
import { TERRAFORM_CLOUDS, TerraformCloud } from './model';

jest.setTimeout(240_000);

type Json = Record<string, any>;

const ENVIRONMENT_SETS: Array<[string, Array<Record<string, unknown>>]> = [
  ['staging and production', [{ name: 'staging' }, { name: 'production' }]],
  ['one development environment', [{ name: 'dev' }]],
  [
    'four environments, production flagged explicitly',
    [
      { name: 'dev', minNodes: 1, maxNodes: 2 },
      { name: 'qa' },
      { name: 'staging', networkCidr: '10.90.0.0/18' },
      { name: 'main', production: true, minNodes: 3, maxNodes: 12 },
    ],
  ],
];

const MATRIX = TERRAFORM_CLOUDS.flatMap(cloud =>
  [true, false].flatMap(replica =>
    ENVIRONMENT_SETS.map(
      ([label, environments]) => [cloud, replica, label, environments] as const,
    ),
  ),
);

function resources(files: ParsedTerraformFile[], prefix: string) {
  const found: Array<{ type: string; name: string; body: Json; file: string }> =
    [];
  for (const file of files.filter(f => f.path.startsWith(prefix))) {
    for (const [type, named] of Object.entries(
      (file.json.resource ?? {}) as Json,
    )) {
      for (const [name, bodies] of Object.entries(named as Json)) {
        found.push({
          type,
          name,
          body: (bodies as Json[])[0],
          file: file.path,
        });
      }
    }
  }
  return found;
}

function one(
  files: ParsedTerraformFile[],
  prefix: string,
  type: string,
  name: string,
) {
  const found = resources(files, prefix).find(
    r => r.type === type && r.name === name,
  );
  if (!found) throw new Error(`no ${type}.${name} under ${prefix}`);
  return found.body;
}

function moduleArgs(
  files: ParsedTerraformFile[],
  environment: string,
  module: string,
): Json {
  const main = files.find(
    f => f.path === `environments/${environment}/main.tf`,
  )!;
  return (main.json.module as Json)[module][0];
}

function allKeys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(allKeys);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [k, ...allKeys(v)]);
  }
  return [];
}

describe('generateTerraformEnvironment', () => {
  it.each(MATRIX)(
    '%s, read replica %s, %s: every file parses and passes every check',
    async (cloud, replica, _label, environmentSet) => {
      const environments = environmentSet.map(e => ({
        ...e,
        name: e.name as string,
        readReplica: replica,
      }));
      const generated = generateTerraformEnvironment({
        ...BASE_INPUTS[cloud],
        environments,
      });
      expect(await validateTerraform(generated)).toEqual([]);
      const files = await parseTerraformFiles(generated);
      expect(checkProviderSchemas(files)).toEqual([]);
      expect(checkTerraformSecurity(files)).toEqual([]);
      expect(files).toHaveLength(
        generated.filter(f => f.path.endsWith('.tf')).length,
      );

      for (const environment of environments) {
        const name = environment.name;
        const production = name === 'main' || name === 'production';
        const database = moduleArgs(files, name, 'database');
        expect(database.read_replica).toBe(replica);
        expect(database.high_availability).toBe(production);
        const versions = files.find(
          f => f.path === `environments/${name}/versions.tf`,
        )!;
        const backend = (versions.json.terraform as Json[])[0].backend;
        expect(Object.keys(backend)).toEqual([
          { aws: 's3', gcp: 'gcs', azure: 'azurerm' }[cloud],
        ]);
        expectDeletionProtection(cloud, files, name, production);
      }
      expectSecureModules(cloud, files);
      expectNoStaticCredentials(files);
    },
  );

  function expectDeletionProtection(
    cloud: TerraformCloud,
    files: ParsedTerraformFile[],
    environment: string,
    production: boolean,
  ) {
    if (cloud === 'azure') {
      const locks = resources(files, `environments/${environment}/`).filter(
        r => r.type === 'azurerm_management_lock',
      );
      expect(locks.map(l => l.body.lock_level)).toEqual(
        production ? ['CanNotDelete'] : [],
      );
    } else {
      expect(
        moduleArgs(files, environment, 'database').deletion_protection,
      ).toBe(production);
      if (cloud === 'gcp') {
        expect(
          moduleArgs(files, environment, 'kubernetes').deletion_protection,
        ).toBe(production);
      }
    }
  }

  function expectSecureModules(
    cloud: TerraformCloud,
    files: ParsedTerraformFile[],
  ) {
    if (cloud === 'aws') {
      const db = one(files, 'modules/database/', 'aws_db_instance', 'primary');
      expect(db).toMatchObject({
        storage_encrypted: true,
        publicly_accessible: false,
        manage_master_user_password: true,
        iam_database_authentication_enabled: true,
        deletion_protection: '${var.deletion_protection}',
      });
      expect(
        one(files, 'modules/database/', 'aws_db_instance', 'replica'),
      ).toMatchObject({
        count: '${var.read_replica ? 1 : 0}',
        storage_encrypted: true,
        publicly_accessible: false,
      });
      expect(
        one(
          files,
          'modules/bucket/',
          'aws_s3_bucket_public_access_block',
          'this',
        ),
      ).toMatchObject({
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
      expect(
        JSON.stringify(
          one(
            files,
            'modules/bucket/',
            'aws_s3_bucket_server_side_encryption_configuration',
            'this',
          ),
        ),
      ).toContain('aws:kms');
      expect(
        JSON.stringify(
          one(files, 'modules/kubernetes/', 'aws_eks_cluster', 'this')
            .encryption_config,
        ),
      ).toContain('secrets');
      const trust = one(
        files,
        'modules/service-identity/',
        'aws_iam_role',
        'this',
      ).assume_role_policy;
      expect(trust).toContain('sts:AssumeRoleWithWebIdentity');
      expect(trust).toContain(
        'system:serviceaccount:${var.namespace}:${var.service_account}',
      );
    }
    if (cloud === 'gcp') {
      const db = one(
        files,
        'modules/database/',
        'google_sql_database_instance',
        'primary',
      );
      expect(db.deletion_protection).toBe('${var.deletion_protection}');
      expect(db.settings[0].ip_configuration[0]).toMatchObject({
        ipv4_enabled: false,
        ssl_mode: 'ENCRYPTED_ONLY',
      });
      expect(
        one(files, 'modules/bucket/', 'google_storage_bucket', 'this'),
      ).toMatchObject({
        public_access_prevention: 'enforced',
        uniform_bucket_level_access: true,
        force_destroy: false,
      });
      const cluster = one(
        files,
        'modules/kubernetes/',
        'google_container_cluster',
        'this',
      );
      expect(cluster.workload_identity_config[0].workload_pool).toBe(
        '${var.project}.svc.id.goog',
      );
      expect(
        one(
          files,
          'modules/service-identity/',
          'google_service_account_iam_member',
          'workload_identity',
        ).role,
      ).toBe('roles/iam.workloadIdentityUser');
    }
    if (cloud === 'azure') {
      const db = one(
        files,
        'modules/database/',
        'azurerm_postgresql_flexible_server',
        'primary',
      );
      expect(db.public_network_access_enabled).toBe(false);
      expect(db.authentication[0]).toMatchObject({
        password_auth_enabled: false,
        active_directory_auth_enabled: true,
      });
      expect(
        one(files, 'modules/bucket/', 'azurerm_storage_account', 'this'),
      ).toMatchObject({
        allow_nested_items_to_be_public: false,
        shared_access_key_enabled: false,
        infrastructure_encryption_enabled: true,
        min_tls_version: 'TLS1_2',
      });
      expect(
        one(files, 'modules/kubernetes/', 'azurerm_kubernetes_cluster', 'this'),
      ).toMatchObject({
        oidc_issuer_enabled: true,
        workload_identity_enabled: true,
        local_account_disabled: true,
      });
    }
  }

  function expectNoStaticCredentials(files: ParsedTerraformFile[]) {
    const types = resources(files, '').map(r => r.type);
    for (const forbidden of [
      'aws_iam_access_key',
      'aws_iam_user',
      'google_service_account_key',
      'azuread_application_password',
      'azuread_service_principal_password',
      'random_password',
    ]) {
      expect(types).not.toContain(forbidden);
    }
    const keys = files.flatMap(f => allKeys(f.json));
    for (const attribute of [
      'password',
      'administrator_password',
      'client_secret',
      'access_key',
      'secret_key',
    ]) {
      expect(keys).not.toContain(attribute);
    }
  }

  it('writes the cost tags with the keys of @opsdeck/plugin-cost-common and entity names as values', async () => {
    const generated = generateTerraformEnvironment(BASE_INPUTS.aws);
    const files = await parseTerraformFiles(generated);
    const main = files.find(f => f.path === 'environments/production/main.tf')!;
    expect((main.json.locals as Json[])[0].cost_tags).toEqual({
      [COST_ALLOCATION_TAGS.component]: 'checkout',
      [COST_ALLOCATION_TAGS.owner]: 'payments',
      [COST_ALLOCATION_TAGS.system]: 'shop',
      [COST_ALLOCATION_TAGS.environment]: 'production',
    });
  });

  it('sanitises Google Cloud label values (lowercase, no dots) and keeps them within the label rules', async () => {
    const generated = generateTerraformEnvironment({
      ...BASE_INPUTS.gcp,
      owner: 'group:default/Platform.Team',
      system: 'Shop_Front.v2',
    });
    const files = await parseTerraformFiles(generated);
    const main = files.find(f => f.path === 'environments/staging/main.tf')!;
    const labels = (main.json.locals as Json[])[0].cost_labels;
    expect(labels).toEqual({
      [COST_ALLOCATION_TAGS.component]: 'checkout',
      [COST_ALLOCATION_TAGS.owner]: 'platform_team',
      [COST_ALLOCATION_TAGS.system]: 'shop_front_v2',
      [COST_ALLOCATION_TAGS.environment]: 'staging',
    });
    for (const [key, value] of Object.entries(labels)) {
      expect(key).toMatch(/^[a-z][a-z0-9_-]{0,62}$/);
      expect(value).toMatch(/^[a-z0-9_-]{0,63}$/);
    }
  });

  it('keeps the state of each environment apart and locks it', async () => {
    const aws = await parseTerraformFiles(
      generateTerraformEnvironment({
        ...BASE_INPUTS.aws,
        state: {
          bucket: 'acme-state',
          region: 'us-east-1',
          lockTable: 'terraform-locks',
        },
      }),
    );
    const backend = (env: string) =>
      (
        aws.find(f => f.path === `environments/${env}/versions.tf`)!.json
          .terraform as Json[]
      )[0].backend.s3[0];
    expect(backend('staging')).toEqual({
      bucket: 'acme-state',
      key: 'checkout/staging/terraform.tfstate',
      region: 'us-east-1',
      encrypt: true,
      dynamodb_table: 'terraform-locks',
    });
    expect(backend('production').key).toBe(
      'checkout/production/terraform.tfstate',
    );
  });

  it.each([
    ['aws', 'eks.amazonaws.com/role-arn', 'service_role_arn'],
    ['gcp', 'iam.gke.io/gcp-service-account', 'service_account_email'],
    ['azure', 'azure.workload.identity/client-id', 'service_client_id'],
  ] as const)(
    '%s: adds a README naming the service account annotation and its output, and a .gitignore',
    async (cloud, annotation, outputName) => {
      const generated = generateTerraformEnvironment({
        ...BASE_INPUTS[cloud],
        namespace: 'shop',
        serviceAccount: 'checkout-api',
      });
      const readme = generated.find(f => f.path === 'README.md')!.content;
      expect(readme).toContain(`\`shop/checkout-api\` with \`${annotation}\``);
      expect(readme).toContain('| `environments/production` | 10.20.0.0/16 |');
      const files = await parseTerraformFiles(generated);
      const outputs = files.find(
        f => f.path === 'environments/staging/outputs.tf',
      )!;
      expect(Object.keys(outputs.json.output as Json)).toContain(outputName);
      expect(generated.find(f => f.path === '.gitignore')!.content).toContain(
        '*.tfstate',
      );
    },
  );

  it('enables the Google Cloud APIs before any module uses them', async () => {
    const files = await parseTerraformFiles(
      generateTerraformEnvironment(BASE_INPUTS.gcp),
    );
    const main = files.find(f => f.path === 'environments/staging/main.tf')!;
    for (const call of Object.values(main.json.module as Json)) {
      expect(call[0].depends_on).toContain(
        '${google_project_service.required}',
      );
    }
  });

  it('generates nothing for invalid parameters', () => {
    expect(() =>
      generateTerraformEnvironment({
        ...BASE_INPUTS.aws,
        region: 'europe-west1',
      }),
    ).toThrow(InputError);
  });
});
