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
