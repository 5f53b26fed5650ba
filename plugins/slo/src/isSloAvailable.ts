import { Entity } from '@backstage/catalog-model';
import { SLO_ANNOTATION } from '@opsdeck/plugin-slo-common';

/** Whether an entity has an OpenSLO file (`opsdeck.io/slo`). @public */
export function isSloAvailable(entity: Entity): boolean {
  return Boolean(entity.metadata.annotations?.[SLO_ANNOTATION]);
}
