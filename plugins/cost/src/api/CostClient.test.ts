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
