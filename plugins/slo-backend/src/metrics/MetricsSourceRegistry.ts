import { MetricsSource } from '@opsdeck/plugin-slo-node';
import { SloDefinition } from '@opsdeck/plugin-slo-common';

/** Picks the metrics source for each SLO from `metricSourceRef`. */
export class MetricsSourceRegistry {
  private constructor(
    private readonly sources: Map<string, MetricsSource>,
    private readonly defaultName: string | undefined,
    private readonly demoSource: MetricsSource | undefined,
  ) {}

  static create(options: {
    sources: MetricsSource[];
    defaultName?: string;
    demoSource?: MetricsSource;
  }) {
    const map = new Map<string, MetricsSource>();
    for (const source of options.sources) {
      if (map.has(source.name)) {
        throw new Error(`two SLO metrics sources are named ${source.name}`);
      }
      map.set(source.name, source);
    }
    return new MetricsSourceRegistry(
      map,
      options.defaultName ?? options.sources[0]?.name,
      options.demoSource,
    );
  }

  get demo(): boolean {
    return this.demoSource !== undefined;
  }

  /** The source for an SLO, or a message saying why there is none. */
  sourceFor(slo: SloDefinition): MetricsSource | string {
    if (this.demoSource) {
      return this.demoSource;
    }
    const query =
      slo.indicator.kind === 'ratio'
        ? slo.indicator.total
        : slo.indicator.query;
    const name = query.source ?? this.defaultName;
    if (!name) {
      return 'no metrics source is configured (slo.prometheus.instances) and demo data is off (slo.demo)';
    }
    return (
      this.sources.get(name) ??
      `SLO ${
        slo.name
      } uses metricSourceRef ${name}, but no metrics source has that name (known: ${
        [...this.sources.keys()].join(', ') || 'none'
      })`
    );
  }
}
