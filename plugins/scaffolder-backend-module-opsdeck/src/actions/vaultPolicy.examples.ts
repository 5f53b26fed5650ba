import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples of `opsdeck:vault:policy`, shown on the installed-actions page. */
export const examples: TemplateExample[] = [
  {
    description:
      'Read-only access for checkout in staging and production, to secret/checkout/<environment>/, for pods of ServiceAccount checkout in namespaces checkout-staging and checkout-production',
    example: yaml.stringify(
      yaml.parse(`steps:
  - id: vault
    action: opsdeck:vault:policy
    name: Vault policy and Kubernetes auth roles
    input:
      name: checkout`),
    ),
  },
  {
    description:
      'Read-write access for a worker in one namespace, on a team mount and a longer-lived token',
    example: yaml.stringify(
      yaml.parse(`steps:
  - id: vault
    action: opsdeck:vault:policy
    name: Vault policy and Kubernetes auth roles
    input:
      name: ledger-worker
      serviceAccount: ledger-worker
      environments:
        - name: production
          namespace: payments
      kvMount: kv-payments
      secretPrefix: ledger
      access: read-write
      authMount: kubernetes/eu-west-1
      tokenTtlSeconds: 1800
      tokenMaxTtlSeconds: 7200
      directory: infra/vault`),
    ),
  },
];
