import {
  BackstageCredentials,
  CacheService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError, isError } from '@backstage/errors';
import {
  EntitySloReport,
  ErrorBudgetGateRequest,
  ErrorBudgetGateResponse,
  OpenSloError,
  SloSummaryItem,
  parseOpenSlo,
} from '@opsdeck/plugin-slo-common';
import { SloConfig } from '../config';
import { MetricsSourceRegistry } from '../metrics/MetricsSourceRegistry';
import { evaluateSlo, failedEvaluation } from './evaluateSlo';
import {
  publicLocation,
  PublicLocation,
  resolveOpenSloUrl,
} from './openSloLocation';

/** Reads entities' OpenSLO files, evaluates them and caches the results. */
interface SloServiceDeps {
  catalog: CatalogService;
  urlReader: UrlReaderService;
  cache: CacheService;
  logger: LoggerService;
  sources: MetricsSourceRegistry;
  config: SloConfig;
  /** Evaluation time; the current time by default. */
  clock: () => number;
}

export class SloService {
  private constructor(private readonly deps: SloServiceDeps) {}

  static create(
    deps: Omit<SloServiceDeps, 'clock'> & { clock?: () => number },
  ) {
    return new SloService({ ...deps, clock: deps.clock ?? (() => Date.now()) });
  }

  /** The evaluated SLOs of an entity the caller can see. */
  async getEntityReport(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntitySloReport> {
    const entity = await this.deps.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`entity ${entityRef} was not found`);
    }
    const ref = stringifyEntityRef(entity);
    const sourceUrl = resolveOpenSloUrl(entity);
    const shownAs = sourceUrl ? publicLocation(sourceUrl, entity) : undefined;
    const atMs = this.deps.clock();
    const empty: EntitySloReport = {
      entityRef: ref,
      sourceUrl: shownAs?.url ?? null,
      demo: this.deps.sources.demo,
      evaluatedAt: new Date(atMs).toISOString(),
      slos: [],
    };
    if (!sourceUrl) {
      return empty;
    }
    const cacheKey = `report:v1:${ref}:${sourceUrl}`;
    const cached = (await this.deps.cache.get(cacheKey)) as
      | EntitySloReport
      | undefined;
    if (cached) {
      return cached;
    }
    const report = await this.evaluateFile(empty, sourceUrl, shownAs!, atMs);
    await this.deps.cache.set(cacheKey, report as any, {
      ttl: { seconds: this.deps.config.cacheTtlSeconds },
    });
    return report;
  }

  private async evaluateFile(
    report: EntitySloReport,
    sourceUrl: string,
    shownAs: PublicLocation,
    atMs: number,
  ): Promise<EntitySloReport> {
    let text: string;
    try {
      const response = await this.deps.urlReader.readUrl(sourceUrl);
      text = (await response.buffer()).toString('utf8');
    } catch (error) {
      const message = isError(error) ? error.message : String(error);
      this.deps.logger.warn(`Could not read OpenSLO file: ${message}`, {
        sourceUrl,
        entityRef: report.entityRef,
      });
      return {
        ...report,
        problem: {
          code: 'unreadable-openslo',
          message: `could not read ${shownAs.name}: ${shownAs.redact(message)}`,
        },
      };
    }
    let slos;
    try {
      slos = parseOpenSlo(text, shownAs.name);
    } catch (error) {
      if (error instanceof OpenSloError) {
        return {
          ...report,
          problem: { code: 'invalid-openslo', message: error.message },
        };
      }
      throw error;
    }
    const evaluations = await Promise.all(
      slos.map(slo => {
        const source = this.deps.sources.sourceFor(slo);
        if (typeof source === 'string') {
          return failedEvaluation(slo, atMs, 'none', {
            code: 'unknown-metrics-source',
            message: source,
          });
        }
        return evaluateSlo(slo, source, atMs, this.deps.config.historyPoints);
      }),
    );
    return { ...report, slos: evaluations };
  }

  /** Headline figures for many entities (a team's page). */
  async getSummary(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<SloSummaryItem[]> {
    return Promise.all(
      [...new Set(entityRefs)].map(
        async (entityRef): Promise<SloSummaryItem> => {
          try {
            const report = await this.getEntityReport(entityRef, credentials);
            return {
              entityRef: report.entityRef,
              demo: report.demo,
              problem: report.problem,
              slos: report.slos.map(slo => ({
                name: slo.name,
                state: slo.state,
                attainment: slo.attainment,
                budgetRemaining: slo.budget?.remaining ?? null,
                status: slo.burnRate?.status ?? null,
              })),
            };
          } catch (error) {
            if (
              isError(error) &&
              (error.name === 'NotFoundError' || error.name === 'InputError')
            ) {
              return {
                entityRef,
                demo: this.deps.sources.demo,
                problem: { code: 'unreadable-openslo', message: error.message },
                slos: [],
              };
            }
            throw error;
          }
        },
      ),
    );
  }

  /** The error-budget gate pipelines ask before deploying. */
  async gate(
    request: ErrorBudgetGateRequest,
    credentials: BackstageCredentials,
  ): Promise<ErrorBudgetGateResponse> {
    const report = await this.getEntityReport(request.entityRef, credentials);
    // a caller may ask for more budget than slo.gate.minRemainingBudget,
    // never for less
    const configured = this.deps.config.gate.minRemainingBudget;
    const minimum = Math.max(
      configured,
      request.minRemainingBudget ?? configured,
    );
    const unknownAllowed = this.deps.config.gate.allowWhenUnknown;
    const demo = report.demo ? ' (demo data)' : '';
    if (report.problem) {
      return {
        allowed: unknownAllowed,
        reason: `${unknownAllowed ? 'allowed' : 'blocked'}: the SLOs of ${
          report.entityRef
        } cannot be evaluated: ${report.problem.message}`,
        remainingBudget: null,
        slos: [],
      };
    }
    if (report.slos.length === 0) {
      return {
        allowed: true,
        reason: `allowed: ${report.entityRef} has no SLOs (annotation opsdeck.io/slo)`,
        remainingBudget: null,
        slos: [],
      };
    }
    const slos = report.slos.map(slo => {
      const remaining = slo.budget?.remaining ?? null;
      const allowed =
        remaining === null
          ? unknownAllowed
          : remaining > 0 && remaining >= minimum;
      return {
        name: slo.name,
        remainingBudget: remaining,
        allowed,
        problem: slo.problem?.message,
      };
    });
    const known = slos
      .filter(s => s.remainingBudget !== null)
      .map(s => s.remainingBudget!);
    const remainingBudget = known.length > 0 ? Math.min(...known) : null;
    const blocked = slos.filter(s => !s.allowed);
    const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
    const reason =
      blocked.length === 0
        ? `allowed: every SLO of ${report.entityRef} has at least ${percent(
            minimum,
          )} of its error budget left${
            remainingBudget !== null
              ? ` (lowest ${percent(remainingBudget)})`
              : ''
          }${demo}`
        : `blocked: ${blocked
            .map(s =>
              s.remainingBudget === null
                ? `${s.name} cannot be evaluated (${s.problem ?? 'unknown'})`
                : `${s.name} has ${percent(
                    s.remainingBudget,
                  )} of its error budget left, needs ${
                    minimum > 0 ? `at least ${percent(minimum)}` : 'some'
                  }`,
            )
            .join('; ')}${demo}`;
    return {
      allowed: blocked.length === 0,
      reason,
      remainingBudget,
      slos: slos.map(({ name, remainingBudget: r, allowed }) => ({
        name,
        remainingBudget: r,
        allowed,
      })),
    };
  }
}
