import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { fileURLToPath, pathToFileURL } from 'url';
import { SLO_ANNOTATION } from '@opsdeck/plugin-slo-common';

const SOURCE_LOCATION = 'backstage.io/source-location';
const MANAGED_BY_LOCATION = 'backstage.io/managed-by-location';

function stripLocationType(location: string): { type: string; target: string } {
  const match = /^(url|file):(.*)$/s.exec(location);
  return match
    ? { type: match[1], target: match[2] }
    : { type: 'url', target: location };
}

/**
 * URL of an entity's OpenSLO file: the `opsdeck.io/slo` annotation resolved
 * against the entity's source location (else the location it was read from).
 * Undefined when the entity has no annotation.
 */
export function resolveOpenSloUrl(entity: Entity): string | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const value = annotations[SLO_ANNOTATION]?.trim();
  if (!value) {
    return undefined;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value) || value.length > 1000) {
    throw new InputError(
      `annotation ${SLO_ANNOTATION} holds control characters or is too long`,
    );
  }
  if (/^https?:\/\//i.test(value)) {
    return new URL(value).href;
  }
  const base = annotations[SOURCE_LOCATION] ?? annotations[MANAGED_BY_LOCATION];
  if (!base) {
    throw new InputError(
      `annotation ${SLO_ANNOTATION} is relative (${value}) but the entity has no ${SOURCE_LOCATION} or ${MANAGED_BY_LOCATION} to resolve it against`,
    );
  }
  const { type, target } = stripLocationType(base);
  let baseUrl: URL;
  let resolved: URL;
  try {
    baseUrl = type === 'file' ? pathToFileURL(target) : new URL(target);
    resolved = new URL(value, baseUrl);
  } catch {
    throw new InputError(
      `annotation ${SLO_ANNOTATION} (${value}) cannot be resolved against ${base}`,
    );
  }
  if (type === 'file') {
    const directory = new URL('.', baseUrl).href;
    if (!resolved.href.startsWith(directory)) {
      throw new InputError(
        `annotation ${SLO_ANNOTATION} (${value}) points outside the directory of ${base}`,
      );
    }
  } else if (resolved.origin !== baseUrl.origin) {
    throw new InputError(
      `annotation ${SLO_ANNOTATION} (${value}) points to another host than ${base}`,
    );
  }
  return resolved.href;
}

/** How an OpenSLO file's location may be shown to callers. */
export interface PublicLocation {
  /** A URL callers may open, or null for a file on the backend's disk. */
  url: string | null;
  /** The name used in messages. */
  name: string;
  /** Replaces the file's server path in a message with its name. */
  redact(message: string): string;
}

/**
 * A file on the backend's disk (a `file:` URL) is named by the entity's
 * annotation, never by its absolute path; other URLs are shown as they are.
 */
export function publicLocation(
  sourceUrl: string,
  entity: Entity,
): PublicLocation {
  if (!sourceUrl.startsWith('file:')) {
    return { url: sourceUrl, name: sourceUrl, redact: message => message };
  }
  const name = entity.metadata.annotations?.[SLO_ANNOTATION]?.trim() ?? 'file';
  let path = sourceUrl;
  try {
    path = fileURLToPath(sourceUrl);
  } catch {
    // not a local path: only the URL itself is redacted
  }
  return {
    url: null,
    name,
    redact: message =>
      message.split(sourceUrl).join(name).split(path).join(name),
  };
}
