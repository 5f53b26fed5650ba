import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples of `opsdeck:terraform:environment`, shown on the installed-actions page. */
export const examples: TemplateExample[] = [
  {
    description:
      'AWS: staging and production (read replica, deletion protection) with S3 state and native S3 locking',
    example: yaml.stringify(
      yaml.parse(`steps:
  - id: terraform
    action: opsdeck:terraform:environment
    name: Generate Terraform
    input:
      name: checkout
      owner: group:default/payments
      system: system:default/shop
      cloud: aws
      region: eu-west-1
      state:
        bucket: acme-terraform-state`),
    ),
  },
  {
    description:
      'Google Cloud: one development environment without a replica, on a given network range and machine type',
    example: yaml.stringify(
      yaml.parse(`steps:
  - id: terraform
    action: opsdeck:terraform:environment
    name: Generate Terraform
    input:
      name: ledger
      owner: finance
      system: accounting
      cloud: gcp
      region: europe-west1
      gcpProject: acme-ledger-dev
      state:
        bucket: acme-ledger-tfstate
      environments:
        - name: dev
          networkCidr: 10.40.0.0/16
          nodeInstanceType: e2-standard-2
          minNodes: 1
          maxNodes: 4
          readReplica: false`),
    ),
  },
  {
    description:
      'Azure: staging and production with azurerm state, production with a replica and a delete lock',
    example: yaml.stringify(
      yaml.parse(`steps:
  - id: terraform
    action: opsdeck:terraform:environment
    name: Generate Terraform
    input:
      name: billing
      owner: group:default/finance
      system: system:default/billing
      cloud: azure
      region: westeurope
      azureSubscriptionId: 2f1c4a5e-8b7d-4c3e-9a1f-0d2e3c4b5a69
      namespace: billing
      serviceAccount: billing-api
      state:
        resourceGroup: rg-terraform-state
        storageAccount: acmetfstate
      environments:
        - name: staging
          networkCidr: 10.50.0.0/16
        - name: production
          networkCidr: 10.60.0.0/16
          databaseInstanceType: GP_Standard_D4ds_v5
          databaseStorageGb: 128
          minNodes: 2
          maxNodes: 10`),
    ),
  },
];
