import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { DEPLOYMENTS_ID_ANNOTATION } from '@opsdeck/plugin-deployments-common';

/**
 * Canonical form of an entity ref (`kind:namespace/name`, lower case), or an
 * `InputError` naming the field when it is not one.
 */
export function normalizeEntityRef(ref: string, field = 'entityRef'): string {
  let parsed;
  try {
    parsed = parseEntityRef(ref);
  } catch {
    throw new InputError(
      `${field} ${JSON.stringify(
        ref,
      )} is not an entity ref of the form kind:namespace/name`,
    );
  }
  return stringifyEntityRef(parsed).toLocaleLowerCase('en-US');
}

/** Id an entity's deployments are recorded under. */
export function deploymentsIdOf(entity: Entity): string {
  const annotated = entity.metadata.annotations?.[DEPLOYMENTS_ID_ANNOTATION];
  return normalizeEntityRef(
    annotated ?? stringifyEntityRef(entity),
    DEPLOYMENTS_ID_ANNOTATION,
  );
}
