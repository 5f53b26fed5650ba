import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  CreateOverrideRequest,
  Incident,
  IncidentDetail,
  IncidentListResponse,
  IncidentStatus,
  OnCallResponse,
  TriggerIncidentRequest,
} from '@opsdeck/plugin-oncall-common';
import { OnCallApi } from './OnCallApi';

/** {@link OnCallApi} over HTTP. @public */
export class OnCallClient implements OnCallApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getOnCall(entityRef: string): Promise<OnCallResponse> {
    return this.request(`/oncall?${new URLSearchParams({ entityRef })}`);
  }

  async listIncidents(options: {
    entityRef: string;
    status?: IncidentStatus[];
  }): Promise<IncidentListResponse> {
    const query = new URLSearchParams({ entityRef: options.entityRef });
    if (options.status?.length) query.set('status', options.status.join(','));
    const body = await this.request<Partial<IncidentListResponse>>(
      `/incidents?${query}`,
    );
    return { items: body.items ?? [], errors: body.errors ?? [] };
  }

  getIncident(id: string): Promise<IncidentDetail> {
    return this.request(`/incidents/${encodeURIComponent(id)}`);
  }

  triggerIncident(request: TriggerIncidentRequest): Promise<Incident> {
    return this.request('/incidents', { method: 'POST', body: request });
  }

  acknowledgeIncident(id: string): Promise<IncidentDetail> {
    return this.request(`/incidents/${encodeURIComponent(id)}/acknowledge`, {
      method: 'POST',
      body: {},
    });
  }

  resolveIncident(id: string, text?: string): Promise<IncidentDetail> {
    return this.request(`/incidents/${encodeURIComponent(id)}/resolve`, {
      method: 'POST',
      body: text ? { text } : {},
    });
  }

  addIncidentNote(id: string, text: string): Promise<IncidentDetail> {
    return this.request(`/incidents/${encodeURIComponent(id)}/notes`, {
      method: 'POST',
      body: { text },
    });
  }

  createOverride(request: CreateOverrideRequest): Promise<{ id: string }> {
    return this.request('/overrides', { method: 'POST', body: request });
  }

  private async request<T>(
    path: string,
    init?: { method: string; body: unknown },
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('oncall');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      method: init?.method ?? 'GET',
      ...(init
        ? {
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(init.body),
          }
        : {}),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
