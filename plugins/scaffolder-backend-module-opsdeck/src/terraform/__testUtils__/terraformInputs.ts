import type { TerraformCloud } from '../model';

/** Valid parameters for each cloud, the base of matrix and property tests. */
export const BASE_INPUTS: Record<TerraformCloud, Record<string, unknown>> = {
  aws: {
    name: 'checkout',
    owner: 'group:default/payments',
    system: 'system:default/shop',
    cloud: 'aws',
    region: 'eu-west-1',
    state: { bucket: 'acme-terraform-state' },
  },
  gcp: {
    name: 'checkout',
    owner: 'group:default/payments',
    system: 'system:default/shop',
    cloud: 'gcp',
    region: 'europe-west1',
    gcpProject: 'acme-shop-prod',
    state: { bucket: 'acme-terraform-state' },
  },
  azure: {
    name: 'checkout',
    owner: 'group:default/payments',
    system: 'system:default/shop',
    cloud: 'azure',
    region: 'westeurope',
    azureSubscriptionId: '2f1c4a5e-8b7d-4c3e-9a1f-0d2e3c4b5a69',
    state: {
      resourceGroup: 'rg-terraform-state',
      storageAccount: 'acmetfstate',
    },
  },
};
