import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_OWNER_OF,
  UserEntity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { OnCallUser } from '@opsdeck/plugin-oncall-common';

/** Normalises an entity reference, rejecting malformed ones precisely. */
export function normalizeEntityRef(
  value: string,
  options?: { defaultKind?: string },
): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(value, {
        defaultKind: options?.defaultKind,
        defaultNamespace: 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch (e) {
    throw new InputError(
      `"${value}" is not an entity reference: ${(e as Error).message}`,
    );
  }
}

/** Loads an entity with the caller's credentials, or throws NotFoundError. */
export async function loadEntity(
  catalog: CatalogService,
  entityRef: string,
  credentials: BackstageCredentials,
): Promise<Entity> {
  const ref = normalizeEntityRef(entityRef);
  const entity = await catalog.getEntityByRef(ref, { credentials });
  if (!entity)
    throw new NotFoundError(`Entity ${ref} not found in the catalog`);
  return entity;
}

/** Whether the caller can see the entity in the catalog. */
export async function canSee(
  catalog: CatalogService,
  entityRef: string,
  credentials: BackstageCredentials,
): Promise<boolean> {
  const entity = await catalog.getEntityByRef(entityRef, { credentials });
  return entity !== undefined;
}

/** How many refs to look up in one catalog request. */
const REFS_PER_REQUEST = 500;

/** The entity refs among `entityRefs` that the caller can see. */
export async function visibleEntityRefs(
  catalog: CatalogService,
  entityRefs: string[],
  credentials: BackstageCredentials,
): Promise<string[]> {
  const visible: string[] = [];
  for (let i = 0; i < entityRefs.length; i += REFS_PER_REQUEST) {
    const chunk = entityRefs.slice(i, i + REFS_PER_REQUEST);
    const { items } = await catalog.getEntitiesByRefs(
      {
        entityRefs: chunk,
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials },
    );
    chunk.forEach((ref, j) => {
      if (items[j]) visible.push(ref);
    });
  }
  return visible;
}

/**
 * For a Group, the entities it owns directly (its `ownerOf` relations) that
 * the caller can see; nothing for other kinds. Ownership through child
 * groups is not followed.
 */
export async function visibleOwnedEntityRefs(
  catalog: CatalogService,
  entity: Entity,
  credentials: BackstageCredentials,
): Promise<string[]> {
  if (entity.kind.toLocaleLowerCase('en-US') !== 'group') return [];
  const owned = [
    ...new Set(
      (entity.relations ?? [])
        .filter(relation => relation.type === RELATION_OWNER_OF)
        .map(relation => relation.targetRef),
    ),
  ];
  return owned.length ? visibleEntityRefs(catalog, owned, credentials) : [];
}

/** Contact details of Users from their catalog profiles. */
export async function loadUsers(
  catalog: CatalogService,
  userRefs: string[],
  credentials: BackstageCredentials,
): Promise<Map<string, OnCallUser>> {
  const unique = [...new Set(userRefs)];
  const result = new Map<string, OnCallUser>();
  if (unique.length === 0) return result;
  const { items } = await catalog.getEntitiesByRefs(
    { entityRefs: unique },
    { credentials },
  );
  unique.forEach((ref, i) => {
    const user = items[i] as UserEntity | undefined;
    result.set(ref, {
      userRef: ref,
      ...(user?.spec?.profile?.displayName
        ? { displayName: user.spec.profile.displayName }
        : {}),
      ...(user?.spec?.profile?.email ? { email: user.spec.profile.email } : {}),
    });
  });
  return result;
}
