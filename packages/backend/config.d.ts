export interface Config {
  opsdeck?: {
    /**
     * Local files the backend may read through its URL reader as `file:` URLs,
     * for entities registered from local files (the demo catalog). Leave unset
     * in production, where entities come from repositories.
     */
    localFiles?: {
      /**
       * Directories (absolute, or relative to the backend's working
       * directory) below which `file:` URLs may be read.
       */
      allow?: string[];
    };
  };
}
