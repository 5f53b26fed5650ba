import { ConfigReader } from '@backstage/config';
import { readPagerDutyConfig } from './config';

const TOKEN = 'secret-token-value';
const KEY = 'R0UT1NGKEY0123456789ABCDEFGHIJKL';

const read = (pagerduty: unknown) =>
  readPagerDutyConfig(new ConfigReader({ oncall: { pagerduty } } as any));

describe('readPagerDutyConfig', () => {
  it('is undefined without oncall.pagerduty', () => {
    expect(readPagerDutyConfig(new ConfigReader({}))).toBeUndefined();
  });

  it('fills in PagerDuty defaults', () => {
    const config = read({
      token: TOKEN,
      services: [{ serviceId: 'PSVC1', routingKey: KEY }],
    })!;
    expect(config).toEqual({
      token: TOKEN,
      apiBaseUrl: 'https://api.pagerduty.com',
      eventsBaseUrl: 'https://events.pagerduty.com',
      timeoutMs: 10_000,
      maxRetries: 2,
      maxRetryWaitSeconds: 30,
      services: [{ serviceId: 'PSVC1', routingKey: KEY }],
      routingKeys: new Map([['PSVC1', KEY]]),
    });
  });

  it('drops trailing slashes of base URLs', () => {
    expect(
      read({ token: TOKEN, apiBaseUrl: 'http://127.0.0.1:9000/' })!.apiBaseUrl,
    ).toBe('http://127.0.0.1:9000');
  });

  it.each([
    ['a missing token', {}, 'oncall.pagerduty.token'],
    [
      'an empty token',
      { token: '  ' },
      'oncall.pagerduty.token: must not be empty',
    ],
    [
      'a file: base URL',
      { token: TOKEN, apiBaseUrl: 'file:///etc/passwd' },
      'oncall.pagerduty.apiBaseUrl',
    ],
    [
      'a base URL that is no URL',
      { token: TOKEN, eventsBaseUrl: 'events' },
      'oncall.pagerduty.eventsBaseUrl',
    ],
    [
      'a timeout of 0',
      { token: TOKEN, timeoutMs: 0 },
      'oncall.pagerduty.timeoutMs',
    ],
    [
      '100 retries',
      { token: TOKEN, maxRetries: 100 },
      'oncall.pagerduty.maxRetries',
    ],
    [
      'a service id with a slash',
      { token: TOKEN, services: [{ serviceId: 'P/1', routingKey: KEY }] },
      'oncall.pagerduty.services.0.serviceId: must be a PagerDuty id',
    ],
    [
      'a short routing key',
      { token: TOKEN, services: [{ serviceId: 'P1', routingKey: 'abc' }] },
      'oncall.pagerduty.services.0.routingKey: must be an Events API v2 integration key',
    ],
    [
      'a service listed twice',
      {
        token: TOKEN,
        services: [
          { serviceId: 'P1', routingKey: KEY },
          { serviceId: 'P1', routingKey: KEY },
        ],
      },
      'service P1 appears twice',
    ],
    ['an unknown key', { token: TOKEN, apiToken: TOKEN }, 'apiToken'],
  ])('rejects %s, naming the key and never a secret', (_, value, message) => {
    let error: Error | undefined;
    try {
      read(value);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.name).toBe('InputError');
    expect(error?.message).toContain(message);
    expect(error?.message).not.toContain(TOKEN);
    expect(error?.message).not.toContain(KEY);
  });
});
