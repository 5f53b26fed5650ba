/*
 * Evaluates 200 SLOs against a backfilled Prometheus through the SLO
 * backend's service layer (OpenSLO read through a UrlReader, parse, queries,
 * math, cache) and, in the same run, sends the same PromQL directly.
 * Prints queries per SLO and the ratios backend time / direct time, cold and
 * warm (served from the cache).
 *
 * Run from the repository root:
 *   source scripts/env.sh && node --require @backstage/cli/config/nodeTransform.cjs bench/slo/bench.ts
 */
import { ConfigReader } from '@backstage/config';
import {
  historyQuery,
  parseOpenSlo,
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

  const timeBackend = async (service: SloService) => {
    const t0 = performance.now();
    let queries = 0;
    let slos = 0;
    for (const ref of refs) {
      const report = await service.getEntityReport(ref, credentials);
      slos += report.slos.length;
      queries += report.slos.reduce((n, s) => n + s.queries, 0);
      if (report.slos.some(s => s.state !== 'ok'))
        throw new Error(
          `${ref}: ${JSON.stringify(
            report.slos.find(s => s.state !== 'ok')?.problem,
          )}`,
        );
    }
    return { ms: performance.now() - t0, queries, slos };
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

  try {
    // Warm Prometheus's page cache once so neither side pays for it.
    await timeDirect();
    const direct = await timeDirect();
    store.clear();
    const cold = await timeBackend(makeService(false).service);
    const warm = await timeBackend(makeService(false).service);
    const direct2 = await timeDirect();
    store.clear();
    const probing = await timeBackend(makeService(true).service);
    const directMs = (direct.ms + direct2.ms) / 2;
    console.log(`SLOs evaluated: ${cold.slos}`);
    console.log(
      `direct PromQL: ${directMs.toFixed(0)} ms, ${(
        direct.queries / cold.slos
      ).toFixed(2)} queries per SLO`,
    );
    console.log(
      `backend cold (no recording rules): ${cold.ms.toFixed(0)} ms, ${(
        cold.queries / cold.slos
      ).toFixed(2)} queries per SLO, ratio backend/direct ${(
        cold.ms / directMs
      ).toFixed(3)}`,
    );
    console.log(
      `backend warm (cache): ${warm.ms.toFixed(
        1,
      )} ms, 0 queries, ratio backend/direct ${(warm.ms / directMs).toFixed(
        4,
      )}`,
    );
    console.log(
      `backend cold, probing for recording rules that are not loaded: ${probing.ms.toFixed(
        0,
      )} ms, ${(probing.queries / probing.slos).toFixed(
        2,
      )} queries per SLO, ratio ${(probing.ms / directMs).toFixed(3)}`,
    );
  } finally {
    await prometheus.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
