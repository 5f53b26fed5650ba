import {
  MetricsSource,
  SloHistoryCounts,
  SloMetricsRequest,
  SloMetricsResult,
} from '@opsdeck/plugin-slo-node';
import { WindowCounts } from '@opsdeck/plugin-slo-common';

const BUCKET_SECONDS = 300;

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/**
 * Demo data: a fixed series per SLO (daily traffic curve, a steady error
 * floor and two incidents, shaped by the SLO's name), so the demo portal's
 * cards show plausible figures. Every response using it is flagged as demo
 * data.
 */
export class DemoMetricsSource implements MetricsSource {
  readonly name = 'demo';
  readonly demo = true;

  static create() {
    return new DemoMetricsSource();
  }

  /** Bad and total events in the 5-minute bucket ending at `bucket * 300` s. */
  private bucket(seed: number, target: number, bucket: number): WindowCounts {
    const day = (bucket * BUCKET_SECONDS) / 86400;
    const total = Math.round(
      600 + 400 * Math.sin(2 * Math.PI * (day % 1)) + (seed % 200),
    );
    const budget = 1 - target;
    const floor = budget * (0.2 + (seed % 50) / 100);
    const incidentEvery = 9 + (seed % 5);
    const inIncident =
      Math.floor(day) % incidentEvery === seed % incidentEvery &&
      day % 1 > 0.4 &&
      day % 1 < 0.45;
    const ratio = inIncident ? Math.min(1, budget * (20 + (seed % 30))) : floor;
    return { errors: Math.round(total * ratio), total };
  }

  private sum(
    seed: number,
    target: number,
    fromS: number,
    toS: number,
  ): WindowCounts {
    let errors = 0;
    let total = 0;
    for (
      let b = Math.floor(fromS / BUCKET_SECONDS) + 1;
      b <= Math.floor(toS / BUCKET_SECONDS);
      b++
    ) {
      const counts = this.bucket(seed, target, b);
      errors += counts.errors;
      total += counts.total;
    }
    return { errors, total };
  }

  async evaluate(request: SloMetricsRequest): Promise<SloMetricsResult> {
    const { slo, atMs, windowsSeconds, history } = request;
    const seed = hash(`${slo.service}/${slo.name}`);
    const target = slo.objective.target;
    const atS = Math.floor(atMs / 1000);
    const counts = new Map<number, WindowCounts>();
    for (const window of windowsSeconds) {
      counts.set(window, this.sum(seed, target, atS - window, atS));
    }
    const points: SloHistoryCounts[] = [];
    for (
      let t = history.startMs + history.stepSeconds * 1000;
      t <= history.endMs;
      t += history.stepSeconds * 1000
    ) {
      const endS = Math.floor(t / 1000);
      points.push({
        timeMs: t,
        ...this.sum(seed, target, endS - history.stepSeconds, endS),
      });
    }
    return { counts, history: points, queries: 0, usedRecordingRules: false };
  }
}
