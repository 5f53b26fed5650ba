import { ServiceUnavailableError } from '@backstage/errors';
import { z } from 'zod';
import { PagerDutyHttp } from './PagerDutyHttp';
import {
  PagerDutyEscalationRule,
  PagerDutyIncident,
  PagerDutyLogEntry,
  PagerDutyOnCallEntry,
  PagerDutyService,
  escalationPolicyResponseSchema,
  incidentResponseSchema,
  incidentsPageSchema,
  logEntriesPageSchema,
  onCallsPageSchema,
  serviceResponseSchema,
} from './schemas';

const PAGE_SIZE = 100;
/** More pages than this is not an answer a card can use. */
const MAX_PAGES = 50;

/**
 * PagerDuty REST API v2: services, escalation policies, on-calls and
 * incidents, with `offset`/`more` pagination.
 */
export class PagerDutyRestClient {
  constructor(
    private readonly http: PagerDutyHttp,
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  /** The service with its escalation policy (rules included when PagerDuty expands them). */
  async getService(serviceId: string): Promise<PagerDutyService> {
    const body = await this.get(
      `/services/${encodeURIComponent(serviceId)}`,
      [['include[]', 'escalation_policies']],
      { what: 'GET /services/{id}', notFound: `service ${serviceId}` },
    );
    return this.parse(serviceResponseSchema, body, 'GET /services/{id}')
      .service;
  }

  async getEscalationRules(
    policyId: string,
  ): Promise<PagerDutyEscalationRule[]> {
    const body = await this.get(
      `/escalation_policies/${encodeURIComponent(policyId)}`,
      [],
      {
        what: 'GET /escalation_policies/{id}',
        notFound: `escalation policy ${policyId}`,
      },
    );
    return this.parse(
      escalationPolicyResponseSchema,
      body,
      'GET /escalation_policies/{id}',
    ).escalation_policy.escalation_rules;
  }

  /** Every on-call entry of an escalation policy overlapping [since, until). */
  async listOnCalls(
    escalationPolicyId: string,
    since: Date,
    until: Date,
  ): Promise<PagerDutyOnCallEntry[]> {
    return this.paged(
      '/oncalls',
      [
        ['escalation_policy_ids[]', escalationPolicyId],
        ['include[]', 'users'],
        ['since', since.toISOString()],
        ['until', until.toISOString()],
        ['time_zone', 'UTC'],
      ],
      page => this.parse(onCallsPageSchema, page, 'GET /oncalls'),
      page => page.oncalls,
    );
  }

  /** Triggered and acknowledged incidents of a service. */
  async listOpenIncidents(serviceId: string): Promise<PagerDutyIncident[]> {
    return this.paged(
      '/incidents',
      [
        ['service_ids[]', serviceId],
        ['statuses[]', 'triggered'],
        ['statuses[]', 'acknowledged'],
        ['sort_by', 'created_at:desc'],
        ['time_zone', 'UTC'],
      ],
      page => this.parse(incidentsPageSchema, page, 'GET /incidents'),
      page => page.incidents,
    );
  }

  /** One incident, any status. */
  async getIncident(incidentId: string): Promise<PagerDutyIncident> {
    const body = await this.get(
      `/incidents/${encodeURIComponent(incidentId)}`,
      [],
      { what: 'GET /incidents/{id}', notFound: `incident ${incidentId}` },
    );
    return this.parse(incidentResponseSchema, body, 'GET /incidents/{id}')
      .incident;
  }

  /** The log entries of an incident, oldest first. */
  async listLogEntries(incidentId: string): Promise<PagerDutyLogEntry[]> {
    const path = `/incidents/${encodeURIComponent(incidentId)}/log_entries`;
    const entries = await this.paged(
      path,
      [
        ['is_overview', 'false'],
        ['time_zone', 'UTC'],
      ],
      page =>
        this.parse(
          logEntriesPageSchema,
          page,
          'GET /incidents/{id}/log_entries',
        ),
      page => page.log_entries,
      {
        what: 'GET /incidents/{id}/log_entries',
        notFound: `incident ${incidentId}`,
      },
    );
    return entries.sort(
      (a, b) => Date.parse(a.created_at) - Date.parse(b.created_at),
    );
  }

  /**
   * Acknowledges or resolves an incident (`PUT /incidents/{id}`) on behalf
   * of the PagerDuty user with the `From` email.
   */
  async updateIncidentStatus(
    incidentId: string,
    update: {
      status: 'acknowledged' | 'resolved';
      from: string;
      resolution?: string;
    },
  ): Promise<PagerDutyIncident> {
    const body = await this.http.request({
      method: 'PUT',
      url: `${this.baseUrl}/incidents/${encodeURIComponent(incidentId)}`,
      what: 'PUT /incidents/{id}',
      notFound: `incident ${incidentId}`,
      headers: { ...this.headers(), From: update.from },
      body: {
        incident: {
          type: 'incident_reference',
          status: update.status,
          ...(update.resolution ? { resolution: update.resolution } : {}),
        },
      },
    });
    return this.parse(incidentResponseSchema, body, 'PUT /incidents/{id}')
      .incident;
  }

  private async paged<P extends { more?: boolean | null }, T>(
    path: string,
    query: Array<[string, string]>,
    parse: (page: unknown) => P,
    items: (page: P) => T[],
    labels: { what: string; notFound?: string } = { what: `GET ${path}` },
  ): Promise<T[]> {
    const result: T[] = [];
    for (let pageIndex = 0; pageIndex < MAX_PAGES; pageIndex++) {
      const page = parse(
        await this.get(
          path,
          [
            ...query,
            ['limit', String(PAGE_SIZE)],
            ['offset', String(pageIndex * PAGE_SIZE)],
          ],
          labels,
        ),
      );
      const pageItems = items(page);
      result.push(...pageItems);
      if (!page.more || pageItems.length === 0) return result;
    }
    throw new ServiceUnavailableError(
      `PagerDuty ${labels.what} has more than ${
        MAX_PAGES * PAGE_SIZE
      } entries; narrow the query`,
    );
  }

  private get(
    path: string,
    query: Array<[string, string]>,
    labels: { what: string; notFound?: string },
  ): Promise<unknown> {
    const search = new URLSearchParams(query).toString();
    return this.http.request({
      method: 'GET',
      url: `${this.baseUrl}${path}${search ? `?${search}` : ''}`,
      ...labels,
      headers: this.headers(),
    });
  }

  private headers(): Record<string, string> {
    return {
      Accept: 'application/vnd.pagerduty+json;version=2',
      Authorization: `Token token=${this.token}`,
    };
  }

  private parse<T extends z.ZodType>(
    schema: T,
    body: unknown,
    what: string,
  ): z.output<T> {
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ServiceUnavailableError(
        `PagerDuty answered ${what} in an unexpected shape: ${
          issue?.path.join('.') || '(root)'
        }: ${issue?.message}`,
      );
    }
    return parsed.data;
  }
}
