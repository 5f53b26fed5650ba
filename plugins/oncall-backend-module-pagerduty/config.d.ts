export interface Config {
  oncall?: {
    /**
     * PagerDuty provider of the on-call backend. Entities annotated
     * `pagerduty.com/service-id` get who is on call and their open incidents
     * from PagerDuty; incidents are triggered through Events v2.
     */
    pagerduty?: {
      /**
       * REST API key (account or user key, read access; sent as
       * `Authorization: Token token=...`). Only ever read from config.
       * @visibility secret
       */
      token: string;
      /** REST API base URL. Default `https://api.pagerduty.com`. */
      apiBaseUrl?: string;
      /** Events API v2 base URL. Default `https://events.pagerduty.com`. */
      eventsBaseUrl?: string;
      /** Timeout of one HTTP request in milliseconds (default 10000). */
      timeoutMs?: number;
      /**
       * How often a request is retried after HTTP 429 or 5xx (default 2).
       * A 429 is retried after its `Retry-After` (or `ratelimit-reset`).
       */
      maxRetries?: number;
      /**
       * The longest wait, in seconds, before a retry (default 30). A 429
       * asking for a longer wait fails at once with the time to wait.
       */
      maxRetryWaitSeconds?: number;
      /**
       * Email of the PagerDuty user that acknowledges and resolves incidents
       * on behalf of Backstage users (sent as the `From` header PagerDuty
       * requires for changes). Without it, PagerDuty incidents are read-only.
       */
      fromEmail?: string;
      /**
       * Events API v2 routing keys (integration keys) per PagerDuty service,
       * for triggering incidents and sending change events.
       */
      services?: Array<{
        /** PagerDuty service id, as in the `pagerduty.com/service-id` annotation. */
        serviceId: string;
        /**
         * The service's Events API v2 integration key (32 characters).
         * @visibility secret
         */
        routingKey: string;
      }>;
    };
  };
}
