import { Entity } from '@backstage/catalog-model';
import { isDeploymentsAvailable } from './index';

function entityOfKind(kind: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'x' },
  };
}

describe('isDeploymentsAvailable', () => {
  it.each(['Component', 'System', 'Group', 'component', 'SYSTEM'])(
    'gives a %s the deployments tab',
    kind => {
      expect(isDeploymentsAvailable(entityOfKind(kind))).toBe(true);
    },
  );

  it.each(['User', 'API', 'Resource', 'Domain', 'Location', 'Template', ''])(
    'gives a %s no deployments tab',
    kind => {
      expect(isDeploymentsAvailable(entityOfKind(kind))).toBe(false);
    },
  );
});
