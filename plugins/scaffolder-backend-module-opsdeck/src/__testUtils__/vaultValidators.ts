import { parse } from '@cdktf/hcl2json';
import { checkVaultPolicy } from '../vault/vaultPolicyChecker';

/**
 * Parses every generated Vault file with HashiCorp's HCL parser and checks:
 * each policy with `checkVaultPolicy` against the service's own prefixes;
 * `main.tf` pins the vault provider, every `vault_policy` reads a policy file
 * that was generated, every role's policies are declared resources, and roles
 * are bound to exact ServiceAccounts and namespaces (no globs).
 */
export async function validateVaultFiles(
  files: Record<string, string>,
  servicePrefixes: string[],
): Promise<string[]> {
  const problems: string[] = [];
  const parsed: Record<string, any> = {};
  for (const [name, content] of Object.entries(files)) {
    try {
      parsed[name] = await parse(name, content);
    } catch (error) {
      problems.push(`${name}: HCL parse error: ${error}`);
    }
  }
  for (const [name, policy] of Object.entries(parsed)) {
    if (!name.endsWith('.hcl')) continue;
    for (const finding of checkVaultPolicy(policy, servicePrefixes)) {
      problems.push(`${name}: ${finding.rule}: ${finding.message}`);
    }
  }
  const main = parsed['main.tf'];
  if (!main) return [...problems, 'main.tf missing or unparsable'];
  const vault = main.terraform?.[0]?.required_providers?.[0]?.vault;
  if (!vault?.source || !/^~> [0-9]+\.[0-9]+$/.test(vault.version ?? '')) {
    problems.push('main.tf: vault provider not pinned');
  }
  const policies = main.resource?.vault_policy ?? {};
  const roles = main.resource?.vault_kubernetes_auth_backend_role ?? {};
  for (const [id, [policy]] of Object.entries<any[]>(policies)) {
    const file = /^\$\{file\("\$\{path\.module\}\/([^"]+)"\)\}$/.exec(
      policy.policy,
    )?.[1];
    if (!file || !(file in files)) {
      problems.push(`main.tf: vault_policy.${id} reads a missing file`);
    }
  }
  if (Object.keys(roles).length === 0) problems.push('main.tf: no roles');
  for (const [id, [role]] of Object.entries<any[]>(roles)) {
    for (const reference of role.token_policies ?? []) {
      const target = /^\$\{vault_policy\.([a-z0-9_]+)\.name\}$/.exec(
        reference,
      )?.[1];
      if (!target || !(target in policies)) {
        problems.push(`main.tf: role ${id} uses undeclared ${reference}`);
      }
    }
    for (const key of [
      'bound_service_account_names',
      'bound_service_account_namespaces',
    ]) {
      const values: unknown[] = role[key] ?? [];
      if (values.length === 0 || values.some(v => String(v).includes('*'))) {
        problems.push(`main.tf: role ${id} ${key} is empty or a glob`);
      }
    }
    if (!(role.token_ttl <= role.token_max_ttl)) {
      problems.push(`main.tf: role ${id} token_ttl above token_max_ttl`);
    }
  }
  return problems;
}
