/**
 * Records of a FOCUS file as text cells, in file order; the first record of
 * a file is its header. `lines[i]` is the 1-based line (or row number) of
 * `records[i]`, used in problem reports.
 */
export interface FocusRecordBatch {
  records: string[][];
  lines: number[];
}

/** A file that cannot be read further (broken CSV or compression). */
export class FocusFileError extends Error {
  constructor(readonly line: number, message: string) {
    super(message);
    this.name = 'FocusFileError';
  }
}
