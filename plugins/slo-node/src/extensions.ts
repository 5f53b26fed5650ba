import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { MetricsSource } from './MetricsSource';

/** @public */
export interface SloMetricsSourcesExtensionPoint {
  /** Adds a metrics source; SLOs select it with `metricSourceRef: <name>`. */
  addMetricsSource(source: MetricsSource): void;
}

/**
 * Lets modules add metrics sources to the SLO backend.
 *
 * @public
 */
export const sloMetricsSourcesExtensionPoint =
  createExtensionPoint<SloMetricsSourcesExtensionPoint>({
    id: 'slo.metrics-sources',
  });
