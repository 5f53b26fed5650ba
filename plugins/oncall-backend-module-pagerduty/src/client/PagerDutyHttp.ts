import {
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';

/** How requests to PagerDuty time out and are retried. */
export interface PagerDutyHttpOptions {
  /** Timeout of one attempt, in milliseconds. */
  timeoutMs: number;
  /** Retries after HTTP 429 or 5xx. */
  maxRetries: number;
  /** A 429 asking for a longer wait fails at once. */
  maxRetryWaitSeconds: number;
  /** First back-off after a 5xx; doubles on each retry. */
  retryBaseDelayMs: number;
}

/** One request: `what` names it in errors (`GET /oncalls`). */
export interface PagerDutyRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  what: string;
  headers: Record<string, string>;
  body?: unknown;
  /** Named in the message of a 404 (`service PXXXXXX`). */
  notFound?: string;
}

const sleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));

/** The error text PagerDuty put in a body: REST `error`, Events `message`. */
function describeErrorBody(text: string): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return text.trim().slice(0, 200);
  }
  if (!body || typeof body !== 'object') return '';
  const { error, message, errors } = body as {
    error?: { message?: unknown; code?: unknown; errors?: unknown };
    message?: unknown;
    errors?: unknown;
  };
  const parts: string[] = [];
  const main = error?.message ?? message;
  if (typeof main === 'string') parts.push(main);
  if (typeof error?.code === 'number') parts.push(`code ${error.code}`);
  const details = error?.errors ?? errors;
  if (Array.isArray(details)) {
    parts.push(...details.filter((d): d is string => typeof d === 'string'));
  }
  return parts.join('; ').slice(0, 500);
}

/**
 * Seconds to wait after a 429: `Retry-After` (seconds or an HTTP date),
 * else PagerDuty's `ratelimit-reset` (seconds), else undefined.
 */
export function retryAfterSeconds(
  headers: Headers,
  now: number = Date.now(),
): number | undefined {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Number(retryAfter);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, (date - now) / 1000);
  }
  const reset = headers.get('ratelimit-reset')?.trim();
  if (reset && /^\d+(\.\d+)?$/.test(reset)) return Number(reset);
  return undefined;
}

/**
 * HTTP to PagerDuty with a timeout per attempt, bounded retries after 429
 * (waiting as PagerDuty asks) and 5xx (exponential back-off), JSON bodies,
 * and every failure turned into a precise `@backstage/errors` error that
 * never contains the token or a routing key.
 */
export class PagerDutyHttp {
  constructor(private readonly options: PagerDutyHttpOptions) {}

  async request(request: PagerDutyRequest): Promise<unknown> {
    const { maxRetries, maxRetryWaitSeconds, retryBaseDelayMs } = this.options;
    for (let attempt = 1; ; attempt++) {
      const response = await this.attempt(request);
      const attempts = `${attempt} attempt${attempt === 1 ? '' : 's'}`;
      if (response.status === 429) {
        const wait = retryAfterSeconds(response.headers);
        const waitText =
          wait === undefined ? '' : `; PagerDuty asks to wait ${wait} s`;
        if (wait !== undefined && wait > maxRetryWaitSeconds) {
          throw new ServiceUnavailableError(
            `PagerDuty rate limit reached for ${request.what} (HTTP 429)${waitText}, longer than the configured maximum of ${maxRetryWaitSeconds} s`,
          );
        }
        if (attempt > maxRetries) {
          throw new ServiceUnavailableError(
            `PagerDuty rate limit reached for ${request.what} (HTTP 429), still limited after ${attempts}${waitText}`,
          );
        }
        await sleep(
          wait !== undefined
            ? wait * 1000
            : retryBaseDelayMs * 2 ** (attempt - 1),
        );
        continue;
      }
      if (response.status >= 500) {
        if (attempt > maxRetries) {
          const detail = describeErrorBody(await response.text());
          throw new ServiceUnavailableError(
            `PagerDuty answered HTTP ${response.status} for ${
              request.what
            } after ${attempts}${detail ? `: ${detail}` : ''}`,
          );
        }
        await response.body?.cancel();
        await sleep(retryBaseDelayMs * 2 ** (attempt - 1));
        continue;
      }
      return this.read(request, response);
    }
  }

  private async attempt(request: PagerDutyRequest): Promise<Response> {
    const { timeoutMs } = this.options;
    try {
      return await fetch(request.url, {
        method: request.method,
        headers: {
          ...request.headers,
          ...(request.body !== undefined
            ? { 'Content-Type': 'application/json' }
            : {}),
        },
        body:
          request.body !== undefined ? JSON.stringify(request.body) : undefined,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new ServiceUnavailableError(
          `PagerDuty did not answer ${request.what} within ${timeoutMs} ms`,
        );
      }
      const cause = (error as { cause?: { code?: string; message?: string } })
        .cause;
      throw new ServiceUnavailableError(
        `PagerDuty could not be reached for ${request.what}: ${
          cause?.code ?? cause?.message ?? (error as Error).message
        }`,
      );
    }
  }

  private async read(
    request: PagerDutyRequest,
    response: Response,
  ): Promise<unknown> {
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      const name = (error as Error).name;
      throw new ServiceUnavailableError(
        name === 'TimeoutError' || name === 'AbortError'
          ? `PagerDuty did not finish answering ${request.what} within ${this.options.timeoutMs} ms`
          : `PagerDuty's answer to ${request.what} broke off: ${
              (error as Error).message
            }`,
      );
    }
    const status = response.status;
    if (!response.ok) {
      const detail = describeErrorBody(text);
      const suffix = detail ? `: ${detail}` : '';
      if (status === 401) {
        throw new ServiceUnavailableError(
          `PagerDuty rejected the configured API token for ${request.what} (HTTP 401)${suffix}; check oncall.pagerduty.token`,
        );
      }
      if (status === 403) {
        throw new ServiceUnavailableError(
          `PagerDuty refused ${request.what} (HTTP 403): the configured API token lacks the access or scope it needs${suffix}`,
        );
      }
      if (status === 404) {
        throw new NotFoundError(
          `PagerDuty has no ${
            request.notFound ?? 'such resource'
          } (HTTP 404 for ${request.what})${suffix}`,
        );
      }
      if (status === 400) {
        throw new InputError(
          `PagerDuty rejected ${request.what} (HTTP 400)${suffix}`,
        );
      }
      throw new ServiceUnavailableError(
        `PagerDuty answered HTTP ${status} for ${request.what}${suffix}`,
      );
    }
    if (text.trim() === '') return {};
    try {
      return JSON.parse(text);
    } catch {
      throw new ServiceUnavailableError(
        `PagerDuty answered ${
          request.what
        } with something that is not JSON (HTTP ${status}, ${
          response.headers.get('content-type') ?? 'no content type'
        })`,
      );
    }
  }
}
