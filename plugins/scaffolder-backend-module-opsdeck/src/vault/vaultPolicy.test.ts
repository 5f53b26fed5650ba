import { InputError } from '@backstage/errors';
import { parse } from '@cdktf/hcl2json';
import { validateVaultFiles } from '../__testUtils__/vaultValidators';
import { generateVaultPolicy } from './vaultPolicy';

const CHECKOUT_PREFIXES = [
  'secret/data/checkout/',
  'secret/metadata/checkout/',
];

describe('generateVaultPolicy', () => {
  it('writes a read-only policy and a bound role per environment, valid for HCL and our checks', async () => {
    const generated = generateVaultPolicy({ name: 'checkout' });
    expect(Object.keys(generated.files).sort()).toEqual([
      'checkout-production.hcl',
      'checkout-staging.hcl',
      'main.tf',
    ]);
    expect(
      await validateVaultFiles(generated.files, CHECKOUT_PREFIXES),
    ).toEqual([]);
    const production = await parse(
      'p.hcl',
      generated.files['checkout-production.hcl'],
    );
    expect(production.path).toEqual({
      'secret/data/checkout/production/*': [{ capabilities: ['read'] }],
      'secret/metadata/checkout/production/*': [
        { capabilities: ['read', 'list'] },
      ],
    });
    expect(generated.roles).toEqual([
      {
        role: 'checkout-staging',
        serviceAccount: 'checkout',
        namespace: 'checkout-staging',
        secretPath: 'secret/checkout/staging',
      },
      {
        role: 'checkout-production',
        serviceAccount: 'checkout',
        namespace: 'checkout-production',
        secretPath: 'secret/checkout/production',
      },
    ]);
  });

  it('binds each role to its namespace only, with the TTLs and audience given', async () => {
    const generated = generateVaultPolicy({
      name: 'ledger',
      serviceAccount: 'ledger-api',
      environments: [{ name: 'prod', namespace: 'payments' }],
      kvMount: 'kv',
      secretPrefix: 'teams/payments/ledger',
      authMount: 'kubernetes/eu-west-1',
      audience: 'https://vault.example.com',
      tokenTtlSeconds: 600,
      tokenMaxTtlSeconds: 1200,
    });
    expect(
      await validateVaultFiles(generated.files, [
        'kv/data/teams/payments/ledger/',
        'kv/metadata/teams/payments/ledger/',
      ]),
    ).toEqual([]);
    const main = await parse('main.tf', generated.files['main.tf']);
    expect(
      main.resource.vault_kubernetes_auth_backend_role.ledger_prod[0],
    ).toMatchObject({
      backend: 'kubernetes/eu-west-1',
      role_name: 'ledger-prod',
      bound_service_account_names: ['ledger-api'],
      bound_service_account_namespaces: ['payments'],
      audience: 'https://vault.example.com',
      token_policies: ['${vault_policy.ledger_prod.name}'],
      token_ttl: 600,
      token_max_ttl: 1200,
    });
  });

  it('grants writes only when asked, never sudo or metadata deletion', async () => {
    const generated = generateVaultPolicy({
      name: 'checkout',
      access: 'read-write',
      environments: [{ name: 'staging' }],
    });
    const policy = await parse(
      'p.hcl',
      generated.files['checkout-staging.hcl'],
    );
    expect(
      policy.path['secret/data/checkout/staging/*'][0].capabilities,
    ).toEqual(['create', 'read', 'update', 'patch', 'delete']);
    expect(
      policy.path['secret/metadata/checkout/staging/*'][0].capabilities,
    ).toEqual(['read', 'list']);
    expect(
      await validateVaultFiles(generated.files, CHECKOUT_PREFIXES),
    ).toEqual([]);
  });

  it.each([
    [
      { name: 'checkout', kvMount: 'secret/*' },
      'kvMount must be a KV v2 mount path',
    ],
    [{ name: 'checkout', secretPrefix: '../sys' }, 'secretPrefix'],
    [{ name: 'checkout', secretPrefix: 'a/+/b' }, 'secretPrefix must be'],
    [{ name: 'checkout', serviceAccount: '*' }, 'serviceAccount'],
    [
      { name: 'checkout', environments: [{ name: 'prod', namespace: 'a"b' }] },
      'environments.0.namespace must not contain quotes',
    ],
    [
      { name: 'checkout', environments: [{ name: 'a' }, { name: 'a' }] },
      "duplicates environment 'a'",
    ],
    [{ name: 'checkout', environments: [] }, 'environments'],
    [
      { name: 'checkout', tokenTtlSeconds: 7200, tokenMaxTtlSeconds: 3600 },
      'tokenMaxTtlSeconds must not be less than tokenTtlSeconds',
    ],
    [{ name: 'checkout', access: 'sudo' }, 'access'],
    [{ name: 'checkout', policies: ['root'] }, 'unknown parameter(s) policies'],
  ])('rejects %j with a precise error', (input, message) => {
    expect(() => generateVaultPolicy(input)).toThrow(InputError);
    expect(() => generateVaultPolicy(input)).toThrow(message);
  });
});
