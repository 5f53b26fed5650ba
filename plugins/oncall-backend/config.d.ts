export interface Config {
  /** Configuration of the Opsdeck on-call backend. */
  oncall?: {
    /** Demo settings; leave unset in production. */
    demo?: {
      /**
       * Creates a few example incidents through the incident service once the
       * demo entities are in the catalog, when the store has none.
       * Default: false.
       */
      seedIncidents?: boolean;
    };
  };
}
