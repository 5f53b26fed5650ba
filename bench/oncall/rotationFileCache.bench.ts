/*
 * Rotation file reads: the URL reader on every request (the baseline, as
 * before the cache) against the cache service serving a fresh file and
 * revalidating a stale one with its ETag (304), all measured in the same run
 * against a local HTTP server that answers after a delay like a Git host.
 *
 * Run from the repository root:
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/oncall/rotationFileCache.bench.ts
 */
import { CacheManager } from '@backstage/backend-defaults/cache';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { ConfigReader } from '@backstage/config';
import { createHash } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { RotationFileCache } from '../../plugins/oncall-backend/src/services/RotationFileCache';

const LATENCY_MS = 20;
const READS = 200;
const body = `spec:\n${'  # rotation line\n'.repeat(400)}`;
const etag = `"${createHash('sha256').update(body).digest('hex')}"`;
let served = 0;

const server = http.createServer((req, res) => {
  setTimeout(() => {
    served++;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { etag, 'content-type': 'text/yaml' }).end(body);
  }, LATENCY_MS);
});

async function time(label: string, fn: () => Promise<unknown>) {
  served = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < READS; i++) await fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { label, msPerRead: ms / READS, served };
}

async function main() {
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const url = `http://${host}/rotation.yaml`;
  const config = new ConfigReader({
    backend: { reading: { allow: [{ host }] } },
  });
  const logger = {
    debug() {},
    info() {},
    warn() {},
    error() {},
    child() {
      return logger;
    },
  } as any;
  const urlReader = UrlReaders.default({ config, logger });
  const cache = () =>
    CacheManager.fromConfig(config).forPlugin(`bench-${Math.random()}`);

  const fresh = RotationFileCache.create({
    urlReader,
    cache: cache(),
    freshForMs: 60_000,
  });
  const revalidating = RotationFileCache.create({
    urlReader,
    cache: cache(),
    freshForMs: 0,
  });
  await fresh.read(url);
  await revalidating.read(url);

  const results = [
    await time('URL reader every request (baseline)', async () =>
      (await urlReader.readUrl(url)).buffer(),
    ),
    await time('cache, file fresh', () => fresh.read(url)),
    await time('cache, revalidated by ETag (304)', () =>
      revalidating.read(url),
    ),
  ];
  const base = results[0].msPerRead;
  console.log(
    `${READS} reads each, server latency ${LATENCY_MS} ms, file ${body.length} bytes`,
  );
  for (const r of results) {
    console.log(
      `${r.label.padEnd(40)} ${r.msPerRead.toFixed(3).padStart(8)} ms/read  ` +
        `${String(r.served).padStart(4)} requests to the source  ` +
        `speed-up x${(base / r.msPerRead).toFixed(1)}`,
    );
  }
  server.close();
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
