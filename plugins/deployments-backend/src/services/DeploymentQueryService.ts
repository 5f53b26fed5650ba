import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DeploymentHistoryResponse,
  DeploymentRecord,
  DeploymentStatus,
  DeploymentsSummaryResponse,
  DoraResponse,
  computeDoraMetrics,
  summarizeEnvironments,
} from '@opsdeck/plugin-deployments-common';
import type { DeploymentsProvider } from '@opsdeck/plugin-deployments-node';
import type { DeploymentsStore } from '../database/DeploymentsStore';
import { deploymentsIdOf, normalizeEntityRef } from './deploymentsId';

const DAY_MS = 24 * 3600 * 1000;
/** Failures in a period may recover after it: look this far past its end. */
const RECOVERY_LOOKAHEAD_MS = 30 * DAY_MS;
const MAX_PERIOD_MS = 366 * DAY_MS;

/** History filters. */
export interface HistoryQuery {
  environment?: string;
  status?: DeploymentStatus;
  from?: string;
  to?: string;
  offset: number;
  limit: number;
}

/**
 * Dependencies of {@link DeploymentQueryService}.
 *
 * @public
 */
export interface DeploymentQueryServiceOptions {
  store: DeploymentsStore;
  catalog: CatalogService;
  providers: readonly DeploymentsProvider[];
  productionEnvironments: string[];
  defaultPeriodDays: number;
}

/**
 * Reads deployments of catalog entities, resolved with the caller's
 * credentials.
 *
 * @public
 */
export class DeploymentQueryService {
  readonly #store: DeploymentsStore;
  readonly #catalog: CatalogService;
  readonly #providers: readonly DeploymentsProvider[];
  readonly #productionEnvironments: string[];
  readonly #defaultPeriodDays: number;

  static create(
    options: DeploymentQueryServiceOptions,
  ): DeploymentQueryService {
    return new DeploymentQueryService(options);
  }

  private constructor(options: DeploymentQueryServiceOptions) {
    this.#store = options.store;
    this.#catalog = options.catalog;
    this.#providers = options.providers;
    this.#productionEnvironments = options.productionEnvironments;
    this.#defaultPeriodDays = options.defaultPeriodDays;
  }

  /** The entity, as the caller may see it, or `NotFoundError`. */
  async resolveEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    const ref = normalizeEntityRef(entityRef);
    const entity = await this.#catalog.getEntityByRef(ref, { credentials });
    if (!entity) {
      throw new NotFoundError(`No catalog entity ${JSON.stringify(ref)}`);
    }
    return entity;
  }

  /** Whether an installed provider can roll this entity back. */
  rollbackProviderFor(entity: Entity): DeploymentsProvider | undefined {
    return this.#providers.find(p => p.rollback && p.handles(entity));
  }

  /** The running version of one environment and the one before it, latest first. */
  async lastSucceeded(
    entity: Entity,
    environment: string,
  ): Promise<DeploymentRecord[]> {
    const { items } = await this.#store.listDeployments({
      deploymentsIds: [deploymentsIdOf(entity)],
      environments: [environment],
      status: 'succeeded',
      orderBy: 'finished',
      limit: 2,
    });
    return items;
  }

  async summary(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<DeploymentsSummaryResponse> {
    const entity = await this.resolveEntity(entityRef, credentials);
    const deploymentsId = deploymentsIdOf(entity);
    const environments = await this.#store.listEnvironments(deploymentsId);
    const records = (
      await Promise.all(
        environments.map(environment =>
          this.#latestAndCurrent(deploymentsId, environment),
        ),
      )
    ).flat();
    return {
      entityRef: stringifyEntityRef(entity),
      deploymentsId,
      environments: summarizeEnvironments(
        records,
        Boolean(this.rollbackProviderFor(entity)),
      ),
    };
  }

  async history(
    entityRef: string,
    query: HistoryQuery,
    credentials: BackstageCredentials,
  ): Promise<DeploymentHistoryResponse> {
    const entity = await this.resolveEntity(entityRef, credentials);
    const deploymentsId = deploymentsIdOf(entity);
    const { from, to } = this.#period(query.from, query.to);
    const { items, totalCount } = await this.#store.listDeployments({
      deploymentsIds: [deploymentsId],
      environments: query.environment ? [query.environment] : undefined,
      status: query.status,
      startedBefore: to,
      updatedFrom: from,
      offset: query.offset,
      limit: query.limit,
    });
    return {
      entityRef: stringifyEntityRef(entity),
      deploymentsId,
      from: from.toISOString(),
      to: to.toISOString(),
      totalCount,
      offset: query.offset,
      limit: query.limit,
      items,
    };
  }

  async dora(
    entityRef: string,
    period: { from?: string; to?: string },
    credentials: BackstageCredentials,
  ): Promise<DoraResponse> {
    const entity = await this.resolveEntity(entityRef, credentials);
    const { from, to } = this.#period(period.from, period.to);
    const { scope, members } = await this.#members(entity, credentials);
    const deploymentsIds = [...new Set(members.map(deploymentsIdOf))].sort();
    const { items: records } = await this.#store.listDeployments({
      deploymentsIds,
      environments: this.#productionEnvironments,
      finished: {
        from,
        to: new Date(to.getTime() + RECOVERY_LOOKAHEAD_MS),
      },
    });
    return {
      entityRef: stringifyEntityRef(entity),
      scope,
      deploymentsIds,
      metrics: computeDoraMetrics(records, {
        from: from.toISOString(),
        to: to.toISOString(),
        productionEnvironments: this.#productionEnvironments,
      }),
    };
  }

  async #members(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<{ scope: DoraResponse['scope']; members: Entity[] }> {
    const ref = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
    const kind = entity.kind.toLocaleLowerCase('en-US');
    if (kind !== 'system' && kind !== 'group') {
      return { scope: 'entity', members: [entity] };
    }
    const relation =
      kind === 'system' ? 'relations.partOf' : 'relations.ownedBy';
    const { items } = await this.#catalog.getEntities(
      {
        filter: { kind: 'component', [relation]: ref },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
        ],
      },
      { credentials },
    );
    return { scope: kind, members: items };
  }

  #period(fromText?: string, toText?: string): { from: Date; to: Date } {
    const to = toText ? new Date(toText) : new Date();
    const from = fromText
      ? new Date(fromText)
      : new Date(to.getTime() - this.#defaultPeriodDays * DAY_MS);
    if (from.getTime() >= to.getTime()) {
      throw new InputError('from must be before to');
    }
    if (to.getTime() - from.getTime() > MAX_PERIOD_MS) {
      throw new InputError('The period must not be longer than 366 days');
    }
    return { from, to };
  }

  /** The latest deployment of an environment and its running version. */
  async #latestAndCurrent(
    deploymentsId: string,
    environment: string,
  ): Promise<DeploymentRecord[]> {
    const query = {
      deploymentsIds: [deploymentsId],
      environments: [environment],
      limit: 1,
    };
    const [latest, current] = await Promise.all([
      this.#store.listDeployments(query),
      this.#store.listDeployments({
        ...query,
        status: 'succeeded',
        orderBy: 'finished',
      }),
    ]);
    const records = [...latest.items];
    for (const record of current.items) {
      if (!records.some(r => r.deploymentKey === record.deploymentKey)) {
        records.push(record);
      }
    }
    return records;
  }
}
