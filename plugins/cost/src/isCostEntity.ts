import { Entity } from '@backstage/catalog-model';

const KINDS = ['component', 'system', 'group', 'resource'];

/**
 * Whether an entity gets the cost tab: components, systems, teams and resources.
 *
 * @public
 */
export function isCostEntity(entity: Entity): boolean {
  return KINDS.includes(entity.kind.toLocaleLowerCase('en-US'));
}
