/*
 * Evaluates 200 SLOs against a backfilled Prometheus through the SLO
 * backend's service layer (OpenSLO read through a UrlReader, parse, queries,
 * math, cache) and, in the same run, sends the same PromQL directly.
 * Then loads the recording rules slo-common generates for the 200 SLOs
 * (backfilled with promtool, Prometheus restarted with them) and evaluates
 * through the backend with `useRecordingRules` on.
 * Prints one table: queries per SLO and the ratio backend time / direct time
 * against the direct run on the same Prometheus process, cold and warm
 * (served from the cache).
 *
 * Run from the repository root:
 *   source scripts/env.sh && node --require @backstage/cli/config/nodeTransform.cjs bench/slo/bench.ts
 */
import { ConfigReader } from '@backstage/config';
import {
  historyQuery,
  generatePrometheusRules,
  parseOpenSlo,
  renderYaml,
  windowCountsQuery,
  sloRecordedWindows,
} from '@opsdeck/plugin-slo-common';
import { readSloConfig } from '../../plugins/slo-backend/src/config';
import { MetricsSourceRegistry } from '../../plugins/slo-backend/src/metrics/MetricsSourceRegistry';
import { PrometheusClient } from '../../plugins/slo-backend/src/metrics/PrometheusClient';
import { PrometheusMetricsSource } from '../../plugins/slo-backend/src/metrics/PrometheusMetricsSource';
import { SloService } from '../../plugins/slo-backend/src/services/SloService';
import { startRealPrometheus } from '../../plugins/slo-backend/src/testUtils/realPrometheus';

const SERVICES = 5;
const SLOS_PER_SERVICE = 40;
const MINUTES = 31 * 1440;

function openSlo(service: string, index: number): string {
  const target = (0.99 + (index % 9) / 1000).toFixed(3);
  return `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${service}-slo-${index}
spec:
  service: ${service}
  indicator:
    metadata:
      name: ${service}-requests-${index}
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec:
              query: http_requests_total{service="${service}",code!~"5.."}
        total:
          metricSource:
            type: Prometheus
            spec:
              query: http_requests_total{service="${service}"}
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: ${target}
`;
}

async function main() {
  const services = Array.from({ length: SERVICES }, (_, i) => `svc-${i}`);
  const counters = services.flatMap((service, s) => [
    {
      metric: 'http_requests_total',
      labels: { service, code: '200' },
      perMinute: (i: number) => 1000 - ((i + s) % 7 === 0 ? 3 : 1),
    },
    {
      metric: 'http_requests_total',
      labels: { service, code: '500' },
      perMinute: (i: number) => ((i + s) % 7 === 0 ? 3 : 1),
    },
  ]);
  const started = Date.now();
  const prometheus = await startRealPrometheus({ counters, minutes: MINUTES });
  console.log(
    `backfilled ${counters.length} series x ${
      MINUTES + 1
    } samples and started Prometheus in ${Date.now() - started} ms`,
  );

  // One entity per 10 SLOs: 20 entities, each with an OpenSLO file of 10 SLOs.
  const files = new Map<string, string>();
  const entities = new Map<string, any>();
  for (const service of services) {
    for (let group = 0; group < SLOS_PER_SERVICE / 10; group++) {
      const name = `${service}-part-${group}`;
      const docs = Array.from({ length: 10 }, (_, k) =>
        openSlo(service, group * 10 + k),
      ).join('---\n');
      files.set(`https://repo.example/${name}/openslo.yaml`, docs);
      entities.set(`component:default/${name}`, {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name,
          namespace: 'default',
          annotations: {
            'opsdeck.io/slo': './openslo.yaml',
            'backstage.io/source-location': `url:https://repo.example/${name}/`,
          },
        },
        spec: {},
      });
    }
  }
  const catalog: any = {
    getEntityByRef: async (ref: string) => entities.get(ref),
  };
  const urlReader: any = {
    readUrl: async (url: string) => ({
      buffer: async () => Buffer.from(files.get(url)!),
    }),
  };
  const store = new Map<string, any>();
  const cache: any = {
    get: async (key: string) => store.get(key),
    set: async (key: string, value: any) => void store.set(key, value),
    delete: async (key: string) => void store.delete(key),
    withOptions: () => cache,
  };
  const logger: any = {
    warn() {},
    info() {},
    debug() {},
    error() {},
    child: () => logger,
  };
  const makeService = (useRecordingRules: boolean) => {
    const config = readSloConfig(
      new ConfigReader({
        slo: {
          cacheTtlSeconds: 3600,
          prometheus: {
            instances: [
              { name: 'main', baseUrl: prometheus.url, useRecordingRules },
            ],
          },
        },
      }),
    );
    const sources = MetricsSourceRegistry.create({
      sources: config.prometheus.map(instance =>
        PrometheusMetricsSource.create(
          PrometheusClient.create(instance, logger),
          {
            useRecordingRules: instance.useRecordingRules,
            maxQueries: config.maxQueriesPerSlo,
          },
        ),
      ),
    });
    return {
      service: SloService.create({
        catalog,
        urlReader,
        cache,
        logger,
        sources,
        config,
        clock: () => prometheus.endMs,
      }),
      config,
    };
  };
  const credentials: any = {
    $$type: '@backstage/BackstageCredentials',
    principal: { type: 'user', userEntityRef: 'user:default/bench' },
  };
  const refs = [...entities.keys()];

  // Queries actually sent to Prometheus (a cached report still carries the
  // query count of the evaluation that produced it).
  let sent = 0;
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input: any, init?: any) => {
    if (
      String(input instanceof Request ? input.url : input).startsWith(
        prometheus.url,
      )
    )
      sent += 1;
    return realFetch(input, init);
  };

  const timeBackend = async (service: SloService) => {
    const t0 = performance.now();
    let slos = 0;
    let usedRecordingRules = 0;
    const sentBefore = sent;
    for (const ref of refs) {
      const report = await service.getEntityReport(ref, credentials);
      slos += report.slos.length;
      usedRecordingRules += report.slos.filter(
        s => s.usedRecordingRules,
      ).length;
      if (report.slos.some(s => s.state !== 'ok'))
        throw new Error(
          `${ref}: ${JSON.stringify(
            report.slos.find(s => s.state !== 'ok')?.problem,
          )}`,
        );
    }
    const ms = performance.now() - t0;
    const queries = sent - sentBefore;
    return { ms, queries, slos, usedRecordingRules };
  };

  const { config } = makeService(false);
  const timeDirect = async () => {
    const t0 = performance.now();
    let queries = 0;
    for (const ref of refs) {
      const url = new URL(
        './openslo.yaml',
        entities
          .get(ref)
          .metadata.annotations['backstage.io/source-location'].slice(4),
      ).href;
      const slos = parseOpenSlo(files.get(url)!, url);
      await Promise.all(
        slos.map(async slo => {
          const windows = sloRecordedWindows(slo);
          const windowSeconds = Math.max(...windows);
          const step = Math.max(
            60,
            Math.ceil(windowSeconds / config.historyPoints / 60) * 60,
          );
          const instant = await fetch(`${prometheus.url}/api/v1/query`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({
              query: windowCountsQuery(slo, windows),
              time: String(prometheus.endMs / 1000),
            }),
          });
          await instant.json();
          const start =
            prometheus.endMs -
            Math.floor(windowSeconds / step) * step * 1000 +
            step * 1000;
          const range = await fetch(`${prometheus.url}/api/v1/query_range`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({
              query: historyQuery(slo, step),
              start: String(start / 1000),
              end: String(prometheus.endMs / 1000),
              step: String(step),
            }),
          });
          await range.json();
          queries += 2;
        }),
      );
    }
    return { ms: performance.now() - t0, queries };
  };

  const rows: Array<{
    run: string;
    ms: number;
    queriesPerSlo: number;
    baselineMs: number;
  }> = [];
  const row = (
    run: string,
    result: { ms: number; queries: number },
    slos: number,
    baselineMs: number,
  ) =>
    rows.push({
      run,
      ms: result.ms,
      queriesPerSlo: result.queries / slos,
      baselineMs,
    });
  const timeDirectTwice = async () => {
    // Warm Prometheus's page cache once so neither side pays for it.
    await timeDirect();
    return timeDirect();
  };

  try {
    const direct = await timeDirectTwice();
    store.clear();
    const cold = await timeBackend(makeService(false).service);
    const warm = await timeBackend(makeService(false).service);
    const direct2 = await timeDirect();
    store.clear();
    const probing = await timeBackend(makeService(true).service);
    const directMs = (direct.ms + direct2.ms) / 2;
    const slos = cold.slos;
    row(
      'direct PromQL',
      { ms: directMs, queries: direct.queries },
      slos,
      directMs,
    );
    row('backend cold, no recording rules', cold, slos, directMs);
    row('backend warm (cache)', warm, slos, directMs);
    row('backend cold, rules on but not loaded', probing, slos, directMs);

    // The generated rules for all 200 SLOs, evaluated by promtool over the
    // last 30 minutes of data (enough for every group's latest sample to be
    // inside the 5m lookback at endMs), then loaded by Prometheus.
    const allSlos = [...files.entries()].flatMap(([url, text]) =>
      parseOpenSlo(text, url),
    );
    const rules = renderYaml(generatePrometheusRules(allSlos));
    const loadStarted = Date.now();
    await prometheus.loadRules(rules, prometheus.endMs - 30 * 60000);
    console.log(
      `backfilled the recording rules of ${allSlos.length} SLOs (${
        rules.split('\n').filter(line => /^\s+- record:/.test(line)).length
      } rules) and restarted Prometheus in ${Date.now() - loadStarted} ms`,
    );
    // Prometheus restarted: its baseline is measured again on the new process.
    const direct3 = await timeDirectTwice();
    store.clear();
    const recordedCold = await timeBackend(makeService(true).service);
    const recordedWarm = await timeBackend(makeService(true).service);
    const direct4 = await timeDirect();
    const recordedDirectMs = (direct3.ms + direct4.ms) / 2;
    if (recordedCold.usedRecordingRules !== recordedCold.slos)
      throw new Error(
        `only ${recordedCold.usedRecordingRules} of ${recordedCold.slos} SLOs read the recording rules`,
      );
    row(
      'direct PromQL, rules loaded',
      { ms: recordedDirectMs, queries: direct3.queries },
      slos,
      recordedDirectMs,
    );
    row('backend cold, recording rules', recordedCold, slos, recordedDirectMs);
    row('backend warm, recording rules', recordedWarm, slos, recordedDirectMs);

    console.log(`SLOs evaluated: ${slos}`);
    const table = rows.map(r => [
      r.run,
      r.ms < 100 ? r.ms.toFixed(1) : r.ms.toFixed(0),
      r.queriesPerSlo.toFixed(2),
      (r.ms / r.baselineMs).toFixed(r.ms < 100 ? 4 : 3),
    ]);
    const header = ['run', 'ms', 'queries/SLO', 'ratio to direct'];
    const widths = header.map((h, i) =>
      Math.max(h.length, ...table.map(cells => cells[i].length)),
    );
    const line = (cells: string[]) =>
      cells
        .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
        .join('  ');
    console.log(line(header));
    for (const cells of table) console.log(line(cells));
  } finally {
    await prometheus.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
