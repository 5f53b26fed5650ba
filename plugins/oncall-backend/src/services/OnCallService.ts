import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CreateOverrideRequest,
  OnCallResponse,
  whoIsOnCall,
} from '@opsdeck/plugin-oncall-common';
import { OnCallProvider } from '@opsdeck/plugin-oncall-node';
import { OverrideStore, StoredOverride } from '../database/OverrideStore';
import { canSee, loadEntity, loadUsers, normalizeEntityRef } from './entities';
import { RotationReader } from './RotationReader';

/**
 * Who is on call for an entity, from a registered provider that knows the
 * entity or else from the rotation file of the entity or its owner; and the
 * overrides of rotation files.
 */
export class OnCallService {
  private constructor(
    private readonly catalog: CatalogService,
    private readonly rotations: RotationReader,
    private readonly overrides: OverrideStore,
    private readonly providers: OnCallProvider[],
    private readonly logger: LoggerService,
  ) {}

  static create(options: {
    catalog: CatalogService;
    rotations: RotationReader;
    overrides: OverrideStore;
    providers: OnCallProvider[];
    logger: LoggerService;
  }): OnCallService {
    return new OnCallService(
      options.catalog,
      options.rotations,
      options.overrides,
      options.providers,
      options.logger,
    );
  }

  /** The registered provider with this id, if any. */
  provider(id: string): OnCallProvider | undefined {
    return this.providers.find(p => p.id === id);
  }

  /** The provider that serves an entity, if any. */
  providerFor(entity: Entity): OnCallProvider | undefined {
    return this.providers.find(p => p.handles(entity));
  }

  async getOnCall(
    entityRef: string,
    at: Date,
    credentials: BackstageCredentials,
  ): Promise<OnCallResponse> {
    const entity = await loadEntity(this.catalog, entityRef, credentials);
    const ref = stringifyEntityRef(entity);
    const provider = this.providerFor(entity);
    if (provider) {
      const levels = await provider.getOnCall(entity, at, { credentials });
      return {
        entityRef: ref,
        configured: true,
        provider: provider.id,
        levels,
      };
    }
    const rotationEntity = await this.rotations.findRotationEntity(
      entity,
      credentials,
    );
    if (!rotationEntity) {
      return { entityRef: ref, configured: false, levels: [] };
    }
    const { entityRef: rotationEntityRef, rotation } =
      await this.rotations.readRotation(rotationEntity, credentials);
    const overrides = await this.overrides.listOverrides(
      rotationEntityRef,
      new Date(at.getTime() - 35 * 86_400_000),
    );
    const levels = whoIsOnCall(rotation, at.getTime(), overrides);
    const users = await loadUsers(
      this.catalog,
      levels.flatMap(l => [...l.now, ...l.next].map(s => s.userRef)),
      credentials,
    );
    this.logger.debug('Computed on-call', {
      entityRef: ref,
      rotationEntityRef,
    });
    return {
      entityRef: ref,
      configured: true,
      provider: 'rotation',
      rotationEntityRef,
      levels: levels.map(level => ({
        level: level.level,
        delayMinutes: level.delayMinutes,
        now: level.now.map(({ userRef, ...rest }) => ({
          user: users.get(userRef) ?? { userRef },
          ...rest,
        })),
        next: level.next.map(({ userRef, ...rest }) => ({
          user: users.get(userRef) ?? { userRef },
          ...rest,
        })),
      })),
    };
  }

  /** The User refs on call now at the first escalation level. */
  async firstLevelNow(
    entity: Entity,
    at: Date,
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const response = await this.getOnCall(
      stringifyEntityRef(entity),
      at,
      credentials,
    );
    return (response.levels[0]?.now ?? [])
      .map(s => s.user.userRef)
      .filter((r): r is string => Boolean(r));
  }

  async listOverrides(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<StoredOverride[]> {
    const { rotationEntityRef } = await this.rotationOf(entityRef, credentials);
    return this.overrides.listOverrides(rotationEntityRef, new Date());
  }

  async createOverride(
    request: CreateOverrideRequest,
    createdBy: string,
    credentials: BackstageCredentials,
  ): Promise<StoredOverride> {
    const { rotationEntityRef, schedules } = await this.rotationOf(
      request.entityRef,
      credentials,
    );
    if (!schedules.includes(request.schedule)) {
      throw new InputError(
        `Rotation of ${rotationEntityRef} has no schedule "${
          request.schedule
        }" (it has: ${schedules.join(', ')})`,
      );
    }
    const userRef = normalizeEntityRef(request.userRef, {
      defaultKind: 'user',
    });
    const user = await this.catalog.getEntityByRef(userRef, { credentials });
    if (!user || user.kind.toLocaleLowerCase('en-US') !== 'user') {
      throw new InputError(`${userRef} is not a User in the catalog`);
    }
    const created = await this.overrides.createOverride({
      rotationEntityRef,
      schedule: request.schedule,
      userRef,
      start: new Date(request.start).toISOString(),
      end: new Date(request.end).toISOString(),
      createdBy,
    });
    this.logger.info('Created on-call override', {
      id: created.id,
      rotationEntityRef,
      schedule: created.schedule,
      userRef,
      createdBy,
    });
    return created;
  }

  /**
   * Deletes an override of a rotation the caller can see; NotFoundError as
   * for one that does not exist otherwise.
   */
  async deleteOverride(
    id: string,
    deletedBy: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const override = await this.overrides.getOverride(id);
    const visible =
      override &&
      (await canSee(this.catalog, override.rotationEntityRef, credentials));
    if (!visible || !(await this.overrides.deleteOverride(id))) {
      throw new NotFoundError(`Override ${id} not found`);
    }
    this.logger.info('Deleted on-call override', { id, deletedBy });
  }

  private async rotationOf(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<{ rotationEntityRef: string; schedules: string[] }> {
    const entity = await loadEntity(this.catalog, entityRef, credentials);
    const rotationEntity = await this.rotations.findRotationEntity(
      entity,
      credentials,
    );
    if (!rotationEntity) {
      throw new InputError(
        `${stringifyEntityRef(
          entity,
        )} has no rotation: neither it nor its owner has the opsdeck.io/oncall-rotation annotation`,
      );
    }
    const read = await this.rotations.readRotation(rotationEntity, credentials);
    return {
      rotationEntityRef: read.entityRef,
      schedules: read.rotation.spec.schedules.map(s => s.name),
    };
  }
}
