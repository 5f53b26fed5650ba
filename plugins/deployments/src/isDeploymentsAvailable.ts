import { Entity } from '@backstage/catalog-model';

const KINDS = ['component', 'system', 'group'];

/**
 * Whether an entity gets the deployments tab: components (their own
 * deployments), systems and teams (their components' deployments and DORA
 * metrics).
 *
 * @public
 */
export function isDeploymentsAvailable(entity: Entity): boolean {
  return KINDS.includes(entity.kind.toLocaleLowerCase('en-US'));
}
