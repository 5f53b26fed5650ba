export interface Config {
  /** Configuration of the Opsdeck on-call backend. */
  oncall?: {
    /** Rotation files (annotation `opsdeck.io/oncall-rotation`). */
    rotations?: {
      /**
       * Seconds a rotation file is used from the cache before its source is
       * asked again (with its ETag, so an unchanged file is not sent again).
       * Default 60; 0 asks on every request.
       */
      cacheSeconds?: number;
    };
    /** Links to the deployments plugin. */
    deployments?: {
      /**
       * When an incident is triggered with a `deployment` (environment and
       * version of its entity), link it to that deployment in the deployments
       * plugin (`POST /api/deployments/incident-links`, with the on-call
       * plugin's service credentials), where it counts as a change failure.
       * A failed link is noted on the incident's timeline. Default: true.
       */
      linkIncidents?: boolean;
    };
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
