import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { ONCALL_ROTATION_ANNOTATION } from '@opsdeck/plugin-oncall-common';
import { pathToFileURL } from 'node:url';

function baseUrlOf(location: string): string {
  const target = location.replace(/^(url|file):/, '');
  if (location.startsWith('file:') && !target.startsWith('file://')) {
    return pathToFileURL(target).toString();
  }
  return target;
}

/**
 * The URL of an entity's rotation file: the annotation's relative path
 * resolved against `backstage.io/source-location`, else
 * `backstage.io/managed-by-location`, without their `url:`/`file:` prefix.
 * Absolute URLs, absolute paths and `..` segments are refused: the file must
 * live beside the entity's source.
 */
export function rotationFileUrl(entity: Entity): string {
  const annotations = entity.metadata.annotations ?? {};
  const relative = annotations[ONCALL_ROTATION_ANNOTATION]?.trim();
  const ref = stringifyEntityRef(entity);
  if (!relative) {
    throw new InputError(
      `${ref} has no ${ONCALL_ROTATION_ANNOTATION} annotation`,
    );
  }
  if (
    /^[a-z][a-z0-9+.-]*:/i.test(relative) ||
    relative.startsWith('/') ||
    relative.startsWith('\\') ||
    relative.split(/[\\/]/).includes('..') ||
    /[\0\r\n]/.test(relative)
  ) {
    throw new InputError(
      `${ONCALL_ROTATION_ANNOTATION} of ${ref} must be a path relative to the entity's source, without "..": got "${relative}"`,
    );
  }
  const location =
    annotations[ANNOTATION_SOURCE_LOCATION] ?? annotations[ANNOTATION_LOCATION];
  if (!location) {
    throw new InputError(
      `${ref} has neither ${ANNOTATION_SOURCE_LOCATION} nor ${ANNOTATION_LOCATION}; the rotation file cannot be located`,
    );
  }
  return new URL(relative, baseUrlOf(location)).toString();
}
