import { MockFetchApi, registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { DeploymentsClient } from './DeploymentsClient';

const server = setupServer();

describe('DeploymentsClient', () => {
  registerMswTestHooks(server);
  const baseUrl = 'http://backend.test/api/deployments';
  const client = new DeploymentsClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: new MockFetchApi(),
  });

  it('sends only the entity ref and encodes it', async () => {
    let seen: URL | undefined;
    server.use(
      http.get(`${baseUrl}/history`, ({ request }) => {
        seen = new URL(request.url);
        return HttpResponse.json({ items: [], totalCount: 0 });
      }),
    );
    await client.getHistory('component:default/a&b=c', {
      environment: 'production',
      status: undefined,
      limit: 20,
    });
    expect(seen?.searchParams.get('entityRef')).toBe('component:default/a&b=c');
    expect(seen?.searchParams.get('environment')).toBe('production');
    expect(seen?.searchParams.has('status')).toBe(false);
    expect(seen?.searchParams.get('limit')).toBe('20');
  });

  it('throws a ResponseError carrying the backend message', async () => {
    server.use(
      http.get(`${baseUrl}/summary`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotFoundError', message: 'No catalog entity "x"' },
            request: { method: 'GET', url: '/summary' },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    await expect(
      client.getSummary('component:default/x'),
    ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 404 });
  });

  it('posts rollbacks as JSON', async () => {
    let body: unknown;
    server.use(
      http.post(`${baseUrl}/rollback`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ rolledBackVersion: '2.0.0' });
      }),
    );
    await client.rollback('component:default/a', 'production');
    expect(body).toEqual({
      entityRef: 'component:default/a',
      environment: 'production',
    });
  });
});
