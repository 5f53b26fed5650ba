import { checkVaultPolicy, ParsedVaultPolicy } from './vaultPolicyChecker';
import {
  parseVaultPolicyParameters,
  VaultEnvironmentAccess,
  VaultPolicyModel,
} from './vaultParameters';

/** Provider pin for the generated Terraform. */
export const VAULT_PROVIDER = {
  source: 'hashicorp/vault',
  version: '~> 4.5',
} as const;

const CAPABILITIES = {
  read: { data: ['read'], metadata: ['read', 'list'] },
  'read-write': {
    data: ['create', 'read', 'update', 'patch', 'delete'],
    metadata: ['read', 'list'],
  },
} as const;

/** The KV v2 API prefixes one environment may reach, each ending in `/`. */
export function secretPrefixes(
  model: VaultPolicyModel,
  grant: VaultEnvironmentAccess,
): { data: string; metadata: string } {
  return {
    data: `${model.kvMount}/data/${grant.secretPath}/`,
    metadata: `${model.kvMount}/metadata/${grant.secretPath}/`,
  };
}

function policyOf(
  model: VaultPolicyModel,
  grant: VaultEnvironmentAccess,
): ParsedVaultPolicy {
  const prefixes = secretPrefixes(model, grant);
  const capabilities = CAPABILITIES[model.access];
  return {
    path: {
      [`${prefixes.data}*`]: [{ capabilities: [...capabilities.data] }],
      [`${prefixes.metadata}*`]: [{ capabilities: [...capabilities.metadata] }],
    },
  };
}

function renderPolicy(
  model: VaultPolicyModel,
  grant: VaultEnvironmentAccess,
  policy: ParsedVaultPolicy,
): string {
  const verb = model.access === 'read' ? 'reads' : 'reads and writes';
  const blocks = Object.entries(policy.path!).map(
    ([path, [body]]) =>
      `path "${path}" {\n  capabilities = [${(body.capabilities as string[])
        .map(c => `"${c}"`)
        .join(', ')}]\n}\n`,
  );
  return [
    `# Vault policy ${grant.policyName}: ${model.name} in ${grant.environment} ${verb} its KV v2`,
    `# secrets under ${model.kvMount}/${grant.secretPath}/ and nothing else.`,
    '',
    blocks.join('\n'),
  ].join('\n');
}

function terraformName(policyName: string): string {
  return policyName.replace(/-/g, '_');
}

function renderTerraform(model: VaultPolicyModel): string {
  const resources = model.grants.map(grant => {
    const id = terraformName(grant.policyName);
    return `resource "vault_policy" "${id}" {
  name   = "${grant.policyName}"
  policy = file("\${path.module}/${grant.policyName}.hcl")
}

# Pods of ServiceAccount ${model.serviceAccount} in namespace ${grant.namespace} log in as role ${grant.policyName}.
resource "vault_kubernetes_auth_backend_role" "${id}" {
  backend                          = "${model.authMount}"
  role_name                        = "${grant.policyName}"
  bound_service_account_names      = ["${model.serviceAccount}"]
  bound_service_account_namespaces = ["${grant.namespace}"]
  audience                         = "${model.audience}"
  token_policies                   = [vault_policy.${id}.name]
  token_ttl                        = ${model.tokenTtlSeconds}
  token_max_ttl                    = ${model.tokenMaxTtlSeconds}
}
`;
  });
  return `# Vault access of ${
    model.name
  }: one policy and one Kubernetes auth role per environment.
# The provider reads VAULT_ADDR and its credentials from the environment.

terraform {
  required_version = ">= 1.5.0"
  required_providers {
    vault = {
      source  = "${VAULT_PROVIDER.source}"
      version = "${VAULT_PROVIDER.version}"
    }
  }
}

${resources.join('\n')}`;
}

/**
 * A generated Vault configuration: policy files and the Terraform that
 * applies them.
 *
 * @public
 */
export type GeneratedVaultPolicy = {
  /** File name to content: `<name>-<environment>.hcl` and `main.tf`. */
  files: Record<string, string>;
  policies: string[];
  roles: Array<{
    role: string;
    serviceAccount: string;
    namespace: string;
    secretPath: string;
  }>;
};

/**
 * Generates least-privilege Vault access for a service: for each environment a
 * policy over its KV v2 `data/` and `metadata/` paths under
 * `<kvMount>/<prefix>/<environment>/` (read-only unless `access` is
 * `read-write`), and a `vault_kubernetes_auth_backend_role` bound to the
 * service's ServiceAccount in that environment's namespace.
 *
 * @throws InputError when a parameter is invalid.
 * @public
 */
export function generateVaultPolicy(input: unknown): GeneratedVaultPolicy {
  const model = parseVaultPolicyParameters(input);
  const files: Record<string, string> = {};
  for (const grant of model.grants) {
    const policy = policyOf(model, grant);
    const prefixes = secretPrefixes(model, grant);
    const findings = checkVaultPolicy(policy, [
      prefixes.data,
      prefixes.metadata,
    ]);
    if (findings.length > 0) {
      throw new Error(
        `generated policy ${grant.policyName} breaks its own rules: ${findings
          .map(f => f.message)
          .join('; ')}`,
      );
    }
    files[`${grant.policyName}.hcl`] = renderPolicy(model, grant, policy);
  }
  files['main.tf'] = renderTerraform(model);
  return {
    files,
    policies: model.grants.map(g => g.policyName),
    roles: model.grants.map(g => ({
      role: g.policyName,
      serviceAccount: model.serviceAccount,
      namespace: g.namespace,
      secretPath: `${model.kvMount}/${g.secretPath}`,
    })),
  };
}
