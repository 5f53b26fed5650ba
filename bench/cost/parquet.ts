/*
 * Parquet import benchmark: the same FOCUS rows imported from Parquet and,
 * as the baseline in the same run, from CSV, into a fresh PostgreSQL
 * database (PG_URL, default postgresql://postgres@127.0.0.1:5432).
 *
 *   node --expose-gc node_modules/.bin/jiti bench/cost/parquet.ts
 *
 * Env: ROWS (default 300000), ROW_GROUP (rows per Parquet row group, default
 * 50000).
 */
import {
  createReadStream,
  createWriteStream,
  mkdtempSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import knexFactory from 'knex';
import { LoggerService } from '@backstage/backend-plugin-api';
import { fileWriter, ParquetWriter } from 'hyparquet-writer';
import { DatabaseCostStore } from '../../plugins/cost-backend/src/database/DatabaseCostStore';
import { CostImporter } from '../../plugins/cost-backend/src/ingest/CostImporter';
import { csvFocusReader } from '../../plugins/cost-backend/src/ingest/readFocusCsv';
import { generateFocusDemoCsv } from '../../plugins/cost-backend/src/demo/focusDemoData';
import { parquetFocusReader } from '../../plugins/cost-backend-module-parquet/src/parquetFocusReader';
import {
  csvCells,
  focusParquetColumns,
  focusParquetSchema,
} from '../../plugins/cost-backend-module-parquet/src/__testUtils__/focusParquetFixtures';

const PG_URL = process.env.PG_URL ?? 'postgresql://postgres@127.0.0.1:5432';
const ROWS = Number(process.env.ROWS ?? 300_000);
const ROW_GROUP = Number(process.env.ROW_GROUP ?? 50_000);
const DB = 'opsdeck_cost_parquet_bench';
const RESOURCES_PER_COPY = 15;
const DAYS = 30;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Writes the demo rows as CSV and as Parquet (ROW_GROUP rows a group). */
async function writeFiles(dir: string) {
  const copies = Math.ceil(ROWS / (RESOURCES_PER_COPY * 24 * DAYS));
  const lines = () =>
    generateFocusDemoCsv({
      start: '2026-06-01',
      end: `2026-06-${DAYS}`,
      hourly: true,
      resourceCopies: copies,
    });
  const csv = join(dir, 'focus.csv');
  await pipeline(Readable.from(lines()), createWriteStream(csv));

  const parquet = join(dir, 'focus.parquet');
  let header: string[] | undefined;
  let rows: string[][] = [];
  let writer: ParquetWriter | undefined;
  const flush = async () => {
    await writer!.write({
      columnData: focusParquetColumns({ header: header!, rows }),
      rowGroupSize: ROW_GROUP,
    });
    rows = [];
  };
  for (const line of lines()) {
    const cells = csvCells(line.replace(/\n$/, ''));
    if (!header) {
      header = cells;
      writer = new ParquetWriter({
        writer: fileWriter(parquet),
        schema: focusParquetSchema(header),
      });
      continue;
    }
    rows.push(cells);
    if (rows.length === ROW_GROUP) await flush();
  }
  if (rows.length > 0) await flush();
  await writer!.finish();
  return { csv, parquet };
}

async function measure(importer: CostImporter, source: string, file: string) {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed + base.arrayBuffers;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed + now.arrayBuffers);
  }, 10);
  const start = process.hrtime.bigint();
  const result = await importer.importFile(source, createReadStream(file));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  clearInterval(sampler);
  return {
    result,
    seconds,
    heapGrowth: peakHeap - (base.heapUsed + base.arrayBuffers),
    peakRss,
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'opsdeck-parquet-bench-'));
  const files = await writeFiles(dir);
  console.log(
    `files: CSV ${mb(statSync(files.csv).size)}, Parquet ${mb(
      statSync(files.parquet).size,
    )} (${ROW_GROUP} rows a row group)`,
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
  const importer = CostImporter.create({
    store,
    logger,
    readers: [parquetFocusReader, csvFocusReader],
  });
  try {
    const csv = await measure(importer, 'bench-csv', files.csv);
    const parquet = await measure(importer, 'bench-parquet', files.parquet);
    if (
      csv.result.rows !== parquet.result.rows ||
      csv.result.total !== parquet.result.total
    ) {
      throw new Error('the CSV and Parquet imports differ');
    }
    for (const [name, run] of [
      ['CSV (baseline)', csv],
      ['Parquet', parquet],
    ] as const) {
      console.log(
        `${name}: ${run.result.rows} rows in ${run.seconds.toFixed(2)} s, ${(
          run.result.rows / run.seconds
        ).toFixed(0)} rows/s, heap growth ${mb(run.heapGrowth)}, peak RSS ${mb(
          run.peakRss,
        )}`,
      );
    }
    console.log(
      `Parquet / CSV time ratio: ${(parquet.seconds / csv.seconds).toFixed(2)}`,
    );
  } finally {
    await knex.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
