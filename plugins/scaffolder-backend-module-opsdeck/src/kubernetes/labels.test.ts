import { COST_ALLOCATION_TAGS } from '@opsdeck/plugin-cost-common';
import { commonLabels, environmentLabels } from './labels';
import { parseKubernetesManifestsParameters } from './parameters';

describe('labels', () => {
  it('carry the portal labels and the cost allocation keys of cost-common', () => {
    const labels = commonLabels(
      parseKubernetesManifestsParameters({
        name: 'checkout',
        owner: 'group:default/payments',
        system: 'system:default/shop',
        image: 'ghcr.io/acme/checkout:1.0.0',
      }),
    );
    expect(labels).toEqual({
      'app.kubernetes.io/name': 'checkout',
      'app.kubernetes.io/instance': 'checkout',
      'app.kubernetes.io/component': 'service',
      'app.kubernetes.io/managed-by': 'kustomize',
      'app.kubernetes.io/part-of': 'shop',
      'backstage.io/kubernetes-id': 'checkout',
      [COST_ALLOCATION_TAGS.component]: 'checkout',
      [COST_ALLOCATION_TAGS.owner]: 'payments',
      [COST_ALLOCATION_TAGS.system]: 'shop',
    });
    expect(environmentLabels('production')).toEqual({
      [COST_ALLOCATION_TAGS.environment]: 'production',
    });
  });
});
