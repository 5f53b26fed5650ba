import { SloClient } from './SloClient';

describe('SloClient', () => {
  const calls: string[] = [];
  const client = (response: () => Response) =>
    new SloClient({
      discoveryApi: { getBaseUrl: async () => 'http://backend/api/slo' },
      fetchApi: {
        fetch: async (input: any) => {
          calls.push(String(input));
          return response();
        },
      },
    });

  it('sends only the entity ref, encoded', async () => {
    const body = { entityRef: 'component:default/a', slos: [] };
    const result = await client(
      () =>
        new Response(JSON.stringify(body), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
    ).getEntitySlos('component:default/a&b=c');
    expect(calls.pop()).toBe(
      'http://backend/api/slo/slos?entityRef=component%3Adefault%2Fa%26b%3Dc',
    );
    expect(result).toEqual(body);
  });

  it('throws a ResponseError carrying the backend error', async () => {
    const error = await client(
      () =>
        new Response(
          JSON.stringify({
            error: {
              name: 'NotFoundError',
              message: 'entity component:default/missing was not found',
            },
            request: { method: 'GET', url: '/api/slo/slos' },
            response: { statusCode: 404 },
          }),
          {
            status: 404,
            statusText: 'Not Found',
            headers: { 'content-type': 'application/json' },
          },
        ),
    )
      .getEntitySlos('component:default/missing')
      .catch(e => e);
    expect(error.name).toBe('ResponseError');
    expect(error.body.error).toEqual({
      name: 'NotFoundError',
      message: 'entity component:default/missing was not found',
    });
  });
});
