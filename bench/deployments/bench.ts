/*
 * Deployments backend benchmark, against PostgreSQL:
 *   1. ingest BENCH_EVENTS events (default 100,000) as single POST /events
 *      requests from BENCH_CLIENTS concurrent clients (default 4), and the
 *      same number of requests to a trivial authenticated route of the same
 *      backend, in the same run, alternating in ten rounds: events/s and the
 *      ratio between the two;
 *   2. fill the store to BENCH_STORED events (default 1,000,000) and time an
 *      entity's 90-day history and DORA queries: p50 and p99.
 * With BENCH_AUTH=jwks every request carries a GitHub-shaped CI OIDC token
 * (verified against a local JWKS) instead of a static token, so ingestion
 * includes the check that the token's repository is the entity's.
 *
 * Run from the repository root (PostgreSQL at BENCH_PG, default
 * postgresql://postgres@127.0.0.1:5432):
 *   source scripts/env.sh
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/deployments/bench.ts
 */
import { createServer } from 'node:net';
import { Agent, createServer as createHttpServer, request } from 'node:http';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import knexFactory from 'knex';
import deploymentsPlugin, {
  DatabaseDeploymentsStore,
  NewDeploymentEvent,
} from '@opsdeck/plugin-deployments-backend';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const STORED = Number(process.env.BENCH_STORED ?? 1_000_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 100);
const PG = process.env.BENCH_PG ?? 'postgresql://postgres@127.0.0.1:5432';
const TOKEN = 'bench-pipeline-token-0123456789';
const AUTH = process.env.BENCH_AUTH === 'jwks' ? 'jwks' : 'static';
const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
const ENTITIES = 50;
const ENVIRONMENTS = ['dev', 'staging', 'production'];
const DAY = 86400_000;

const entities: Entity[] = Array.from({ length: ENTITIES }, (_, i) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: `service-${i}`,
    namespace: 'default',
    annotations: { 'github.com/project-slug': `acme/service-${i}` },
  },
  spec: { type: 'service', owner: 'bench' },
}));

/** The n-th synthetic event: deployments of 3 events over the last year. */
function syntheticEvent(n: number, now: number, prefix: string) {
  const deployment = Math.floor(n / 3);
  const phase = n % 3;
  const entity = deployment % ENTITIES;
  const at = now - ((deployment * 7919) % (365 * DAY)) + phase * 60_000;
  const status = [
    'started',
    'started',
    deployment % 17 ? 'succeeded' : 'failed',
  ][phase];
  return {
    eventId: `${prefix}-${n}`,
    entityRef: `component:default/service-${entity}`,
    environment: ENVIRONMENTS[deployment % 3],
    version: `1.${deployment}`,
    commitSha: (deployment * 2654435761)
      .toString(16)
      .padStart(12, '0')
      .slice(0, 12),
    commitTime: new Date(at - 3 * 3600_000).toISOString(),
    status: status as NewDeploymentEvent['status'],
    strategy: 'canary' as const,
    step: phase,
    trafficWeight: [10, 50, 100][phase],
    actor: 'bench',
    runUrl: `https://ci.example.com/${prefix}/${deployment}`,
    timestamp: new Date(at).toISOString(),
  };
}

async function freePort(): Promise<number> {
  return new Promise(resolve => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS * 2 });
/** Bearer token of each entity's pipeline (static: the same for all). */
const tokens: string[] = [];

/** With BENCH_AUTH=jwks: a local JWKS and one GitHub-shaped token per entity's repository. */
async function startOidc(): Promise<object[]> {
  if (AUTH !== 'jwks') {
    tokens.push(...Array.from({ length: ENTITIES }, () => TOKEN));
    return [];
  }
  const key = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(key.publicKey)), kid: 'k1', alg: 'ES256' };
  const jwksPort = await freePort();
  createHttpServer((_req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  })
    .listen(jwksPort, '127.0.0.1')
    .unref();
  const now = Math.floor(Date.now() / 1000);
  for (let i = 0; i < ENTITIES; i++) {
    tokens.push(
      await new SignJWT({ repository: `acme/service-${i}` })
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setIssuer(GITHUB_ISSUER)
        .setAudience('opsdeck')
        .setSubject(`repo:acme/service-${i}:environment:production`)
        .setIssuedAt(now)
        .setExpirationTime(now + 6 * 3600)
        .sign(key.privateKey),
    );
  }
  return [
    {
      type: 'jwks',
      options: {
        url: `http://127.0.0.1:${jwksPort}/.well-known/jwks`,
        issuer: GITHUB_ISSUER,
        audience: 'opsdeck',
        subjectPrefix: 'github',
      },
      accessRestrictions: [{ plugin: 'deployments' }, { plugin: 'bench' }],
    },
  ];
}

function call(
  port: number,
  method: string,
  path: string,
  body?: unknown,
  token: string = TOKEN,
): Promise<number> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(payload
            ? {
                'Content-Type': 'application/json',
                'Content-Length': Buffer.byteLength(payload),
              }
            : {}),
        },
      },
      res => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function runClients(
  total: number,
  send: (i: number) => Promise<number>,
): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < total) {
        const i = next++;
        const status = await send(i);
        if (status >= 300) throw new Error(`request ${i} answered ${status}`);
      }
    }),
  );
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function percentile(sorted: number[], p: number): number {
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

async function timeQueries(port: number, path: string) {
  const times: number[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const started = process.hrtime.bigint();
    const status = await call(port, 'GET', path);
    if (status !== 200) throw new Error(`${path} answered ${status}`);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function main() {
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'warn';
  const admin = knexFactory({ client: 'pg', connection: `${PG}/postgres` });
  await admin.raw('DROP DATABASE IF EXISTS bench_deployments');
  await admin.destroy();

  const port = await freePort();
  const jwksAccess = await startOidc();
  const backend = createBackend();
  backend.add(
    createServiceFactory({
      service: coreServices.rootConfig,
      deps: {},
      factory: () =>
        new ConfigReader({
          backend: {
            baseUrl: `http://127.0.0.1:${port}`,
            listen: { port, host: '127.0.0.1' },
            database: { client: 'pg', connection: PG, prefix: 'bench_' },
            auth: {
              externalAccess: [
                {
                  type: 'static',
                  options: { token: TOKEN, subject: 'bench' },
                  accessRestrictions: [
                    { plugin: 'deployments' },
                    { plugin: 'bench' },
                  ],
                },
                ...jwksAccess,
              ],
            },
          },
        }),
    }),
  );
  backend.add(catalogServiceMock.factory({ entities }));
  backend.add(deploymentsPlugin);
  backend.add(
    createBackendPlugin({
      pluginId: 'bench',
      register(env) {
        env.registerInit({
          deps: {
            httpRouter: coreServices.httpRouter,
            httpAuth: coreServices.httpAuth,
          },
          async init({ httpRouter, httpAuth }) {
            const { Router } = await import('express');
            const router = Router();
            router.get('/ping', async (req, res) => {
              await httpAuth.credentials(req);
              res.json({ ok: true });
            });
            httpRouter.use(router);
          },
        });
      },
    }),
  );
  await backend.start();

  const now = Date.now();
  console.log(
    `PostgreSQL, ${CLIENTS} concurrent clients, ${AUTH} tokens, node ${process.version}`,
  );
  // Baseline and ingestion alternate in rounds, so that both see the same
  // load on a shared machine.
  const ROUNDS = 10;
  let baseline = 0;
  let ingest = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const first = Math.floor((EVENTS * round) / ROUNDS);
    const last = Math.floor((EVENTS * (round + 1)) / ROUNDS);
    baseline += await runClients(last - first, i =>
      call(port, 'GET', '/api/bench/ping', undefined, tokens[i % ENTITIES]),
    );
    ingest += await runClients(last - first, i => {
      const event = syntheticEvent(first + i, now, 'http');
      const entity = Number(event.entityRef.split('-').pop());
      return call(
        port,
        'POST',
        '/api/deployments/events',
        event,
        tokens[entity],
      );
    });
  }
  console.log(
    `ingest: ${EVENTS} events over HTTP in ${ingest.toFixed(1)} s = ${(
      EVENTS / ingest
    ).toFixed(0)} events/s`,
  );
  console.log(
    `baseline: ${EVENTS} authenticated GET /api/bench/ping in ${baseline.toFixed(
      1,
    )} s = ${(EVENTS / baseline).toFixed(0)} requests/s`,
  );
  console.log(
    `ratio ingest time / baseline time: ${(ingest / baseline).toFixed(2)}`,
  );

  const knex = knexFactory({
    client: 'pg',
    connection: `${PG}/bench_deployments`,
  });
  const store = await DatabaseDeploymentsStore.create({
    database: { getClient: async () => knex, migrations: { skip: true } },
  });
  const fillStarted = Date.now();
  const chunk = 2000;
  for (let n = 0; n < STORED - EVENTS; n += chunk) {
    const events: NewDeploymentEvent[] = [];
    for (let i = n; i < Math.min(n + chunk, STORED - EVENTS); i++) {
      const e = syntheticEvent(i, now, 'bulk');
      events.push({
        ...e,
        entityRef: e.entityRef,
        deploymentKey: `bulk-${Math.floor(i / 3)}`,
        source: 'bench',
      });
    }
    await store.insertEvents(events);
  }
  const [{ count }] = await knex('deployment_events').count({ count: '*' });
  console.log(
    `store filled to ${count} events (bulk part ${(
      (Date.now() - fillStarted) /
      1000
    ).toFixed(0)} s)`,
  );
  await knex.raw('ANALYZE deployment_events');
  await knex.raw('ANALYZE deployments');

  const entityRef = encodeURIComponent('component:default/service-7');
  const from = encodeURIComponent(new Date(now - 90 * DAY).toISOString());
  const to = encodeURIComponent(new Date(now + DAY).toISOString());
  const history = await timeQueries(
    port,
    `/api/deployments/history?entityRef=${entityRef}&from=${from}&to=${to}&limit=50`,
  );
  const dora = await timeQueries(
    port,
    `/api/deployments/dora?entityRef=${entityRef}&from=${from}&to=${to}`,
  );
  console.log(
    `90-day history of one entity (of ${ENTITIES}): p50 ${history.p50.toFixed(
      1,
    )} ms, p99 ${history.p99.toFixed(1)} ms (${QUERIES} queries)`,
  );
  console.log(
    `90-day DORA of one entity: p50 ${dora.p50.toFixed(
      1,
    )} ms, p99 ${dora.p99.toFixed(1)} ms (${QUERIES} queries)`,
  );
  await knex.destroy();
  agent.destroy();
  await Promise.race([
    backend.stop(),
    new Promise(resolve => setTimeout(resolve, 10_000)),
  ]);
  const cleanup = knexFactory({ client: 'pg', connection: `${PG}/postgres` });
  await cleanup.raw('DROP DATABASE IF EXISTS bench_deployments WITH (FORCE)');
  await cleanup.destroy();
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
