import {
  AuthService,
  BackstageCredentials,
  BackstagePrincipalTypes,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DEPLOYMENTS_ID_ANNOTATION } from '@opsdeck/plugin-deployments-common';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { JWTPayload, createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import {
  GITHUB_PROJECT_SLUG_ANNOTATION,
  GITLAB_PROJECT_SLUG_ANNOTATION,
  Repository,
  describeRepository,
  normalizeRepositoryPath,
  repositoryOfEntity,
  sameRepository,
} from './entityRepository';
import { normalizeEntityRef } from './deploymentsId';

/**
 * Which claim of a CI OIDC token names its repository, per issuer.
 *
 * @public
 */
export interface RepositoryBindingRule {
  /** The token's `iss`. */
  issuer: string;
  /** The claim holding the repository path. */
  claim: string;
  /** The host the issuer's repositories live on. */
  host: string;
}

/**
 * The rules used when `deployments.ingestion.repositoryBinding` does not
 * replace them: GitHub Actions and GitLab.com.
 *
 * @public
 */
export const DEFAULT_REPOSITORY_BINDING: RepositoryBindingRule[] = [
  {
    issuer: 'https://token.actions.githubusercontent.com',
    claim: 'repository',
    host: 'github.com',
  },
  { issuer: 'https://gitlab.com', claim: 'project_path', host: 'gitlab.com' },
];

/** How long an entity's catalog entry is reused for binding checks. */
const ENTITY_TTL_MS = 60_000;
const MAX_CACHED_ENTITIES = 10_000;

/** Principal subject prefix Backstage gives tokens verified by a `jwks` entry. */
const JWKS_SUBJECT_PREFIX = 'external:';

/** The unverified claims of a JWT, or undefined for a token that is not one (a static token). */
function decodedJwt(token: string): JWTPayload | undefined {
  try {
    return decodeJwt(token);
  } catch {
    return undefined;
  }
}

function trimIssuer(issuer: string): string {
  return issuer.replace(/\/+$/, '');
}

function readStringOrArray(config: Config, key: string): string[] | undefined {
  const value = config.getOptional(key);
  if (value === undefined) return undefined;
  return typeof value === 'string' ? [value] : config.getStringArray(key);
}

/** One `jwks` entry of `backend.auth.externalAccess`, verified as Backstage does. */
interface JwksEntry {
  jwks: ReturnType<typeof createRemoteJWKSet>;
  algorithms?: string[];
  issuers?: string[];
  audiences?: string[];
  subjectPrefix: string;
}

function readJwksEntries(config: RootConfigService): JwksEntry[] {
  return (config.getOptionalConfigArray('backend.auth.externalAccess') ?? [])
    .filter(entry => entry.getString('type') === 'jwks')
    .map(entry => {
      const options = entry.getConfig('options');
      const prefix = options.getOptionalString('subjectPrefix');
      return {
        jwks: createRemoteJWKSet(new URL(options.getString('url'))),
        algorithms: readStringOrArray(options, 'algorithm'),
        issuers: readStringOrArray(options, 'issuer'),
        audiences: readStringOrArray(options, 'audience'),
        subjectPrefix: prefix
          ? `${JWKS_SUBJECT_PREFIX}${prefix}:`
          : JWKS_SUBJECT_PREFIX,
      };
    });
}

/** `deployments.ingestion.repositoryBinding` over the defaults. */
export function readRepositoryBinding(
  config: RootConfigService,
): RepositoryBindingRule[] {
  const rules = new Map(
    DEFAULT_REPOSITORY_BINDING.map(rule => [trimIssuer(rule.issuer), rule]),
  );
  for (const entry of config.getOptionalConfigArray(
    'deployments.ingestion.repositoryBinding',
  ) ?? []) {
    const issuer = trimIssuer(entry.getString('issuer'));
    let host = entry.getOptionalString('host');
    if (!host) {
      try {
        host = new URL(issuer).hostname;
      } catch {
        throw new Error(
          `deployments.ingestion.repositoryBinding: issuer ${JSON.stringify(
            issuer,
          )} is not a URL; give the host its repositories live on`,
        );
      }
    }
    rules.set(issuer, {
      issuer,
      claim: entry.getString('claim'),
      host: host.toLocaleLowerCase('en-US'),
    });
  }
  return [...rules.values()];
}

/** `deployments.ingestion.staticTokens`: subject to the entities it may report for. */
export function readStaticTokenScopes(
  config: RootConfigService,
): Map<string, Set<string>> {
  const scopes = new Map<string, Set<string>>();
  for (const entry of config.getOptionalConfigArray(
    'deployments.ingestion.staticTokens',
  ) ?? []) {
    const subject = entry.getString('subject');
    const entities = entry
      .getStringArray('entities')
      .map(ref =>
        normalizeEntityRef(ref, 'deployments.ingestion.staticTokens.entities'),
      );
    scopes.set(subject, new Set([...(scopes.get(subject) ?? []), ...entities]));
  }
  return scopes;
}

/**
 * Decides whether a service principal may report deployments for entities:
 *
 * - a CI OIDC token (verified by a `jwks` entry of
 *   `backend.auth.externalAccess`) only for entities whose source repository
 *   is the one named by the token's repository claim;
 * - a static token listed in `deployments.ingestion.staticTokens` only for
 *   the entities listed there;
 * - any other service principal (unlisted static tokens, other backend
 *   plugins) for every entity.
 *
 * A JWKS token is one whose principal subject starts with `external:` and
 * whose bearer token is a JWT. Backstage's `httpAuth` gives its principal
 * only the `sub` claim, so the token is verified here once more against the
 * same `jwks` entries to read its issuer and repository claim.
 *
 * @public
 */
export class IngestionAccessPolicy {
  readonly #jwks: JwksEntry[];
  readonly #rules: Map<string, RepositoryBindingRule>;
  readonly #staticScopes: Map<string, Set<string>>;
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #logger: LoggerService;
  readonly #entityCache = new Map<
    string,
    { until: number; entities: Entity[] }
  >();

  static fromConfig(
    config: RootConfigService,
    deps: { catalog: CatalogService; auth: AuthService; logger: LoggerService },
  ): IngestionAccessPolicy {
    return new IngestionAccessPolicy({
      jwks: readJwksEntries(config),
      rules: readRepositoryBinding(config),
      staticScopes: readStaticTokenScopes(config),
      ...deps,
    });
  }

  private constructor(options: {
    jwks: JwksEntry[];
    rules: RepositoryBindingRule[];
    staticScopes: Map<string, Set<string>>;
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
  }) {
    this.#jwks = options.jwks;
    this.#rules = new Map(options.rules.map(r => [trimIssuer(r.issuer), r]));
    this.#staticScopes = options.staticScopes;
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#logger = options.logger;
  }

  /**
   * Throws `NotAllowedError` (403) unless the caller may report for every
   * one of the entity refs. `token` is the request's bearer token.
   */
  async authorize(
    credentials: BackstageCredentials<BackstagePrincipalTypes['service']>,
    token: string | undefined,
    entityRefs: string[],
  ): Promise<void> {
    const subject = credentials.principal.subject;
    const ids = [...new Set(entityRefs.map(ref => normalizeEntityRef(ref)))];
    const jwt = token ? decodedJwt(token) : undefined;
    if (subject.startsWith(JWKS_SUBJECT_PREFIX) && token && jwt) {
      await this.#authorizeCiToken(subject, token, jwt, ids);
      return;
    }
    const scope = this.#staticScopes.get(subject);
    if (!scope) return;
    const refused = ids.filter(id => !scope.has(id));
    if (refused.length > 0) {
      throw new NotAllowedError(
        `The token of ${subject} may report deployments of ${[...scope].join(
          ', ',
        )} only, not of ${refused.join(
          ', ',
        )} (deployments.ingestion.staticTokens). Nothing was stored.`,
      );
    }
  }

  async #authorizeCiToken(
    subject: string,
    token: string,
    unverified: JWTPayload,
    ids: string[],
  ): Promise<void> {
    const claims = await this.#verify(subject, token, unverified.iss);
    if (!claims) {
      throw new NotAllowedError(
        'The CI token could not be verified again against the jwks entries of backend.auth.externalAccess to read its repository claim. Nothing was stored.',
      );
    }
    const issuer = trimIssuer(String(claims.iss ?? ''));
    const rule = this.#rules.get(issuer);
    if (!rule) {
      throw new NotAllowedError(
        `Tokens issued by ${JSON.stringify(
          issuer,
        )} are not bound to a repository: add { issuer, claim } for it to deployments.ingestion.repositoryBinding. Nothing was stored.`,
      );
    }
    const claimed = claims[rule.claim];
    const path =
      typeof claimed === 'string'
        ? normalizeRepositoryPath(claimed)
        : undefined;
    if (!path) {
      throw new NotAllowedError(
        `The token issued by ${issuer} has no ${rule.claim} claim naming its repository (deployments.ingestion.repositoryBinding). Nothing was stored.`,
      );
    }
    const tokenRepository: Repository = { host: rule.host, path };
    for (const id of ids) {
      await this.#checkEntity(id, tokenRepository, rule);
    }
  }

  async #checkEntity(
    id: string,
    tokenRepository: Repository,
    rule: RepositoryBindingRule,
  ): Promise<void> {
    const entities = await this.#entitiesOf(id);
    if (entities.length === 0) {
      throw new NotAllowedError(
        `${id} is not in the catalog, so the repository it belongs to is unknown and the token of ${describeRepository(
          tokenRepository,
        )} may not report for it. Register the entity first. Nothing was stored.`,
      );
    }
    for (const entity of entities) {
      const ref = stringifyEntityRef(entity);
      const repository = repositoryOfEntity(entity);
      if (!repository) {
        throw new NotAllowedError(
          `${ref} has no known source repository, so the token of ${describeRepository(
            tokenRepository,
          )} may not report for it: add the ${GITHUB_PROJECT_SLUG_ANNOTATION} (GitHub) or ${GITLAB_PROJECT_SLUG_ANNOTATION} (GitLab) annotation, or register the entity from its repository (backstage.io/source-location). Nothing was stored.`,
        );
      }
      if (!sameRepository(repository, tokenRepository)) {
        this.#logger.warn('Refused deployment events from another repository', {
          entityRef: ref,
          entityRepository: describeRepository(repository),
          tokenRepository: describeRepository(tokenRepository),
        });
        throw new NotAllowedError(
          `${ref} belongs to repository ${describeRepository(repository)} (${
            repository.annotation
          }), but the token was issued to repository ${describeRepository(
            tokenRepository,
          )} (claim ${rule.claim} of ${rule.issuer}). Nothing was stored.`,
        );
      }
    }
  }

  /**
   * Entities an event's entity ref stands for: the entity itself, else those
   * annotated with it; reused for a minute, as the ingestion's check that
   * entities exist is, so a change of annotations applies within a minute.
   */
  async #entitiesOf(deploymentsId: string): Promise<Entity[]> {
    const now = Date.now();
    const cached = this.#entityCache.get(deploymentsId);
    if (cached && cached.until > now) return cached.entities;
    const entities = await this.#readEntitiesOf(deploymentsId);
    if (this.#entityCache.size >= MAX_CACHED_ENTITIES) {
      this.#entityCache.clear();
    }
    if (entities.length > 0) {
      this.#entityCache.set(deploymentsId, {
        until: now + ENTITY_TTL_MS,
        entities,
      });
    }
    return entities;
  }

  async #readEntitiesOf(deploymentsId: string): Promise<Entity[]> {
    // The caller's token is restricted to this plugin: read with the plugin's own credentials.
    const credentials = await this.#auth.getOwnServiceCredentials();
    const entity = await this.#catalog.getEntityByRef(deploymentsId, {
      credentials,
    });
    if (entity) return [entity];
    const annotated = await this.#catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${DEPLOYMENTS_ID_ANNOTATION}`]: deploymentsId,
        },
        limit: 50,
      },
      { credentials },
    );
    return annotated.items;
  }

  /** The token's claims, verified by the first `jwks` entry Backstage would have used. */
  async #verify(
    subject: string,
    token: string,
    issuer: string | undefined,
  ): Promise<JWTPayload | undefined> {
    for (const entry of this.#jwks) {
      // skip entries that would refuse the issuer anyway, without fetching their keys
      if (entry.issuers && !entry.issuers.includes(issuer ?? '')) continue;
      try {
        const { payload } = await jwtVerify(token, entry.jwks, {
          algorithms: entry.algorithms,
          issuer: entry.issuers,
          audience: entry.audiences,
        });
        if (payload.sub && `${entry.subjectPrefix}${payload.sub}` === subject) {
          return payload;
        }
      } catch {
        // not this entry's token: try the next one, as Backstage does
      }
    }
    return undefined;
  }
}
