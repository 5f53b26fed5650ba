export interface Config {
  opsdeck?: {
    /**
     * Local files the backend may read through its URL reader as `file:` URLs,
     * for entities registered from local files. Leave unset where every entity
     * comes from a repository.
     */
    localFiles?: {
      /**
       * Directories (absolute, or relative to the backend's working
       * directory) below which `file:` URLs may be read. Nothing outside them
       * is read, `../` traversals included.
       */
      allow?: string[];
    };
  };
}
