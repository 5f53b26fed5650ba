import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { Entity } from '@backstage/catalog-model';
import type { DeploymentEvent } from '@opsdeck/plugin-deployments-common';
import { ArgoCdClient } from '../client/ArgoCdClient';
import { ArgoCdDeploymentsProvider } from './ArgoCdDeploymentsProvider';

const TOKEN = 'argocd-test-token';
const REV1 = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const REV2 = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

type Handler = (
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
) => void;

/** A local server answering like Argo CD's /api/v1/applications API. */
async function argoCd(
  handler: Handler,
): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => handler(req, res, body));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}` };
}

function json(res: ServerResponse, status: number, value: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(value));
}

const application = {
  metadata: { name: 'checkout' },
  status: {
    sync: { status: 'Synced', revision: REV2 },
    health: { status: 'Healthy' },
    history: [
      { id: 1, revision: REV1, deployedAt: '2026-03-01T10:00:00Z' },
      { id: 2, revision: REV2, deployedAt: '2026-03-02T10:00:00Z' },
    ],
  },
};

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout-service',
    annotations: { 'argocd/app-name': 'checkout' },
  },
};

/** A provider connected to a sink that keeps what it receives. */
async function connected(url: string) {
  const received: DeploymentEvent[] = [];
  const argo = provider(url);
  await argo.connect({
    ingest: async events => {
      received.push(...events);
      return { accepted: events.length, duplicates: 0 };
    },
  });
  return { argo, received };
}

function provider(url: string) {
  return ArgoCdDeploymentsProvider.create([
    ArgoCdClient.create({
      name: 'main',
      url,
      token: TOKEN,
      environment: 'production',
    }),
  ]);
}

describe('ArgoCdDeploymentsProvider against a local Argo CD', () => {
  const servers: Server[] = [];
  afterEach(() => servers.splice(0).forEach(s => s.close()));
  async function start(handler: Handler) {
    const started = await argoCd(handler);
    servers.push(started.server);
    return started.url;
  }

  it('rolls back to the previous history entry', async () => {
    const calls: string[] = [];
    const url = await start((req, res, body) => {
      calls.push(
        `${req.method} ${req.url} ${req.headers.authorization} ${body}`,
      );
      if (req.method === 'GET' && req.url === '/api/v1/applications/checkout') {
        json(res, 200, application);
      } else if (
        req.method === 'POST' &&
        req.url === '/api/v1/applications/checkout/rollback'
      ) {
        json(res, 200, application);
      } else {
        json(res, 404, { error: 'not found' });
      }
    });
    const result = await provider(url).rollback({
      entity,
      environment: 'production',
      currentVersion: REV2.slice(0, 12),
    });
    expect(result.message).toContain('history 1');
    expect(calls).toEqual([
      `GET /api/v1/applications/checkout Bearer ${TOKEN} `,
      `POST /api/v1/applications/checkout/rollback Bearer ${TOKEN} {"id":1}`,
    ]);
  });

  it('reads the history into deployment events', async () => {
    const url = await start((_req, res) => json(res, 200, application));
    const { argo, received } = await connected(url);
    expect(await argo.syncEntity(entity)).toBe(2);
    expect(received.map(e => [e.eventId, e.commitSha, e.timestamp])).toEqual([
      ['argocd:main:checkout:1', REV1, '2026-03-01T10:00:00.000Z'],
      ['argocd:main:checkout:2', REV2, '2026-03-02T10:00:00.000Z'],
    ]);
    expect(received[0].entityRef).toBe('component:default/checkout-service');
  });

  it.each([
    [
      401,
      'rejected the configured token (HTTP 401)',
      'ServiceUnavailableError',
    ],
    [
      403,
      'rejected the configured token (HTTP 403)',
      'ServiceUnavailableError',
    ],
    [404, 'has no application "checkout"', 'NotFoundError'],
    [500, 'answered HTTP 500', 'ServiceUnavailableError'],
    [503, 'answered HTTP 503', 'ServiceUnavailableError'],
  ])('maps HTTP %p to a precise error', async (status, message, name) => {
    const url = await start((_req, res) => json(res, status, { error: 'x' }));
    await expect(
      provider(url).rollback({
        entity,
        environment: 'production',
        currentVersion: 'x',
      }),
    ).rejects.toMatchObject({
      name,
      message: expect.stringContaining(message),
    });
  });

  it('reports garbage and wrong shapes', async () => {
    const garbage = await start((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('<html>proxy error</html>');
    });
    await expect(provider(garbage).syncEntity(entity)).resolves.toBe(0);
    const argo = provider(garbage);
    await argo.connect({
      ingest: async () => ({ accepted: 0, duplicates: 0 }),
    });
    await expect(argo.syncEntity(entity)).rejects.toThrow('not JSON');

    const wrongShape = await start((_req, res) =>
      json(res, 200, { metadata: { name: 1 }, status: { history: 'no' } }),
    );
    await expect(
      provider(wrongShape).rollback({
        entity,
        environment: 'production',
        currentVersion: 'x',
      }),
    ).rejects.toThrow('unexpected application shape');
  });

  it('reports an unreachable instance and a missing earlier revision', async () => {
    const closed = await start(() => undefined);
    servers[0].close();
    servers.length = 0;
    await expect(
      provider(closed).rollback({
        entity,
        environment: 'production',
        currentVersion: 'x',
      }),
    ).rejects.toThrow('is unreachable');

    const single = await start((_req, res) =>
      json(res, 200, {
        ...application,
        status: { history: [application.status.history[0]] },
      }),
    );
    await expect(
      provider(single).rollback({
        entity,
        environment: 'production',
        currentVersion: 'x',
      }),
    ).rejects.toMatchObject({ name: 'ConflictError' });
  });

  it('handles only entities with argocd/app-name and a known instance', async () => {
    const argo = provider('http://127.0.0.1:1');
    expect(argo.handles(entity)).toBe(true);
    expect(argo.handles({ ...entity, metadata: { name: 'x' } })).toBe(false);
    await expect(
      argo.rollback({
        entity: {
          ...entity,
          metadata: {
            name: 'y',
            annotations: {
              'argocd/app-name': 'y',
              'argocd/instance-name': 'other',
            },
          },
        },
        environment: 'production',
        currentVersion: 'x',
      }),
    ).rejects.toThrow('No Argo CD instance named "other"');
  });

  it('follows an Argo Rollouts canary through the resource tree', async () => {
    const rollout = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: { name: 'checkout', namespace: 'shop' },
      spec: {
        strategy: {
          canary: {
            steps: [
              { setWeight: 20 },
              { pause: {} },
              { setWeight: 50 },
              { pause: { duration: '10m' } },
            ],
          },
        },
      },
      status: {
        phase: 'Paused',
        currentPodHash: '6d4b9c7f8',
        stableRS: '5c8d7b6a4',
        currentStepIndex: 1,
      } as Record<string, unknown>,
    };
    const paths: string[] = [];
    const url = await start((req, res) => {
      paths.push(req.url ?? '');
      const path = req.url ?? '';
      if (path === '/api/v1/applications/checkout') {
        json(res, 200, application);
      } else if (path === '/api/v1/applications/checkout/resource-tree') {
        json(res, 200, {
          nodes: [
            { group: 'apps', kind: 'ReplicaSet', name: 'checkout-6d4b9c7f8' },
            {
              group: 'argoproj.io',
              kind: 'Rollout',
              name: 'checkout',
              namespace: 'shop',
              version: 'v1alpha1',
            },
          ],
        });
      } else if (path.startsWith('/api/v1/applications/checkout/resource?')) {
        json(res, 200, { manifest: JSON.stringify(rollout) });
      } else {
        json(res, 404, { error: 'not found' });
      }
    });
    const { argo, received } = await connected(url);
    const rolloutEvents = () =>
      received
        .filter(e => e.eventId.includes(':rollout:'))
        .map(e => [e.eventId, e.status, e.strategy, e.step, e.trafficWeight]);

    await argo.syncEntity(entity);
    expect(paths).toContain(
      '/api/v1/applications/checkout/resource?namespace=shop&resourceName=checkout&group=argoproj.io&kind=Rollout&version=v1alpha1',
    );
    rollout.status = {
      ...rollout.status,
      currentStepIndex: 2,
      canary: { weights: { canary: { weight: 50 } } },
    };
    await argo.syncEntity(entity);
    rollout.status = { ...rollout.status, stableRS: '6d4b9c7f8' };
    await argo.syncEntity(entity);
    const prefix = 'argocd:main:checkout:rollout:6d4b9c7f8';
    expect(rolloutEvents()).toEqual([
      [`${prefix}:step-1`, 'started', 'canary', 1, 20],
      [`${prefix}:step-2`, 'started', 'canary', 2, 50],
      [`${prefix}:stable`, 'succeeded', 'canary', undefined, undefined],
    ]);
    expect(received.find(e => e.eventId.endsWith(':stable'))).toMatchObject({
      version: REV2.slice(0, 12),
      commitSha: REV2,
      environment: 'production',
    });

    rollout.status = { ...rollout.status, stableRS: 'old', abort: true };
    received.length = 0;
    await argo.syncEntity(entity);
    expect(rolloutEvents()).toEqual([
      [`${prefix}:aborted`, 'rolled_back', 'canary', undefined, undefined],
    ]);
  });

  it('reports a Rollout it cannot read', async () => {
    const url = await start((req, res) => {
      const path = req.url ?? '';
      if (path.endsWith('/resource-tree')) {
        json(res, 200, {
          nodes: [{ group: 'argoproj.io', kind: 'Rollout', name: 'checkout' }],
        });
      } else if (path.includes('/resource?')) {
        json(res, 200, { manifest: '{"spec": "not a rollout"' });
      } else {
        json(res, 200, application);
      }
    });
    const { argo } = await connected(url);
    await expect(argo.syncEntity(entity)).rejects.toThrow(
      'unexpected Rollout shape',
    );
  });
});
