import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples of `opsdeck:catalog:annotate`, shown on the installed-actions page. */
export const examples: TemplateExample[] = [
  {
    description:
      "Annotates the Component in the repository's catalog-info.yaml with its SLO file, on-call rotation, Argo CD application and Kubernetes id",
    example: yaml.stringify(
      yaml.parse(`steps:
  - id: annotate
    action: opsdeck:catalog:annotate
    name: Add Opsdeck annotations
    input:
      annotations:
        slo: ./slo/checkout.openslo.yaml
        oncallRotation: ./oncall/payments.rotation.yaml
        argocdAppName: checkout-production
        kubernetesId: checkout
        costAllocation: backstage-component=checkout`),
    ),
  },
  {
    description:
      'Creates catalog-info.yaml for ledger when the repository has none, with its PagerDuty service',
    example: yaml.stringify(
      yaml.parse(`steps:
  - id: annotate
    action: opsdeck:catalog:annotate
    name: Catalog entry with Opsdeck annotations
    input:
      entityName: ledger
      create:
        owner: group:default/payments
        system: storefront
      annotations:
        pagerdutyServiceId: PLEDGER1
        deploymentsId: component:default/ledger`),
    ),
  },
];
