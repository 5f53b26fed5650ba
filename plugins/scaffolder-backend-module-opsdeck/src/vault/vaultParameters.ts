import { z } from 'zod';
import { parseParameters } from '../shared/parseParameters';
import { DNS_LABEL, safeText } from '../pipeline/safeText';

const VAULT_PATH = (what: string) =>
  safeText({
    description: `${what}: lowercase segments of a-z, 0-9, '_' and '-' separated by '/', e.g. secret or apps/checkout`,
    pattern: /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_-]*)*$/,
    maxLength: 128,
  });

const environmentSchema = z
  .object({
    name: safeText(DNS_LABEL),
    namespace: safeText(DNS_LABEL).optional(),
  })
  .strict();

/**
 * Parameters of a service's Vault access: one policy and one Kubernetes auth
 * role per environment.
 *
 * @public
 */
export const vaultPolicyParametersSchema = z
  .object({
    name: safeText(DNS_LABEL),
    serviceAccount: safeText(DNS_LABEL).optional(),
    environments: z
      .array(environmentSchema)
      .min(1)
      .max(8)
      .default([{ name: 'staging' }, { name: 'production' }]),
    kvMount: VAULT_PATH('a KV v2 mount path').default('secret'),
    secretPrefix: VAULT_PATH('a secret path prefix').optional(),
    access: z.enum(['read', 'read-write']).default('read'),
    authMount: VAULT_PATH('a Kubernetes auth mount path').default('kubernetes'),
    audience: safeText({
      description:
        "an audience of letters, digits, '.', '_', '-', ':' and '/', e.g. vault or https://vault.example.com",
      pattern: /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/,
      maxLength: 100,
    }).default('vault'),
    tokenTtlSeconds: z.number().int().min(60).max(86400).default(3600),
    tokenMaxTtlSeconds: z.number().int().min(60).max(604800).default(14400),
  })
  .strict()
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.environments.forEach((environment, index) => {
      if (seen.has(environment.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['environments', index, 'name'],
          message: `duplicates environment '${environment.name}'`,
        });
      }
      seen.add(environment.name);
    });
    if (value.tokenMaxTtlSeconds < value.tokenTtlSeconds) {
      ctx.addIssue({
        code: 'custom',
        path: ['tokenMaxTtlSeconds'],
        message: 'must not be less than tokenTtlSeconds',
      });
    }
  });

/** @public */
export type VaultPolicyParametersInput = z.input<
  typeof vaultPolicyParametersSchema
>;

/**
 * One environment's access: the policy and the role that grants it.
 *
 * @public
 */
export type VaultEnvironmentAccess = {
  environment: string;
  namespace: string;
  /** Policy and role name: `<name>-<environment>`. */
  policyName: string;
  /** Secrets live under `<kvMount>/data/<secretPath>/...`. */
  secretPath: string;
};

/** @public */
export type VaultPolicyModel = Omit<
  z.output<typeof vaultPolicyParametersSchema>,
  'serviceAccount' | 'secretPrefix'
> & {
  serviceAccount: string;
  secretPrefix: string;
  grants: VaultEnvironmentAccess[];
};

/**
 * Validates raw parameters. Namespaces default to `<name>-<environment>` and
 * the ServiceAccount to `<name>`, as `opsdeck:kubernetes:manifests` creates
 * them.
 *
 * @throws InputError naming every invalid parameter and why.
 * @public
 */
export function parseVaultPolicyParameters(input: unknown): VaultPolicyModel {
  const parsed = parseParameters(vaultPolicyParametersSchema, input, 'Vault');
  const value = parsed;
  const secretPrefix = value.secretPrefix ?? value.name;
  return {
    ...value,
    serviceAccount: value.serviceAccount ?? value.name,
    secretPrefix,
    grants: value.environments.map(environment => ({
      environment: environment.name,
      namespace: environment.namespace ?? `${value.name}-${environment.name}`,
      policyName: `${value.name}-${environment.name}`,
      secretPath: `${secretPrefix}/${environment.name}`,
    })),
  };
}
