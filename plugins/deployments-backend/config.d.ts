export interface Config {
  /** Configuration of the Opsdeck deployments plugin. */
  deployments?: {
    /** How deployment events are accepted. */
    ingestion?: {
      /**
       * What to do with events for entities the catalog does not know:
       * `reject` (default) answers 400 and stores nothing; `hold` stores them
       * so they show once the entity is registered.
       */
      unknownEntities?: 'reject' | 'hold';
      /**
       * Largest request body accepted, in bytes (default 2097152, 2 MiB).
       * Bigger bodies get a 413.
       */
      maxBodyBytes?: number;
      /**
       * How many seconds in the future an event's `timestamp` or
       * `commitTime` may be (clocks of CI runners drift); later events are
       * refused with 400. Default 300; 0 to 86400.
       */
      maxClockSkewSeconds?: number;
      /**
       * Binds CI OIDC tokens (`backend.auth.externalAccess` entries of type
       * `jwks`) to their repository: `POST /events` and `/events/batch`
       * accept an event only for an entity whose source repository (from
       * its `github.com/project-slug` or `gitlab.com/project-slug`
       * annotation, else its `backstage.io/source-location` or
       * `backstage.io/managed-by-location`) is the repository named by the
       * token. One entry per token issuer; entries are added to the
       * defaults (GitHub Actions: issuer
       * `https://token.actions.githubusercontent.com`, claim `repository`,
       * host `github.com`; GitLab.com: issuer `https://gitlab.com`, claim
       * `project_path`, host `gitlab.com`) and replace a default with the
       * same issuer. A JWKS token from an issuer not listed is refused
       * (403).
       */
      repositoryBinding?: Array<{
        /** The token's `iss` claim, e.g. `https://gitlab.example.com`. */
        issuer: string;
        /**
         * The claim holding the repository path, e.g. `repository`
         * (GitHub: `org/repo`) or `project_path` (GitLab:
         * `group/subgroup/project`).
         */
        claim: string;
        /**
         * Host the repositories of this issuer live on, compared with the
         * host of the entity's source location (default: the issuer's host
         * name; `github.com` for GitHub Actions).
         */
        host?: string;
      }>;
      /**
       * Limits static external access tokens to some entities. Keyed by the
       * token's `subject` in `backend.auth.externalAccess`; a static token
       * not listed here may report for every entity (the behaviour before
       * this setting existed).
       */
      staticTokens?: Array<{
        /** The `subject` of a `static` entry of `backend.auth.externalAccess`. */
        subject: string;
        /**
         * Entity refs (or `opsdeck.io/deployments-id` values) this token
         * may report deployments for, e.g. `component:default/checkout`.
         */
        entities: string[];
      }>;
    };
    /** How DORA metrics are computed. */
    dora?: {
      /** Environments counted as production (default `[production]`). */
      productionEnvironments?: string[];
      /** Length of the default period in days (default 90). */
      defaultPeriodDays?: number;
    };
    /** Demo data. */
    demo?: {
      /**
       * JSON file of `{ "events": [...] }` ingested at start through the
       * normal ingestion code, relative to the backend's working directory.
       */
      seedFile?: string;
      /**
       * Shift the seed events' times so the newest is at start time
       * (default true), so the demo history never goes stale.
       */
      shiftToNow?: boolean;
    };
  };
}
