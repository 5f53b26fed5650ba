import { LoggerService } from '@backstage/backend-plugin-api';
import { SloMetricsError } from '@opsdeck/plugin-slo-node';
import { PrometheusInstanceConfig } from '../config';

/** One series of a Prometheus vector or matrix result. */
export interface PrometheusSeries {
  metric: Record<string, string>;
  /** Instant queries: one sample; range queries: all of them. */
  values: Array<[number, number]>;
}

/**
 * Talks to one Prometheus instance's HTTP API, with a timeout, and turns
 * every failure into a {@link SloMetricsError} that says what happened.
 */
export class PrometheusClient {
  private constructor(
    private readonly instance: PrometheusInstanceConfig,
    private readonly logger: LoggerService,
  ) {}

  static create(instance: PrometheusInstanceConfig, logger: LoggerService) {
    return new PrometheusClient(instance, logger);
  }

  get name(): string {
    return this.instance.name;
  }

  async query(query: string, atMs: number): Promise<PrometheusSeries[]> {
    return this.call('/api/v1/query', { query, time: String(atMs / 1000) });
  }

  async queryRange(
    query: string,
    startMs: number,
    endMs: number,
    stepSeconds: number,
  ) {
    return this.call('/api/v1/query_range', {
      query,
      start: String(startMs / 1000),
      end: String(endMs / 1000),
      step: String(stepSeconds),
    });
  }

  private rethrowTimeout(error: any) {
    if (error?.name === 'TimeoutError' || error?.name === 'AbortError') {
      throw new SloMetricsError(
        'metrics-timeout',
        `${this.describe()} did not answer within ${
          this.instance.timeoutMs
        } ms`,
      );
    }
  }

  private describe(): string {
    return `Prometheus instance '${this.instance.name}' (${this.instance.baseUrl})`;
  }

  private async call(
    path: string,
    params: Record<string, string>,
  ): Promise<PrometheusSeries[]> {
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    if (this.instance.authHeader) {
      headers.authorization = this.instance.authHeader;
    }
    let response: Response;
    try {
      response = await fetch(`${this.instance.baseUrl}${path}`, {
        method: 'POST',
        headers,
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(this.instance.timeoutMs),
      });
    } catch (error: any) {
      this.rethrowTimeout(error);
      const cause =
        error?.cause?.code ??
        error?.cause?.message ??
        error?.message ??
        String(error);
      throw new SloMetricsError(
        'metrics-unavailable',
        `${this.describe()} is unreachable: ${cause}`,
      );
    }
    let body: any;
    try {
      body = await response.json();
    } catch (error: any) {
      this.rethrowTimeout(error);
      throw new SloMetricsError(
        'metrics-error',
        `${this.describe()} answered HTTP ${
          response.status
        } with a body that is not Prometheus JSON`,
      );
    }
    if (response.status === 401 || response.status === 403) {
      this.logger.warn(
        `Prometheus instance ${this.instance.name} refused our credentials`,
        { status: response.status },
      );
      throw new SloMetricsError(
        'metrics-unavailable',
        `${this.describe()} refused the configured credentials (HTTP ${
          response.status
        }); check slo.prometheus.instances authHeader`,
      );
    }
    if (!response.ok || body?.status !== 'success') {
      const detail =
        typeof body?.error === 'string'
          ? `${body.errorType ?? 'error'}: ${body.error}`
          : `HTTP ${response.status}`;
      const code =
        response.status === 503 ? 'metrics-unavailable' : 'metrics-error';
      throw new SloMetricsError(
        code,
        `${this.describe()} answered with an error: ${detail.slice(0, 500)}`,
      );
    }
    const data = body.data;
    if (data?.resultType === 'vector') {
      return (data.result as any[]).map(item => ({
        metric: item.metric ?? {},
        values: [[Number(item.value[0]), this.number(item.value[1])]],
      }));
    }
    if (data?.resultType === 'matrix') {
      return (data.result as any[]).map(item => ({
        metric: item.metric ?? {},
        values: (item.values as any[]).map(
          ([t, v]) => [Number(t), this.number(v)] as [number, number],
        ),
      }));
    }
    if (data?.resultType === 'scalar') {
      return [
        {
          metric: {},
          values: [[Number(data.result[0]), this.number(data.result[1])]],
        },
      ];
    }
    throw new SloMetricsError(
      'metrics-error',
      `${this.describe()} returned an unexpected result type ${JSON.stringify(
        data?.resultType,
      )}`,
    );
  }

  private number(text: unknown): number {
    return typeof text === 'string' ? Number(text) : NaN;
  }
}
