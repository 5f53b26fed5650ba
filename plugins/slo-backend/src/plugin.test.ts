import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { Entity } from '@backstage/catalog-model';
import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import request from 'supertest';
import { AddressInfo } from 'net';
import { sloPlugin } from './plugin';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { sloMetricsSourcesExtensionPoint } from '@opsdeck/plugin-slo-node';
import {
  errorsExpression,
  generatePrometheusRules,
  parseOpenSlo,
  renderYaml,
  totalExpression,
} from '@opsdeck/plugin-slo-common';

/** A third-party source added through the extension point: fixed counts. */
const customSourceModule = createBackendModule({
  pluginId: 'slo',
  moduleId: 'custom-source',
  register(env) {
    env.registerInit({
      deps: { sources: sloMetricsSourcesExtensionPoint },
      async init({ sources }) {
        sources.addMetricsSource({
          name: 'custom',
          demo: false,
          async evaluate(metricsRequest) {
            return {
              counts: new Map(
                metricsRequest.windowsSeconds.map(w => [
                  w,
                  { errors: 1, total: 4000 },
                ]),
              ),
              history: [],
              queries: 1,
              usedRecordingRules: false,
            };
          },
        });
      },
    });
  },
});
import {
  CounterSpec,
  RealPrometheus,
  freePort,
  startRealPrometheus,
} from './testUtils/realPrometheus';

jest.setTimeout(120_000);

const DAY = 1440;
const MINUTES = 31 * DAY;
const INCIDENT_START = MINUTES - 15 * DAY;
const BURST = 70;

/** Checkout: 1000 requests a minute, an error every other minute; a 2 h incident at 50; the last 70 minutes at 60. */
const checkoutErrors = (i: number) => {
  if (i > MINUTES - BURST) return 60;
  if (i > INCIDENT_START && i <= INCIDENT_START + 120) return 50;
  return i % 2;
};
/** Payments: 500 a minute, 1 error (a bad-event counter). */
const paymentErrors = (i: number) => (i % 10 === 0 ? 2 : 1);

const counters: CounterSpec[] = [
  {
    metric: 'http_requests_total',
    labels: { service: 'checkout-service', code: '200' },
    perMinute: i => 1000 - checkoutErrors(i),
  },
  {
    metric: 'http_requests_total',
    labels: { service: 'checkout-service', code: '500' },
    perMinute: checkoutErrors,
  },
  {
    metric: 'http_requests_total',
    labels: { service: 'quiet-service', code: '200' },
    perMinute: () => 0,
  },
  {
    metric: 'payments_authorisations_total',
    labels: { outcome: 'ok' },
    perMinute: i => 500 - paymentErrors(i),
  },
  {
    metric: 'payments_authorisations_total',
    labels: { outcome: 'error' },
    perMinute: paymentErrors,
  },
  {
    metric: 'broken_requests_total',
    labels: { service: 'broken' },
    perMinute: i => (i === MINUTES - 10 ? NaN : 10),
  },
];

/** Independent sums over the generated data: the last `window` minutes. */
function sumLast(fn: (i: number) => number, windowMinutes: number) {
  let total = 0;
  for (let i = MINUTES - windowMinutes + 1; i <= MINUTES; i++) total += fn(i);
  return total;
}

/**
 * What Prometheus 2's increase() gives over `rangeSeconds` ending at `atMs`
 * for a counter sampled every minute from `startMs` (0 there, then growing
 * by `perMinute(i)` up to minute i): the increase between the first and last
 * samples in the range, extrapolated towards the range's edges (by at most
 * half a sample interval when the edge is further than 1.1 intervals, and
 * never below zero).
 */
function modelIncrease(
  perMinute: (i: number) => number,
  startMs: number,
  atMs: number,
  rangeSeconds: number,
): number {
  const first = Math.ceil((atMs - rangeSeconds * 1000 - startMs) / 60000);
  const last = Math.floor((atMs - startMs) / 60000);
  let firstValue = 0;
  for (let i = 1; i <= first; i++) firstValue += perMinute(i);
  let delta = 0;
  for (let i = first + 1; i <= last; i++) delta += perMinute(i);
  const sampled = (last - first) * 60;
  const average = sampled / (last - first);
  let toStart = (startMs + first * 60000 - (atMs - rangeSeconds * 1000)) / 1000;
  const toEnd = (atMs - (startMs + last * 60000)) / 1000;
  if (delta > 0 && firstValue >= 0) {
    toStart = Math.min(toStart, sampled * (firstValue / delta));
  }
  const threshold = average * 1.1;
  let interval = sampled;
  interval += toStart < threshold ? toStart : average / 2;
  interval += toEnd < threshold ? toEnd : average / 2;
  return delta * (interval / sampled);
}

const ratioSlo = (
  name: string,
  service: string,
  good: string,
  total: string,
  extra = '',
) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
spec:
  service: ${service}
  indicator:
    metadata:
      name: ${name}-sli
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
${extra}            spec:
              query: '${good}'
        total:
          metricSource:
            type: Prometheus
${extra}            spec:
              query: '${total}'
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.999
`;

const files: Record<string, string> = {
  'checkout.yaml': ratioSlo(
    'checkout-availability',
    'checkout-service',
    'http_requests_total{service="checkout-service",code!~"5.."}',
    'http_requests_total{service="checkout-service"}',
  ),
  'payments.yaml': `apiVersion: openslo/v1
kind: SLO
metadata:
  name: payments-availability
spec:
  service: payments-api
  indicator:
    metadata:
      name: payments-authorisations
    spec:
      ratioMetric:
        counter: true
        bad:
          metricSource:
            type: Prometheus
            spec:
              query: payments_authorisations_total{outcome="error"}
        total:
          metricSource:
            type: Prometheus
            spec:
              query: payments_authorisations_total
  timeWindow:
    - duration: 1M
      isRolling: false
      calendar:
        startTime: '2024-01-01 00:00:00'
        timeZone: UTC
  budgetingMethod: Occurrences
  objectives:
    - targetPercent: 99.5
`,
  'quiet.yaml': ratioSlo(
    'quiet-availability',
    'quiet-service',
    'http_requests_total{service="quiet-service",code!~"5.."}',
    'http_requests_total{service="quiet-service"}',
  ),
  'unknown.yaml': ratioSlo(
    'ghost-availability',
    'ghost',
    'ghost_requests_total{code="200"}',
    'ghost_requests_total',
  ),
  'broken.yaml': ratioSlo(
    'broken-availability',
    'broken',
    'broken_requests_total{service="broken"}',
    'broken_requests_total{service="broken"}',
  ),
  'malformed.yaml': ratioSlo(
    'bad-target',
    'checkout-service',
    'a',
    'b',
  ).replace('target: 0.999', 'target: 1.5'),
  'down.yaml': ratioSlo(
    'down-availability',
    'checkout-service',
    'http_requests_total{code="200"}',
    'http_requests_total',
    '            metricSourceRef: down\n',
  ),
  'slow.yaml': ratioSlo(
    'slow-availability',
    'checkout-service',
    'http_requests_total{code="200"}',
    'http_requests_total',
    '            metricSourceRef: slow\n',
  ),
  'failing.yaml': ratioSlo(
    'failing-availability',
    'checkout-service',
    'http_requests_total{code="200"}',
    'http_requests_total',
    '            metricSourceRef: failing\n',
  ),
  'custom.yaml': ratioSlo(
    'custom-availability',
    'checkout-service',
    'x{code="200"}',
    'x',
    '            metricSourceRef: custom\n',
  ),
  'nosource.yaml': ratioSlo(
    'lost-availability',
    'checkout-service',
    'http_requests_total{code="200"}',
    'http_requests_total',
    '            metricSourceRef: nowhere\n',
  ),
};

function component(
  name: string,
  file: string | undefined,
  base: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/source-location': `url:${base}/repo/`,
        ...(file ? { 'opsdeck.io/slo': `./${file}` } : {}),
      },
    },
    spec: { type: 'service', owner: 'team', lifecycle: 'production' },
  };
}

function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<Server> {
  return new Promise(resolve => {
    const server = createServer(handler);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}
const urlOf = (server: Server) =>
  `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

describe('slo backend against a real Prometheus', () => {
  let prometheus: RealPrometheus;
  let files$: Server;
  let slow: Server;
  let failing: Server;
  let downPort: number;
  let nowSpy: jest.SpyInstance;

  beforeAll(async () => {
    prometheus = await startRealPrometheus({ counters, minutes: MINUTES });
    files$ = await listen((req, res) => {
      const name = req.url!.replace('/repo/', '');
      if (files[name]) {
        res.writeHead(200, { 'content-type': 'text/yaml' }).end(files[name]);
      } else {
        res.writeHead(404).end('not found');
      }
    });
    slow = await listen((_req, res) => {
      setTimeout(
        () =>
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(
              '{"status":"success","data":{"resultType":"vector","result":[]}}',
            ),
        3000,
      );
    });
    failing = await listen((_req, res) => {
      res.writeHead(422, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          status: 'error',
          errorType: 'execution',
          error: 'query processing would load too many samples into memory',
        }),
      );
    });
    downPort = await freePort();
    const realNow = Date.now.bind(Date);
    nowSpy = jest
      .spyOn(Date, 'now')
      .mockImplementation(() => (globalThis as any).__sloClock ?? realNow());
  });

  afterAll(async () => {
    nowSpy?.mockRestore();
    await prometheus?.stop();
    files$?.close();
    slow?.close();
    failing?.close();
  });

  async function startBackend(
    extraConfig: object = {},
    authFeatures: any[] = [],
    useRecordingRules = false,
    sloConfig: object = {},
  ) {
    const base = urlOf(files$);
    const entities = [
      ...Object.keys(files).map(f =>
        component(f.replace('.yaml', ''), f, base),
      ),
      component('no-annotation', undefined, base),
      component('missing-file', 'nothing-here.yaml', base),
      {
        ...component('on-disk', 'slo/service.yaml', base),
        metadata: {
          name: 'on-disk',
          namespace: 'default',
          annotations: {
            'backstage.io/source-location': 'file:/srv/secret-checkout/repo/',
            'opsdeck.io/slo': './slo/service.yaml',
          },
        },
      },
    ];
    return startTestBackend({
      features: [
        sloPlugin,
        customSourceModule,
        catalogServiceMock.factory({ entities }),
        mockServices.urlReader.factory(),
        ...authFeatures,
        mockServices.rootConfig.factory({
          data: {
            backend: { reading: { allow: [{ host: new URL(base).host }] } },
            slo: {
              prometheus: {
                default: 'main',
                instances: [
                  {
                    name: 'main',
                    baseUrl: prometheus.url,
                    useRecordingRules,
                  },
                  {
                    name: 'down',
                    baseUrl: `http://127.0.0.1:${downPort}`,
                    timeoutMs: 2000,
                  },
                  { name: 'slow', baseUrl: urlOf(slow), timeoutMs: 500 },
                  { name: 'failing', baseUrl: urlOf(failing) },
                ],
              },
              ...sloConfig,
            },
            ...extraConfig,
          },
        }),
      ],
    });
  }

  const withClock = async <T>(fn: () => Promise<T>) => {
    (globalThis as any).__sloClock = prometheus.endMs;
    try {
      return await fn();
    } finally {
      delete (globalThis as any).__sloClock;
    }
  };

  it('computes attainment, budget and burn rates equal to the generated data', async () => {
    const { server } = await startBackend();
    const res = await withClock(() =>
      request(server)
        .get('/api/slo/entities/component/default/checkout/slos')
        .set('authorization', mockCredentials.user.header()),
    );
    expect(res.status).toBe(200);
    const [slo] = res.body.slos;
    expect(res.body.demo).toBe(false);
    expect(slo.state).toBe('ok');
    expect(slo.budget.remaining).toBeGreaterThan(0);

    const errors30d = sumLast(checkoutErrors, 30 * DAY);
    const total30d = 1000 * 30 * DAY;
    const budgetUsed = errors30d / total30d / 0.001;
    expect(slo.attainment).toBeCloseTo(1 - errors30d / total30d, 12);
    expect(slo.budget.consumed).toBeCloseTo(budgetUsed, 9);
    expect(slo.budget.remaining).toBeCloseTo(1 - budgetUsed, 9);
    expect(slo.budget.totalSeconds).toBeCloseTo(43.2 * 60, 6);

    for (const [window, minutes] of [
      ['5m', 5],
      ['30m', 30],
      ['1h', 60],
      ['6h', 360],
      ['3d', 3 * DAY],
      ['30d', 30 * DAY],
    ] as const) {
      const figures = slo.windows.find((w: any) => w.window === window);
      const expected =
        sumLast(checkoutErrors, minutes) / (1000 * minutes) / 0.001;
      expect(figures.total).toBe(1000 * minutes);
      expect(figures.errors).toBe(sumLast(checkoutErrors, minutes));
      expect(figures.burnRate).toBeCloseTo(expected, 9);
    }
    // The last 70 minutes burn at 60: both page pairs and the ticket pair fire.
    expect(slo.burnRate.status).toBe('page');
    expect(slo.burnRate.pairs.map((p: any) => p.state)).toEqual([
      'firing',
      'firing',
      'firing',
    ]);
    expect(slo.timeToExhaustionSeconds).toBeCloseTo(
      ((1 - budgetUsed) * 30 * 86400) / 60,
      3,
    );
    // Without recording rules: one instant query and one range query.
    expect(slo.queries).toBe(2);
    expect(slo.usedRecordingRules).toBe(false);
    // History steps sum to the window and end at the headline figure.
    expect(slo.history).toHaveLength(60);
    expect(slo.history[slo.history.length - 1].budgetRemaining).toBeCloseTo(
      1 - budgetUsed,
      9,
    );
    expect(slo.alertRulesYaml).toContain('SloErrorBudgetBurn');
  });

  it('evaluates a calendar month with a bad-event counter', async () => {
    const { server } = await startBackend();
    const res = await withClock(() =>
      request(server)
        .get('/api/slo/slos')
        .query({ entityRef: 'component:default/payments' })
        .set('authorization', mockCredentials.user.header()),
    );
    const [slo] = res.body.slos;
    const now = new Date(prometheus.endMs);
    const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
    const elapsedMinutes = Math.max(
      1,
      Math.floor((prometheus.endMs - monthStart) / 60000),
    );
    expect(slo.window.start).toBe(new Date(monthStart).toISOString());
    const errors = sumLast(paymentErrors, elapsedMinutes);
    const total = 500 * elapsedMinutes;
    expect(slo.attainment).toBeCloseTo(1 - errors / total, 12);
    expect(slo.budget.remaining).toBeCloseTo(1 - errors / total / 0.005, 9);
  });

  it('answers /health without credentials', async () => {
    const { server } = await startBackend();
    const res = await request(server).get('/api/slo/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('reports each fault precisely instead of a number', async () => {
    const { server } = await startBackend();
    const problem = async (name: string) => {
      const res = await withClock(() =>
        request(server)
          .get(`/api/slo/entities/component/default/${name}/slos`)
          .set('authorization', mockCredentials.user.header()),
      );
      expect(res.status).toBe(200);
      return res.body.problem ?? res.body.slos[0].problem;
    };
    const quiet = await problem('quiet');
    expect(quiet.code).toBe('no-traffic');
    const quietReport = await withClock(() =>
      request(server)
        .get('/api/slo/entities/component/default/quiet/slos')
        .set('authorization', mockCredentials.user.header()),
    );
    expect(quietReport.body.slos[0]).toMatchObject({
      state: 'no-data',
      attainment: null,
      budget: null,
    });

    expect(await problem('unknown')).toEqual({
      code: 'unknown-metric',
      message:
        "Prometheus instance 'main' has no series for ghost_requests_total over the last 30d: check the metric name and labels",
    });
    expect((await problem('broken')).code).toBe('not-a-number');
    expect(await problem('malformed')).toMatchObject({
      code: 'invalid-openslo',
      message: expect.stringContaining(
        '/repo/malformed.yaml: SLO bad-target: spec.objectives[0].target: must be below 1',
      ),
    });
    expect((await problem('down')).message).toMatch(
      /^Prometheus instance 'down' \(http:\/\/127\.0\.0\.1:\d+\) is unreachable: ECONNREFUSED/,
    );
    expect(await problem('slow')).toMatchObject({
      code: 'metrics-timeout',
      message: expect.stringContaining('did not answer within 500 ms'),
    });
    expect(await problem('failing')).toMatchObject({
      code: 'metrics-error',
      message: expect.stringContaining(
        'execution: query processing would load too many samples into memory',
      ),
    });
    expect((await problem('nosource')).code).toBe('unknown-metrics-source');
    const custom = await request(server)
      .get('/api/slo/entities/component/default/custom/slos')
      .set('authorization', mockCredentials.user.header());
    expect(custom.body.slos[0]).toMatchObject({
      state: 'ok',
      metricsSource: 'custom',
      attainment: 0.99975,
    });
    expect((await problem('missing-file')).code).toBe('unreadable-openslo');
  });

  it('serves entities without the annotation, many entities at once, and rejects bad refs', async () => {
    const { server } = await startBackend();
    const user = mockCredentials.user.header();
    const none = await request(server)
      .get('/api/slo/entities/component/default/no-annotation/slos')
      .set('authorization', user);
    expect(none.body).toMatchObject({ sourceUrl: null, slos: [] });
    const missing = await request(server)
      .get('/api/slo/entities/component/default/nobody/slos')
      .set('authorization', user);
    expect(missing.status).toBe(404);
    for (const bad of ['..%2F..%2Fetc', '%24%7B%7Bx%7D%7D', 'a%0Ab']) {
      const res = await request(server)
        .get(`/api/slo/entities/component/default/${bad}/slos`)
        .set('authorization', user);
      expect(res.status).toBe(400);
    }
    const summary = await withClock(() =>
      request(server)
        .post('/api/slo/summary')
        .set('authorization', user)
        .send({
          entityRefs: [
            'component:default/checkout',
            'component:default/quiet',
            'component:default/nobody',
          ],
        }),
    );
    expect(summary.status).toBe(200);
    expect(
      summary.body.items.map((i: any) => [
        i.entityRef,
        i.slos[0]?.state ?? i.problem.code,
      ]),
    ).toEqual([
      ['component:default/checkout', 'ok'],
      ['component:default/quiet', 'no-data'],
      ['component:default/nobody', 'unreadable-openslo'],
    ]);
    const tooMany = await request(server)
      .post('/api/slo/summary')
      .set('authorization', user)
      .send({ entityRefs: Array(101).fill('component:default/a') });
    expect(tooMany.status).toBe(400);
  });

  it('gates deployments on the remaining budget', async () => {
    const { server } = await startBackend();
    const user = mockCredentials.user.header();
    const gate = (body: object) =>
      withClock(() =>
        request(server)
          .post('/api/slo/gate')
          .set('authorization', user)
          .send(body),
      );
    const checkout = await gate({ entityRef: 'component:default/checkout' });
    const remaining =
      1 - sumLast(checkoutErrors, 30 * DAY) / (1000 * 30 * DAY) / 0.001;
    expect(checkout.status).toBe(200);
    expect(checkout.body.remainingBudget).toBeCloseTo(remaining, 9);
    expect(checkout.body.allowed).toBe(remaining > 0);
    const strict = await gate({
      entityRef: 'component:default/payments',
      minRemainingBudget: 1,
    });
    expect(strict.body.allowed).toBe(false);
    expect(strict.body.reason).toMatch(
      /^blocked: payments-availability has .* of its error budget left, needs at least 100\.0%/,
    );
    const lenient = await gate({
      entityRef: 'component:default/payments',
      minRemainingBudget: 0,
    });
    expect(lenient.body.allowed).toBe(true);
    const quiet = await gate({ entityRef: 'component:default/quiet' });
    expect(quiet.body).toMatchObject({ allowed: false, remainingBudget: null });
    const free = await gate({ entityRef: 'component:default/no-annotation' });
    expect(free.body.allowed).toBe(true);
    const bad = await gate({
      entityRef: 'component:default/checkout',
      minRemainingBudget: 'NaN',
    });
    expect(bad.status).toBe(400);
    const newline = await gate({ entityRef: 'component:default/check\nout' });
    expect(newline.status).toBe(400);
  });

  // Bad input tried: a caller asking for less budget (0) than
  // slo.gate.minRemainingBudget.
  it('never lets a caller lower the configured gate threshold', async () => {
    const { server } = await startBackend({}, [], false, {
      gate: { minRemainingBudget: 1 },
    });
    const res = await withClock(() =>
      request(server)
        .post('/api/slo/gate')
        .set('authorization', mockCredentials.user.header())
        .send({
          entityRef: 'component:default/payments',
          minRemainingBudget: 0,
        }),
    );
    expect(res.status).toBe(200);
    expect(res.body.allowed).toBe(false);
    expect(res.body.reason).toMatch(/needs at least 100\.0%/);
  });

  it('names an OpenSLO file on the backend disk by its annotation, never by its server path', async () => {
    const { server } = await startBackend();
    const res = await request(server)
      .get('/api/slo/entities/component/default/on-disk/slos')
      .set('authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body.sourceUrl).toBeNull();
    expect(res.body.problem.code).toBe('unreadable-openslo');
    expect(res.body.problem.message).toMatch(
      /^could not read \.\/slo\/service\.yaml: /,
    );
    expect(JSON.stringify(res.body)).not.toContain('/srv/secret-checkout');
  });

  it('labels the demo source as demo data', async () => {
    const { server } = await startBackend({ slo: { demo: true } });
    const res = await request(server)
      .get('/api/slo/entities/component/default/checkout/slos')
      .set('authorization', mockCredentials.user.header());
    expect(res.body.demo).toBe(true);
    expect(res.body.slos[0]).toMatchObject({
      state: 'ok',
      metricsSource: 'demo',
    });
    const gate = await request(server)
      .post('/api/slo/gate')
      .set('authorization', mockCredentials.user.header())
      .send({ entityRef: 'component:default/checkout' });
    expect(gate.body.reason).toContain('(demo data)');
  });

  it('requires credentials, and lets the gate through only with the right token', async () => {
    const { server } = await startBackend(
      {
        backend: {
          reading: { allow: [{ host: new URL(urlOf(files$)).host }] },
          auth: {
            externalAccess: [
              {
                type: 'static',
                options: { token: 'pipeline-token-1234', subject: 'ci' },
                accessRestrictions: [{ plugin: 'slo' }],
              },
              {
                type: 'static',
                options: { token: 'catalog-only-token', subject: 'other' },
                accessRestrictions: [{ plugin: 'catalog' }],
              },
            ],
          },
        },
      },
      [authServiceFactory, httpAuthServiceFactory],
    );
    const body = { entityRef: 'component:default/payments' };
    const right = await withClock(() =>
      request(server)
        .post('/api/slo/gate')
        .set('authorization', 'Bearer pipeline-token-1234')
        .send(body),
    );
    expect(right.status).toBe(200);
    expect(typeof right.body.allowed).toBe('boolean');
    const wrong = await request(server)
      .post('/api/slo/gate')
      .set('authorization', 'Bearer not-the-token-99')
      .send(body);
    expect(wrong.status).toBe(401);
    const otherPlugin = await request(server)
      .post('/api/slo/gate')
      .set('authorization', 'Bearer catalog-only-token')
      .send(body);
    // Authenticated, but restricted to another plugin.
    expect(otherPlugin.status).toBe(403);
    const none = await request(server).post('/api/slo/gate').send(body);
    expect(none.status).toBe(401);
    const noneRead = await request(server).get(
      '/api/slo/entities/component/default/checkout/slos',
    );
    expect(noneRead.status).toBe(401);
    // The health route is open, for load balancers.
    expect((await request(server).get('/api/slo/health')).status).toBe(200);
  });

  it('reads through the generated recording rules what the raw queries and the data give at their evaluation time', async () => {
    const slos = [
      ...parseOpenSlo(files['checkout.yaml'], 'checkout.yaml'),
      ...parseOpenSlo(files['payments.yaml'], 'payments.yaml'),
    ];
    const [checkoutSlo] = slos;
    // Evaluated by Prometheus's own rule engine (promtool) over the last 30 minutes of data.
    await prometheus.loadRules(
      renderYaml(generatePrometheusRules(slos)),
      prometheus.endMs - 30 * 60000,
    );
    const instant = async (query: string, timeMs: number) => {
      const body = await fetch(
        `${prometheus.url}/api/v1/query?${new URLSearchParams({
          query,
          time: String(timeMs / 1000),
        })}`,
      ).then(r => r.json());
      expect(body.status).toBe('success');
      return body.data.result as Array<{
        metric: Record<string, string>;
        value: [number, string];
      }>;
    };
    const read = async (useRecordingRules: boolean, entity: string) => {
      const { server } = await startBackend({}, [], useRecordingRules);
      const res = await withClock(() =>
        request(server)
          .get(`/api/slo/entities/component/default/${entity}/slos`)
          .set('authorization', mockCredentials.user.header()),
      );
      expect(res.status).toBe(200);
      return res.body.slos[0];
    };

    const raw = await read(false, 'checkout');
    const recorded = await read(true, 'checkout');
    expect(raw.usedRecordingRules).toBe(false);
    expect(recorded.usedRecordingRules).toBe(true);
    // Every window of the rolling SLO is recorded: one instant query and the history.
    expect(recorded.queries).toBe(2);

    const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
    const windows = [
      ['5m', 5],
      ['30m', 30],
      ['1h', 60],
      ['6h', 360],
      ['3d', 3 * DAY],
      ['30d', 30 * DAY],
    ] as const;
    for (const [window, minutes] of windows) {
      const figures = recorded.windows.find((w: any) => w.window === window);
      // The recorded sample the backend read, and when Prometheus evaluated it.
      const [errorsSample] = await instant(
        `timestamp(opsdeck_slo:sli_errors:increase{opsdeck_slo="checkout-availability", slo_window="${window}"})`,
        prometheus.endMs,
      );
      const evaluatedMs = Math.round(Number(errorsSample.value[1]) * 1000);
      // A rule group evaluates at its own offset: at most one interval (1m, or 5m for long windows) before the query.
      const interval = minutes > 360 ? 5 : 1;
      expect(prometheus.endMs - evaluatedMs).toBeGreaterThanOrEqual(0);
      expect(prometheus.endMs - evaluatedMs).toBeLessThan(interval * 60000);

      // The raw queries, run at that time, give the same counts...
      const [rawErrors] = await instant(
        errorsExpression(checkoutSlo, minutes * 60),
        evaluatedMs,
      );
      const [rawTotal] = await instant(
        totalExpression(checkoutSlo, minutes * 60),
        evaluatedMs,
      );
      expect(figures.errors).toBe(Number(rawErrors.value[1]));
      expect(figures.total).toBe(Number(rawTotal.value[1]));

      // ...and so does the generated data, through increase()'s extrapolation.
      const start = prometheus.endMs - MINUTES * 60000;
      const good = modelIncrease(
        i => 1000 - checkoutErrors(i),
        start,
        evaluatedMs,
        minutes * 60,
      );
      const bad = modelIncrease(
        checkoutErrors,
        start,
        evaluatedMs,
        minutes * 60,
      );
      expect(relative(figures.total, good + bad)).toBeLessThan(1e-9);
      expect(relative(figures.errors, bad)).toBeLessThan(1e-6);
      expect(figures.burnRate).toBeCloseTo(
        figures.errors / figures.total / 0.001,
        9,
      );
      // Within one interval of the raw figures at the query time.
      const rawFigures = raw.windows.find((w: any) => w.window === window);
      expect(relative(figures.total, rawFigures.total)).toBeLessThan(
        (interval * 60) / (minutes * 60) + 1e-9,
      );
    }
    // The last 70 minutes burn at 60 either way: both read the same alert state.
    expect(recorded.burnRate.status).toBe(raw.burnRate.status);
    expect(recorded.burnRate.pairs.map((p: any) => p.state)).toEqual(
      raw.burnRate.pairs.map((p: any) => p.state),
    );

    // A calendar month is not recorded: the recorded query serves the alert
    // windows, one raw query the month so far, which matches the raw path.
    const rawPayments = await read(false, 'payments');
    const recordedPayments = await read(true, 'payments');
    expect(recordedPayments.usedRecordingRules).toBe(true);
    expect(recordedPayments.queries).toBe(3);
    expect(recordedPayments.attainment).toBe(rawPayments.attainment);
    expect(recordedPayments.budget).toEqual(rawPayments.budget);
  });
});
