import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { CostBillingSource } from './costBillingSource';
import type { FocusFormatReader } from './focusFormatReader';

/**
 * Lets backend modules add file formats and billing sources to the cost
 * backend.
 *
 * @public
 */
export interface CostSourcesExtensionPoint {
  /**
   * Adds a file format. Added readers are asked before the built-in CSV
   * (plain or gzip) reader, which takes any file no other reader accepts.
   */
  addFormatReader(reader: FocusFormatReader): void;
  /** Adds a source of exports imported on the `cost.schedule`. */
  addBillingSource(source: CostBillingSource): void;
}

/**
 * Extension point for billing file formats and sources (`cost.sources`).
 *
 * @public
 */
export const costSourcesExtensionPoint =
  createExtensionPoint<CostSourcesExtensionPoint>({
    id: 'cost.sources',
  });
