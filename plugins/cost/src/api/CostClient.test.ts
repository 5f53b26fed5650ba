import { CostClient } from './CostClient';

describe('CostClient', () => {
  const discoveryApi = { getBaseUrl: async () => 'http://backstage/api/cost' };

  it('sends the entity ref and period as query parameters', async () => {
    const calls: string[] = [];
    const fetchApi = {
      fetch: async (url: any) => {
        calls.push(String(url));
        return new Response(JSON.stringify({ totals: [] }), { status: 200 });
      },
    };
    const client = new CostClient({ discoveryApi, fetchApi });
    await client.getSummary("component:default/a&b=c'", { from: '2026-01-01' });
    await client.getDaily('system:default/shop', 'region');
    await client.getHints();
    expect(calls).toEqual([
      'http://backstage/api/cost/summary?entityRef=component%3Adefault%2Fa%26b%3Dc%27&from=2026-01-01',
      'http://backstage/api/cost/daily?entityRef=system%3Adefault%2Fshop&dimension=region',
      'http://backstage/api/cost/hints?',
    ]);
  });

  it('sends account ids and product questions as encoded query parameters', async () => {
    const calls: string[] = [];
    const fetchApi = {
      fetch: async (url: any) => {
        calls.push(String(url));
        return new Response('{}', { status: 200 });
      },
    };
    const client = new CostClient({ discoveryApi, fetchApi });
    await client.getAccounts('group:default/team-a', { from: '2026-01-01' });
    await client.getAccountDaily('../subscriptions/a&b=c', 'region', {
      to: '2026-01-31',
    });
    await client.getProductInsights({
      product: 'Object Storage',
      entityRef: 'group:default/team-a',
      intervals: 'R2/P30D/2026-01-01',
    });
    await client.getProductInsights({
      product: 'compute',
      entityRef: 'group:default/team-a',
      intervals: 'R2/P3M/2026-01-01',
      account: '1234',
    });
    expect(calls).toEqual([
      'http://backstage/api/cost/accounts?entityRef=group%3Adefault%2Fteam-a&from=2026-01-01',
      'http://backstage/api/cost/accounts/daily?account=..%2Fsubscriptions%2Fa%26b%3Dc&dimension=region&to=2026-01-31',
      'http://backstage/api/cost/product-insights?product=Object+Storage&entityRef=group%3Adefault%2Fteam-a&intervals=R2%2FP30D%2F2026-01-01',
      'http://backstage/api/cost/product-insights?product=compute&entityRef=group%3Adefault%2Fteam-a&intervals=R2%2FP3M%2F2026-01-01&account=1234',
    ]);
  });

  it('turns an error answer into a ResponseError with the backend message', async () => {
    const fetchApi = {
      fetch: async () =>
        new Response(
          JSON.stringify({
            error: { name: 'NotFoundError', message: 'No entity x' },
            response: { statusCode: 404 },
          }),
          { status: 404, headers: { 'Content-Type': 'application/json' } },
        ),
    };
    const client = new CostClient({ discoveryApi, fetchApi });
    await expect(
      client.getForecast('component:default/x'),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
    });
  });
});
