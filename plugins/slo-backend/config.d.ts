export interface Config {
  /** Opsdeck SLO plugin. */
  slo?: {
    /**
     * Serve every SLO from the recorded demo series instead of a live
     * metrics source. Responses are flagged as demo data. Default false.
     */
    demo?: boolean;
    /** Seconds an entity's evaluated SLOs stay cached. Default 60. */
    cacheTtlSeconds?: number;
    /** Most queries one SLO evaluation may send to its metrics source. Default 4. */
    maxQueriesPerSlo?: number;
    /** Points in the history charts of an SLO window. Default 60. */
    historyPoints?: number;
    /** The error-budget gate (`POST /api/slo/gate`). */
    gate?: {
      /** Smallest fraction of budget that must remain, when the request does not say. Default 0. */
      minRemainingBudget?: number;
      /** Let deployments through when the budget cannot be evaluated. Default false. */
      allowWhenUnknown?: boolean;
    };
    /** Prometheus instances SLOs are evaluated against. */
    prometheus?: {
      /** Instance used by SLOs without a `metricSourceRef`. Default: the first. */
      default?: string;
      /** The instances, each named for `metricSourceRef`. */
      instances?: Array<{
        /** Name SLOs refer to with `metricSourceRef`. */
        name: string;
        /** Base URL, e.g. http://prometheus:9090 (the API lives under /api/v1). */
        baseUrl: string;
        /**
         * Value of the Authorization header sent with every query, e.g.
         * `Bearer <token>`.
         * @visibility secret
         */
        authHeader?: string;
        /** Milliseconds a query may take before it is abandoned. Default 10000. */
        timeoutMs?: number;
        /** Read the recorded series of the generated rules when present. Default true. */
        useRecordingRules?: boolean;
      }>;
    };
  };
}
