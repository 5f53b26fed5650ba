/*
 * Cost ingestion benchmark. Needs PostgreSQL (PG_URL, default
 * postgresql://postgres@127.0.0.1:5432) on this machine: the COPY baseline
 * reads the generated file server-side.
 *
 *   node node_modules/.bin/jiti bench/cost/bench.ts
 *
 * Env: ROWS (FOCUS rows to import, default 1000000), STORED (aggregate rows
 * stored for the query benchmark, default 10000000; 0 skips it), QUERIES
 * (default 50), COPY (0 skips the COPY baseline), FILE (keep the generated
 * CSV at this path and reuse it on the next run), SAMPLE_SECONDS (interval of
 * the memory timeline printed during the import, default 10).
 */
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdtempSync,
  rmSync,
  statSync,
  chmodSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import knexFactory from 'knex';
import { getHeapSpaceStatistics } from 'node:v8';
import { LoggerService } from '@backstage/backend-plugin-api';
import { DatabaseCostStore } from '../../plugins/cost-backend/src/database/DatabaseCostStore';
import { CostImporter } from '../../plugins/cost-backend/src/ingest/CostImporter';
import { CostInsightsService } from '../../plugins/cost-backend/src/service/CostInsightsService';
import {
  generateFocusDemoCsv,
  FOCUS_DEMO_HEADER,
} from '../../plugins/cost-backend/src/demo/focusDemoData';
import { DEFAULT_ANOMALY_OPTIONS } from '@opsdeck/plugin-cost-common';

const PG_URL = process.env.PG_URL ?? 'postgresql://postgres@127.0.0.1:5432';
const ROWS = Number(process.env.ROWS ?? 1_000_000);
const STORED = Number(process.env.STORED ?? 10_000_000);
const QUERIES = Number(process.env.QUERIES ?? 50);
const COPY = process.env.COPY !== '0';
const FILE = process.env.FILE;
const SAMPLE_SECONDS = Number(process.env.SAMPLE_SECONDS ?? 10);
const DB = 'opsdeck_cost_bench';
const RESOURCES_PER_COPY = 15;
const DAYS = 30;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return [value, Number(process.hrtime.bigint() - start) / 1e9];
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'opsdeck-cost-bench-'));
  chmodSync(dir, 0o755);
  const file = FILE ?? join(dir, 'focus.csv');
  const copies = Math.ceil(ROWS / (RESOURCES_PER_COPY * 24 * DAYS));
  const [, generateSeconds] = await timed(async () => {
    if (FILE && existsSync(FILE)) {
      return;
    }
    await pipeline(
      Readable.from(
        generateFocusDemoCsv({
          start: '2026-06-01',
          end: `2026-06-${DAYS}`,
          hourly: true,
          resourceCopies: copies,
        }),
      ),
      createWriteStream(file),
    );
  });
  chmodSync(file, 0o644);
  const rows = copies * RESOURCES_PER_COPY * 24 * DAYS;
  console.log(
    `${rows} FOCUS rows (${mb(
      statSync(file).size,
    )}) in ${file} (${generateSeconds.toFixed(0)} s to generate)`,
  );

  const admin = knexFactory({ client: 'pg', connection: `${PG_URL}/postgres` });
  await admin.raw(`DROP DATABASE IF EXISTS ${DB}`);
  await admin.raw(`CREATE DATABASE ${DB}`);
  await admin.destroy();
  const knex = knexFactory({
    client: 'pg',
    connection: `${PG_URL}/${DB}`,
    pool: { min: 1, max: 4 },
  });

  // Baseline: PostgreSQL's own COPY of the same file into a plain typed table.
  const types: Record<string, string> = {
    BilledCost: 'double precision',
    ContractedCost: 'double precision',
    EffectiveCost: 'double precision',
    ListCost: 'double precision',
    PricingQuantity: 'double precision',
    ConsumedQuantity: 'double precision',
    BillingPeriodStart: 'timestamptz',
    BillingPeriodEnd: 'timestamptz',
    ChargePeriodStart: 'timestamptz',
    ChargePeriodEnd: 'timestamptz',
  };
  await knex.raw(
    `CREATE TABLE focus_raw (${FOCUS_DEMO_HEADER.map(
      h => `"${h}" ${types[h] ?? 'text'}`,
    ).join(', ')})`,
  );
  const [, copySeconds] = await timed(async () => {
    if (COPY) {
      await knex.raw(
        `COPY focus_raw FROM '${file}' WITH (FORMAT csv, HEADER true)`,
      );
    }
  });

  // Opsdeck import: streaming parse, validation, aggregation, atomic commit.
  const logger: LoggerService = {
    info: () => {},
    warn: message => console.warn(message),
    error: message => console.error(message),
    debug: () => {},
    child: () => logger,
  };
  const store = await DatabaseCostStore.create({
    database: { getClient: async () => knex, migrations: { skip: false } },
  });
  const importer = CostImporter.create({ store, logger });
  const before = process.memoryUsage();
  const baseRss = before.rss;
  const peak = { ...before };
  // Peak size (committed) and use of each V8 heap space: tells the young
  // generation, which V8 sizes for itself, from what survives into the old one.
  const spaces = new Map<string, { size: number; used: number }>();
  const sample = () => {
    const now = process.memoryUsage();
    for (const k of Object.keys(peak) as (keyof NodeJS.MemoryUsage)[]) {
      peak[k] = Math.max(peak[k], now[k]);
    }
    for (const s of getHeapSpaceStatistics()) {
      const p = spaces.get(s.space_name) ?? { size: 0, used: 0 };
      p.size = Math.max(p.size, s.space_size);
      p.used = Math.max(p.used, s.space_used_size);
      spaces.set(s.space_name, p);
    }
    return now;
  };
  const describe = (m: NodeJS.MemoryUsage) =>
    `rss ${mb(m.rss)}, heap ${mb(m.heapUsed)} of ${mb(
      m.heapTotal,
    )}, external ${mb(m.external)}, arrayBuffers ${mb(m.arrayBuffers)}`;
  console.log(`before import: ${describe(before)}`);
  const importStart = Date.now();
  const sampler = setInterval(sample, 20);
  const timeline = setInterval(() => {
    console.log(
      `  t=${((Date.now() - importStart) / 1000).toFixed(0)} s: ${describe(
        sample(),
      )}`,
    );
  }, SAMPLE_SECONDS * 1000);
  const [result, importSeconds] = await timed(() =>
    importer.importFile('bench', createReadStream(file)),
  );
  clearInterval(sampler);
  clearInterval(timeline);
  sample();
  const peakRss = peak.rss;
  console.log(`peaks during import: ${describe(peak)}`);
  console.log(
    `V8 heap spaces at their peaks (used of size): ${[...spaces]
      .filter(([, p]) => p.size >= 1024 * 1024)
      .map(([name, p]) => `${name} ${mb(p.used)} of ${mb(p.size)}`)
      .join(', ')}`,
  );
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect) {
    collect();
    console.log(
      `after import and a full GC: ${describe(process.memoryUsage())}`,
    );
  }
  const aggregates = Number((await knex('cost_daily').count({ n: '*' }))[0].n);

  if (COPY) {
    console.log(
      `COPY baseline:  ${copySeconds.toFixed(2)} s, ${(
        rows / copySeconds
      ).toFixed(0)} rows/s`,
    );
  }
  console.log(
    `Opsdeck import: ${importSeconds.toFixed(2)} s, ${(
      result.rows / importSeconds
    ).toFixed(0)} rows/s -> ${aggregates} daily aggregates`,
  );
  if (COPY) {
    console.log(
      `import / COPY ratio: ${(importSeconds / copySeconds).toFixed(
        2,
      )} (goal <= 1.5)`,
    );
  }
  console.log(
    `peak RSS during import: ${mb(peakRss)} (before: ${mb(
      baseRss,
    )}; goal < 300 MB)`,
  );

  if (STORED > 0) {
    await queryBenchmark(knex, store, logger);
  }

  await knex.destroy();
  const cleanup = knexFactory({
    client: 'pg',
    connection: `${PG_URL}/postgres`,
  });
  await cleanup.raw(`DROP DATABASE IF EXISTS ${DB}`);
  await cleanup.destroy();
  rmSync(dir, { recursive: true, force: true });
}

async function queryBenchmark(
  knex: ReturnType<typeof knexFactory>,
  store: DatabaseCostStore,
  logger: LoggerService,
) {
  // Query benchmark: STORED aggregate rows (365 days x components x resources).
  const components = 200;
  const perDay = Math.ceil(STORED / 365);
  const resourcesPerComponent = Math.ceil(perDay / components);
  const [, fillSeconds] = await timed(() =>
    knex.raw(
      `INSERT INTO cost_daily (source, day, billing_period_start, currency, component, owner, system, environment, tags,
         service_name, service_category, region, account, resource_id, charge_category, pricing_category, commitment_status,
         billed_cost, effective_cost, list_cost, consumed_quantity, row_count)
       SELECT 'synthetic', to_char(d, 'YYYY-MM-DD'), to_char(date_trunc('month', d), 'YYYY-MM-DD'), 'EUR',
         'svc-' || (r % ${components}), 'team-' || (r % 20), 'system-' || (r % 40), 'production', '{}',
         (ARRAY['Virtual Machines','Block Storage','Managed PostgreSQL','Data Transfer','Object Storage'])[1 + r % 5],
         (ARRAY['Compute','Storage','Databases','Networking','Storage'])[1 + r % 5],
         (ARRAY['eu-west-1','eu-central-1','us-east-1'])[1 + r % 3], 'acct-' || (r % 20), 'res-' || r,
         'Usage', 'Standard', '', 1, 1 + (r % 7), 1, 24, 24
       FROM generate_series(date '2025-12-01', date '2025-12-01' + 364, interval '1 day') AS d,
            generate_series(0, ${components * resourcesPerComponent - 1}) AS r`,
    ),
  );
  await knex.raw('ANALYZE cost_daily');
  const stored = Number((await knex('cost_daily').count({ n: '*' }))[0].n);
  console.log(
    `stored ${stored} daily aggregate rows in ${fillSeconds.toFixed(1)} s`,
  );
  const insights = CostInsightsService.create({
    store,
    anomalies: DEFAULT_ANOMALY_OPTIONS,
    budgets: new Map(),
    logger,
  });
  const scope = {
    type: 'selectors' as const,
    selectors: [[{ key: 'backstage-component', value: 'svc-42' }]],
  };
  const period = { from: '2026-08-01', to: '2026-10-29' };
  const times: number[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const [series, seconds] = await timed(() =>
      insights.daily('component:default/svc-42', scope, period, 'service'),
    );
    if (series.days.length !== 90) throw new Error('expected 90 days');
    times.push(seconds * 1000);
  }
  times.sort((a, b) => a - b);
  console.log(
    `90-day breakdown of one entity (${resourcesPerComponent} resources/day) over ${stored} rows: p50 ${percentile(
      times,
      50,
    ).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(
      1,
    )} ms (${QUERIES} queries)`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
