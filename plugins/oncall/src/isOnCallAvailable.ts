import { Entity } from '@backstage/catalog-model';

/**
 * Where the on-call card belongs: Components (which inherit their owner's
 * rotation) and Groups. Whether a rotation exists is answered by the card.
 *
 * @public
 */
export function isOnCallAvailable(entity: Entity): boolean {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  return kind === 'component' || kind === 'group';
}
