/**
 * @jest-environment node
 */
import { ResponseError } from '@backstage/errors';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { OnCallClient } from './OnCallClient';

describe('OnCallClient', () => {
  let server: http.Server;
  let baseUrl: string;
  const seen: Array<{ method?: string; url?: string; body: string }> = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', chunk => (body += chunk));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, body });
        if (req.url?.startsWith('/api/oncall/incidents/missing')) {
          res.writeHead(404, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              error: {
                name: 'NotFoundError',
                message: 'Incident missing not found',
              },
              response: { statusCode: 404 },
            }),
          );
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify(
            req.url?.startsWith('/api/oncall/incidents?')
              ? { items: [{ id: '1' }] }
              : { ok: true },
          ),
        );
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/oncall`;
  });

  afterAll(() => new Promise(resolve => server.close(resolve)));
  beforeEach(() => {
    seen.length = 0;
  });

  const client = () =>
    new OnCallClient({
      discoveryApi: { getBaseUrl: async () => baseUrl },
      fetchApi: { fetch: (input, init) => fetch(input, init) },
    });

  it('sends only the entity ref, encoded', async () => {
    await client().getOnCall('component:default/a&b=c');
    expect(seen[0].url).toBe(
      '/api/oncall/oncall?entityRef=component%3Adefault%2Fa%26b%3Dc',
    );
  });

  it('lists incidents with a status filter', async () => {
    expect(
      await client().listIncidents({
        entityRef: 'component:default/x',
        status: ['triggered', 'acknowledged'],
      }),
    ).toEqual({ items: [{ id: '1' }], errors: [] });
    expect(seen[0].url).toBe(
      '/api/oncall/incidents?entityRef=component%3Adefault%2Fx&status=triggered%2Cacknowledged',
    );
  });

  it('posts JSON for mutations and encodes ids', async () => {
    await client().triggerIncident({
      entityRef: 'component:default/x',
      title: 'Down',
      severity: 'error',
    });
    await client().resolveIncident('a/../b', 'fixed');
    await client().createOverride({
      entityRef: 'group:default/team',
      schedule: 'primary',
      userRef: 'user:default/ada',
      start: '2026-03-10T09:00:00.000Z',
      end: '2026-03-11T09:00:00.000Z',
    });
    expect(seen.map(s => [s.method, s.url, s.body])).toEqual([
      [
        'POST',
        '/api/oncall/incidents',
        '{"entityRef":"component:default/x","title":"Down","severity":"error"}',
      ],
      ['POST', '/api/oncall/incidents/a%2F..%2Fb/resolve', '{"text":"fixed"}'],
      [
        'POST',
        '/api/oncall/overrides',
        '{"entityRef":"group:default/team","schedule":"primary","userRef":"user:default/ada","start":"2026-03-10T09:00:00.000Z","end":"2026-03-11T09:00:00.000Z"}',
      ],
    ]);
  });

  it('throws a ResponseError with the backend message', async () => {
    const error = await client()
      .getIncident('missing')
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.body.error.message).toBe('Incident missing not found');
  });
});
