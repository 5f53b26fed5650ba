import type { Readable } from 'node:stream';

/**
 * One billing export a source offers for import.
 *
 * @public
 */
export interface CostBillingExport {
  /**
   * Stable name of the export (an account and a bucket path, say): importing
   * a billing period again under the same name replaces it.
   */
  source: string;
  /** Opens the file; any format a registered reader accepts. */
  open(): Promise<Readable>;
}

/**
 * Where billing exports come from besides the configured `cost.imports`
 * locations: a cloud billing API, a bucket listing. The cost backend asks
 * every source on its import schedule and imports what it returns.
 *
 * @public
 */
export interface CostBillingSource {
  /** Short name for logs. */
  readonly id: string;
  /** The exports to import now (usually the current and last periods). */
  listExports(): Promise<CostBillingExport[]>;
}
