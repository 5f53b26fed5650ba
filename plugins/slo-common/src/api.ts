import { z } from 'zod';
import { BurnRateStatus } from './burnRateAlerts';
import { ErrorBudget } from './math';

/** Why an SLO could not be evaluated. @public */
export type SloProblemCode =
  | 'invalid-openslo'
  | 'unreadable-openslo'
  | 'unknown-metric'
  | 'unknown-metrics-source'
  | 'no-traffic'
  | 'metrics-unavailable'
  | 'metrics-timeout'
  | 'metrics-error'
  | 'not-a-number'
  | 'query-limit';

/** @public */
export interface SloProblem {
  code: SloProblemCode;
  message: string;
}

/** Bad and total counts and the burn rate over one window. @public */
export interface SloWindowFigures {
  window: string;
  seconds: number;
  errors: number | null;
  total: number | null;
  burnRate: number | null;
}

/** One point of an SLO's history over its window. @public */
export interface SloHistoryPoint {
  /** End of the step, ISO 8601. */
  time: string;
  /** SLI over the step, null without traffic. */
  sli: number | null;
  /** Budget remaining from the window start to this point, null before any traffic. */
  budgetRemaining: number | null;
}

/** An SLO evaluated over its window. @public */
export interface SloEvaluation {
  name: string;
  displayName?: string;
  description?: string;
  service: string;
  indicator: 'ratio' | 'threshold';
  budgetingMethod: 'Occurrences' | 'Timeslices';
  objective: {
    target: number;
    displayName?: string;
    op?: string;
    value?: number;
  };
  window: { description: string; start: string; end: string; seconds: number };
  /** `ok` when evaluated; `no-data` when the window saw no traffic; `error` otherwise. */
  state: 'ok' | 'no-data' | 'error';
  problem?: SloProblem;
  attainment: number | null;
  budget: ErrorBudget | null;
  /** Seconds until the budget is spent at the 1h burn rate; null when not burning. */
  timeToExhaustionSeconds: number | null;
  burnRate: BurnRateStatus | null;
  windows: SloWindowFigures[];
  history: SloHistoryPoint[];
  /** The alerting rules generated for this SLO, as YAML. */
  alertRulesYaml: string;
  /** Name of the metrics source the SLO was evaluated against. */
  metricsSource: string;
  /** Number of queries the evaluation sent to the metrics source. */
  queries: number;
  /** Whether the recorded series of the generated rules were used. */
  usedRecordingRules: boolean;
}

/** The SLOs of one entity. @public */
export interface EntitySloReport {
  entityRef: string;
  /** URL of the OpenSLO file, or null when the entity has no `opsdeck.io/slo` annotation. */
  sourceUrl: string | null;
  /** True when the figures come from the recorded demo series, not a live source. */
  demo: boolean;
  evaluatedAt: string;
  /** Set when the OpenSLO file could not be read or is invalid. */
  problem?: SloProblem;
  slos: SloEvaluation[];
}

/** Query of the summary endpoint: many entities at once. @public */
export const sloSummaryRequestSchema = z.object({
  entityRefs: z
    .array(
      z
        .string()
        .min(1)
        .max(400)
        .regex(
          // eslint-disable-next-line no-control-regex
          /^[^\u0000-\u001f\u007f]+$/,
          'must not contain control characters',
        ),
    )
    .min(1)
    .max(100),
});

/** @public */
export type SloSummaryRequest = z.infer<typeof sloSummaryRequestSchema>;

/** @public */
export interface SloSummaryItem {
  entityRef: string;
  demo: boolean;
  problem?: SloProblem;
  slos: Array<{
    name: string;
    state: SloEvaluation['state'];
    attainment: number | null;
    budgetRemaining: number | null;
    status: BurnRateStatus['status'] | null;
  }>;
}

/** @public */
export interface SloSummaryResponse {
  items: SloSummaryItem[];
}
