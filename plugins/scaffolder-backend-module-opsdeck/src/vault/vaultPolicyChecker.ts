/**
 * A Vault policy as HashiCorp's HCL parser returns it (`@cdktf/hcl2json`):
 * `{ path: { "<path>": [{ capabilities: [...] }] } }`.
 *
 * @public
 */
export type ParsedVaultPolicy = {
  path?: Record<string, Array<{ capabilities?: unknown }>>;
  [block: string]: unknown;
};

/** @public */
export type VaultPolicyFinding = {
  rule:
    | 'unknown-block'
    | 'no-paths'
    | 'unknown-capability'
    | 'sudo'
    | 'empty-capabilities'
    | 'outside-prefix'
    | 'wildcard';
  path?: string;
  message: string;
};

/**
 * Capabilities Vault knows (`sudo` is known but refused).
 *
 * @public
 */
export const VAULT_CAPABILITIES = [
  'create',
  'read',
  'update',
  'patch',
  'delete',
  'list',
  'deny',
  'sudo',
] as const;

/**
 * Checks a parsed policy for least privilege: only `path` blocks, known
 * capabilities, never `sudo`, every path under one of `allowedPrefixes`
 * (e.g. `secret/data/checkout/production/`), and globs only as the final `*`
 * of such a path (no `+` segments, no `*` elsewhere).
 *
 * @public
 */
export function checkVaultPolicy(
  policy: ParsedVaultPolicy,
  allowedPrefixes: string[],
): VaultPolicyFinding[] {
  const findings: VaultPolicyFinding[] = [];
  for (const block of Object.keys(policy)) {
    if (block !== 'path') {
      findings.push({
        rule: 'unknown-block',
        message: `unexpected block '${block}'`,
      });
    }
  }
  const paths = Object.entries(policy.path ?? {});
  if (paths.length === 0) {
    findings.push({ rule: 'no-paths', message: 'the policy grants nothing' });
  }
  for (const [path, bodies] of paths) {
    const capabilities = bodies.flatMap(body =>
      Array.isArray(body.capabilities) ? body.capabilities : [],
    );
    if (capabilities.length === 0) {
      findings.push({
        rule: 'empty-capabilities',
        path,
        message: `${path} lists no capabilities`,
      });
    }
    for (const capability of capabilities) {
      if (capability === 'sudo') {
        findings.push({
          rule: 'sudo',
          path,
          message: `${path} grants sudo`,
        });
      } else if (
        !(VAULT_CAPABILITIES as readonly unknown[]).includes(capability)
      ) {
        findings.push({
          rule: 'unknown-capability',
          path,
          message: `${path} grants unknown capability '${String(capability)}'`,
        });
      }
    }
    const withoutFinalGlob = path.endsWith('*') ? path.slice(0, -1) : path;
    if (/[*+]/.test(withoutFinalGlob)) {
      findings.push({
        rule: 'wildcard',
        path,
        message: `${path} uses a glob other than a final '*'`,
      });
    }
    if (!allowedPrefixes.some(prefix => withoutFinalGlob.startsWith(prefix))) {
      findings.push({
        rule: 'outside-prefix',
        path,
        message: `${path} is outside ${allowedPrefixes.join(', ')}`,
      });
    }
  }
  return findings;
}
