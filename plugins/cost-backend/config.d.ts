import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Opsdeck cost plugin: FOCUS billing ingestion and insights. */
  cost?: {
    /**
     * FOCUS exports (CSV, plain or gzip) imported at start and then on the
     * schedule. Re-importing a billing period of the same source replaces it.
     */
    imports?: Array<{
      /**
       * A file path (relative to the backend's working directory) or a URL
       * read through the URL reader (its host must be allowed by the
       * integrations or `backend.reading.allow`).
       */
      target: string;
      /**
       * Name that identifies the export across imports; defaults to the target.
       */
      source?: string;
    }>;
    /**
     * Size limits of billing files. A file over a limit is refused with 413
     * and a message naming the limit's key; nothing is imported.
     */
    limits?: {
      /**
       * Bytes an upload to `POST /api/cost/imports` may send (the request
       * body, compressed or not). Default 1073741824 (1 GiB).
       */
      maxUploadBytes?: number;
      /**
       * Bytes a gzip file (uploaded or imported from `cost.imports`) may
       * expand to. Default 68719476736 (64 GiB).
       */
      maxDecompressedBytes?: number;
      /**
       * How many times its compressed size a gzip file may expand to, plus
       * 1 MiB. Billing exports compress 5 to 30 times; a gzip bomb about
       * 1000 times. Default 100.
       */
      maxCompressionRatio?: number;
    };
    /** Uploads to `POST /api/cost/imports`. */
    uploads?: {
      /**
       * Whether an upload may name a `source` listed in `cost.imports` and so
       * replace data imported on the schedule. Default false: such an upload
       * is refused with 409.
       */
      replaceConfiguredSources?: boolean;
    };
    /** When scheduled imports run. Default: every 6 hours, first after 10 s. */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    /** Anomaly detection on daily effective cost (rolling median and MAD). */
    anomalies?: {
      /** Days in the rolling baseline. Default 28. */
      window?: number;
      /** Robust z-score above which a day is an anomaly. Default 3.5. */
      threshold?: number;
      /** Minimum excess over the median, in the billing currency. Default 10. */
      minAbsolute?: number;
      /** Minimum relative excess over the median (0.2 = 20 %). Default 0.2. */
      minRelative?: number;
    };
    /** Monthly budgets per entity. */
    budgets?: Array<{
      /** Entity ref, e.g. `component:default/checkout-service`. */
      entityRef: string;
      /** Monthly amount, in `currency`. */
      amount: number;
      /** ISO 4217 code; must be the billing currency of the entity's spend. */
      currency: string;
      /**
       * Percentages of the amount that notify the entity's owner when the
       * month-to-date spend or the month-end forecast reaches them, once per
       * month each. Default: 80 and 100.
       */
      alertAtPercent?: number[];
    }>;
    /** When budgets are checked for alerts. Default: every hour. */
    budgetAlertSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
  };
}
