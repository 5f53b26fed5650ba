import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_OWNED_BY,
  getCompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ONCALL_ROTATION_ANNOTATION,
  RotationFile,
  parseRotationFile,
  rotationUserRefs,
} from '@opsdeck/plugin-oncall-common';
import { RotationFileCache } from './RotationFileCache';
import { rotationFileUrl } from './rotationLocation';

/** A rotation file with the entity it belongs to. */
export interface EntityRotation {
  /** The Group or Component carrying the annotation. */
  entityRef: string;
  url: string;
  rotation: RotationFile;
}

/**
 * Finds, reads and validates the rotation file that applies to an entity:
 * its own `opsdeck.io/oncall-rotation`, else its owner's.
 */
export class RotationReader {
  private constructor(
    private readonly files: RotationFileCache,
    private readonly catalog: CatalogService,
  ) {}

  static create(options: {
    files: RotationFileCache;
    catalog: CatalogService;
  }): RotationReader {
    return new RotationReader(options.files, options.catalog);
  }

  /** The entity whose annotation applies: the entity itself or its owner. */
  async findRotationEntity(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<Entity | undefined> {
    if (entity.metadata.annotations?.[ONCALL_ROTATION_ANNOTATION]) {
      return entity;
    }
    const ownerRef =
      entity.relations?.find(r => r.type === RELATION_OWNED_BY)?.targetRef ??
      (typeof entity.spec?.owner === 'string'
        ? stringifyEntityRef(
            parseEntityRef(entity.spec.owner, {
              defaultKind: 'group',
              defaultNamespace: getCompoundEntityRef(entity).namespace,
            }),
          )
        : undefined);
    if (!ownerRef) return undefined;
    const owner = await this.catalog.getEntityByRef(ownerRef, { credentials });
    return owner?.metadata.annotations?.[ONCALL_ROTATION_ANNOTATION]
      ? owner
      : undefined;
  }

  /**
   * Reads and validates the rotation of an annotated entity. Every member
   * must be a User in the catalog.
   */
  async readRotation(
    rotationEntity: Entity,
    credentials: BackstageCredentials,
  ): Promise<EntityRotation> {
    const entityRef = stringifyEntityRef(rotationEntity);
    const url = rotationFileUrl(rotationEntity);
    const text = await this.files.read(url);
    const parsed = parseRotationFile(text);
    if (!parsed.ok) {
      throw new InputError(
        `Rotation file ${url} of ${entityRef} is invalid: ${parsed.error}`,
      );
    }
    const refs = rotationUserRefs(parsed.rotation);
    const { items } = await this.catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: ['kind', 'metadata.name'] },
      { credentials },
    );
    const unknown = refs.filter((_, i) => !items[i]);
    if (unknown.length > 0) {
      throw new InputError(
        `Rotation file ${url} of ${entityRef} names users that are not in the catalog: ${unknown.join(
          ', ',
        )}`,
      );
    }
    return { entityRef, url, rotation: parsed.rotation };
  }
}
