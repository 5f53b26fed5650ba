import { parse } from '@cdktf/hcl2json';
import { checkVaultPolicy } from './vaultPolicyChecker';

const PREFIXES = ['secret/data/checkout/', 'secret/metadata/checkout/'];

describe('checkVaultPolicy', () => {
  it('accepts a read-only policy under the prefixes', async () => {
    const policy = await parse(
      'ok.hcl',
      'path "secret/data/checkout/prod/*" {\n  capabilities = ["read"]\n}\n',
    );
    expect(checkVaultPolicy(policy, PREFIXES)).toEqual([]);
  });

  it('finds sudo, unknown capabilities, paths elsewhere, globs in the middle and stray blocks', async () => {
    const policy = await parse(
      'bad.hcl',
      [
        'path "sys/*" { capabilities = ["sudo", "read"] }',
        'path "secret/data/+/prod/*" { capabilities = ["reed"] }',
        'path "secret/data/checkout*" { capabilities = ["read"] }',
        'path "secret/data/checkout/a" { capabilities = [] }',
        'other "x" {}',
      ].join('\n'),
    );
    const rules = checkVaultPolicy(policy, PREFIXES).map(f =>
      `${f.rule} ${f.path ?? ''}`.trim(),
    );
    expect(rules.sort()).toEqual(
      [
        'empty-capabilities secret/data/checkout/a',
        'outside-prefix secret/data/+/prod/*',
        'outside-prefix secret/data/checkout*',
        'outside-prefix sys/*',
        'sudo sys/*',
        'unknown-block',
        'unknown-capability secret/data/+/prod/*',
        'wildcard secret/data/+/prod/*',
      ].sort(),
    );
  });

  it('finds a policy that grants nothing', () => {
    expect(checkVaultPolicy({}, PREFIXES).map(f => f.rule)).toEqual([
      'no-paths',
    ]);
  });
});
