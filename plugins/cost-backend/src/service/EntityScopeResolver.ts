import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PARENT_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  COST_ALLOCATION_ANNOTATION,
  CostAllocationSelector,
  defaultCostAllocationSelector,
  parseCostAllocationSelector,
} from '@opsdeck/plugin-cost-common';
import { CostScope } from '../database/types';

const MAX_GROUPS = 100;
const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
  'relations',
];

/** The entity a cost query is about, and the spend it covers. */
export interface ResolvedEntityScope {
  entityRef: string;
  scope: CostScope;
  /** Who answers for the spend: a group itself, else the entity's owners. */
  ownerRefs: string[];
}

function selectorOf(entity: Entity): CostAllocationSelector {
  const annotation = entity.metadata.annotations?.[COST_ALLOCATION_ANNOTATION];
  if (annotation === undefined) {
    return defaultCostAllocationSelector(entity.kind, entity.metadata.name);
  }
  try {
    return parseCostAllocationSelector(annotation);
  } catch (error) {
    throw new InputError(
      `${stringifyEntityRef(
        entity,
      )} has an invalid ${COST_ALLOCATION_ANNOTATION} annotation: ${
        (error as Error).message
      }`,
    );
  }
}

const targets = (entity: Entity, type: string) =>
  (entity.relations ?? []).filter(r => r.type === type).map(r => r.targetRef);

/**
 * Turns an entity ref into the spend it covers, reading the catalog with the
 * caller's credentials: a component's own tags; a system's plus its parts';
 * a team's plus everything it owns and, for a parent group, its sub-groups'.
 */
export class EntityScopeResolver {
  private constructor(private readonly catalog: CatalogService) {}

  static create(options: { catalog: CatalogService; auth?: AuthService }) {
    return new EntityScopeResolver(options.catalog);
  }

  async resolve(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ResolvedEntityScope> {
    let parsed;
    try {
      parsed = parseEntityRef(entityRef);
    } catch (error) {
      throw new InputError(
        `entityRef ${JSON.stringify(
          entityRef,
        )} is not an entity ref (kind:namespace/name): ${
          (error as Error).message
        }`,
      );
    }
    const entity = await this.catalog.getEntityByRef(parsed, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    const ref = stringifyEntityRef(entity);
    const selectors = [selectorOf(entity)];
    const kind = entity.kind.toLocaleLowerCase('en-US');
    if (kind === 'system') {
      selectors.push(
        ...(await this.selectorsOf(
          targets(entity, RELATION_HAS_PART),
          credentials,
        )),
      );
    } else if (kind === 'group') {
      const groups = await this.groupTree(entity, credentials);
      for (const group of groups) {
        if (group !== entity) {
          selectors.push(selectorOf(group));
        }
        selectors.push(
          ...(await this.selectorsOf(
            targets(group, RELATION_OWNER_OF),
            credentials,
          )),
        );
      }
    }
    return {
      entityRef: ref,
      scope: { type: 'selectors', selectors },
      ownerRefs: kind === 'group' ? [ref] : targets(entity, RELATION_OWNED_BY),
    };
  }

  private async groupTree(root: Entity, credentials: BackstageCredentials) {
    const seen = new Map<string, Entity>([[stringifyEntityRef(root), root]]);
    let frontier = [root];
    while (frontier.length > 0 && seen.size < MAX_GROUPS) {
      const children = frontier
        .flatMap(g => targets(g, RELATION_PARENT_OF))
        .filter(r => !seen.has(r));
      frontier = await this.fetch(children, credentials);
      frontier.forEach(g => seen.set(stringifyEntityRef(g), g));
    }
    return [...seen.values()];
  }

  private async selectorsOf(refs: string[], credentials: BackstageCredentials) {
    return (await this.fetch(refs, credentials)).map(selectorOf);
  }

  private async fetch(refs: string[], credentials: BackstageCredentials) {
    if (refs.length === 0) {
      return [];
    }
    const { items } = await this.catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: FIELDS },
      { credentials },
    );
    return items.filter((e): e is Entity => e !== undefined);
  }
}
