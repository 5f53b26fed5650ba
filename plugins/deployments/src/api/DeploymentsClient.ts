import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  DeploymentHistoryResponse,
  DeploymentsSummaryResponse,
  DoraResponse,
  RollbackResponse,
} from '@opsdeck/plugin-deployments-common';
import type {
  DeploymentHistoryFilters,
  DeploymentsApi,
} from './DeploymentsApi';

/**
 * {@link DeploymentsApi} over HTTP.
 *
 * @public
 */
export class DeploymentsClient implements DeploymentsApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  getSummary(entityRef: string): Promise<DeploymentsSummaryResponse> {
    return this.#request('GET', '/summary', { entityRef });
  }

  getHistory(
    entityRef: string,
    filters: DeploymentHistoryFilters = {},
  ): Promise<DeploymentHistoryResponse> {
    return this.#request('GET', '/history', { entityRef, ...filters });
  }

  getDora(
    entityRef: string,
    period: { from?: string; to?: string } = {},
  ): Promise<DoraResponse> {
    return this.#request('GET', '/dora', { entityRef, ...period });
  }

  rollback(entityRef: string, environment: string): Promise<RollbackResponse> {
    return this.#request('POST', '/rollback', undefined, {
      entityRef,
      environment,
    });
  }

  async #request<T>(
    method: 'GET' | 'POST',
    path: string,
    query?: Record<string, string | number | undefined>,
    body?: unknown,
  ): Promise<T> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('deployments');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    const search = params.toString();
    const response = await this.#fetchApi.fetch(
      `${baseUrl}${path}${search ? `?${search}` : ''}`,
      body === undefined
        ? { method }
        : {
            method,
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
