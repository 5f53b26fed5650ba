import type { Readable } from 'node:stream';

/**
 * Records of a FOCUS file as text cells, in file order; the first record of
 * a file is its header (the column names). `lines[i]` is the 1-based line or
 * row number of `records[i]`, used in problem reports.
 *
 * @public
 */
export interface FocusRecordBatch {
  records: string[][];
  lines: number[];
}

/**
 * A file that cannot be read further (broken CSV, corrupted compression,
 * bad Parquet page). The import is rejected with this problem at `line`.
 *
 * @public
 */
export class FocusFileError extends Error {
  constructor(readonly line: number, message: string) {
    super(message);
    this.name = 'FocusFileError';
  }
}

/**
 * Reads one file format of FOCUS exports (CSV, Parquet, ...) into record
 * batches. The cost backend validates, attributes and aggregates the
 * records; a reader only turns bytes into text cells. Readers must stream:
 * yield a batch per chunk of input and never hold the whole file.
 *
 * Numbers and date/times are handed over as FOCUS text (`12.5`,
 * `2026-01-01T00:00:00Z`); an empty string is a null cell.
 *
 * @public
 */
export interface FocusFormatReader {
  /** Short name for logs, e.g. `csv` or `parquet`. */
  readonly id: string;
  /** Whether this reader understands a file that starts with `head`. */
  accepts(head: Buffer): boolean;
  /**
   * The records of the file, header first. Throws {@link FocusFileError}
   * when the file is broken.
   */
  read(input: Readable): AsyncIterable<FocusRecordBatch>;
}
