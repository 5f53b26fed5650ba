export interface Config {
  cost?: {
    limits?: {
      /**
       * Bytes of a Parquet file the backend writes to a temporary file to
       * read it (Parquet keeps its schema at the end of the file). A larger
       * file is refused with 413 and its temporary file deleted. Uploads are
       * also bounded by `cost.limits.maxUploadBytes`. Default 8589934592
       * (8 GiB).
       */
      maxSpooledBytes?: number;
    };
  };
}
