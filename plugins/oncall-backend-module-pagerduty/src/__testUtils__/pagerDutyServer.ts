import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';

/** A PagerDuty account as the local server knows it. */
export interface PagerDutyAccount {
  token: string;
  services: Array<{
    id: string;
    name: string;
    escalationPolicyId: string;
    routingKey: string;
  }>;
  escalationPolicies: Array<{
    id: string;
    name: string;
    rules: Array<{
      delayMinutes: number;
      targets: Array<{ id: string; type: string }>;
    }>;
  }>;
  users: Array<{ id: string; name: string; email: string }>;
  /** Final-schedule entries, as `GET /oncalls` returns them. */
  onCalls: Array<{
    escalationPolicyId: string;
    level: number;
    schedule?: { id: string; name: string };
    userId: string;
    start: string | null;
    end: string | null;
  }>;
  incidents: Array<{
    id: string;
    serviceId: string;
    title: string;
    status: 'triggered' | 'acknowledged' | 'resolved';
    urgency: 'high' | 'low';
    createdAt: string;
    priority?: string;
    /** Log entries beyond the trigger (oldest first); changes append here. */
    log?: Array<{
      type: string;
      at: string;
      agent?: string;
      summary?: string;
      channelSummary?: string;
    }>;
    resolvedAt?: string;
  }>;
  /** The token lacks a scope for these paths: 403 as PagerDuty answers it. */
  forbiddenPaths?: string[];
  /** Answers services with a policy reference even when asked to include it. */
  ignoresInclude?: boolean;
}

/** A scripted answer replacing the next request(s) to a path. */
export type Fault =
  | {
      kind: 'status';
      status: number;
      headers?: Record<string, string>;
      body?: string;
    }
  | { kind: 'garbage' }
  | { kind: 'slow'; delayMs: number };

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
  /** When the server received it (ms since the epoch). */
  receivedAt: number;
}

function json(res: ServerResponse, status: number, value: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(value));
}

function restError(
  res: ServerResponse,
  status: number,
  message: string,
  code: number,
  errors: string[] = [],
) {
  json(res, status, { error: { message, code, errors } });
}

/**
 * A local server answering like PagerDuty's REST API v2 (token auth, `include[]`,
 * `offset`/`limit`/`more` pagination, error bodies) and Events API v2
 * (`/v2/enqueue`, `/v2/change/enqueue`), with faults that can be scripted per path.
 */
export class PagerDutyServer {
  readonly requests: RecordedRequest[] = [];
  readonly events: Array<{ path: string; body: Record<string, any> }> = [];
  private readonly faults = new Map<string, Fault[]>();
  private server?: Server;
  url = '';

  constructor(private readonly account: PagerDutyAccount) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', chunk => (raw += chunk));
      req.on('end', () => {
        this.handle(req, res, raw);
      });
    });
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', resolve),
    );
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>(resolve => this.server?.close(() => resolve()));
  }

  /** The next requests to `path` get these answers, in order. */
  fail(path: string, ...faults: Fault[]) {
    this.faults.set(path, [...(this.faults.get(path) ?? []), ...faults]);
  }

  requestsTo(path: string) {
    return this.requests.filter(r => r.path === path);
  }

  private handle(req: IncomingMessage, res: ServerResponse, raw: string) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    this.requests.push({
      method: req.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      receivedAt: Date.now(),
    });
    const fault = this.faults.get(url.pathname)?.shift();
    if (fault?.kind === 'status') {
      res.writeHead(fault.status, {
        'Content-Type': 'application/json',
        ...fault.headers,
      });
      res.end(fault.body ?? '');
      return;
    }
    if (fault?.kind === 'garbage') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"oncalls": [ <html>Bad gateway');
      return;
    }
    if (fault?.kind === 'slow') {
      setTimeout(() => this.route(req, res, url, body), fault.delayMs);
      return;
    }
    this.route(req, res, url, body);
  }

  private route(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    body: unknown,
  ) {
    if (res.destroyed) return;
    const path = url.pathname;
    if (path.startsWith('/v2/')) {
      this.event(res, path, body);
      return;
    }
    if (req.headers.authorization !== `Token token=${this.account.token}`) {
      restError(res, 401, 'Unauthorized', 2006);
      return;
    }
    if (this.account.forbiddenPaths?.includes(path)) {
      restError(res, 403, 'Access Denied', 2010, [
        'The API key does not have the scope needed for this request',
      ]);
      return;
    }
    const service = path.match(/^\/services\/([^/]+)$/);
    if (service) {
      this.service(res, service[1], url.searchParams);
      return;
    }
    const policy = path.match(/^\/escalation_policies\/([^/]+)$/);
    if (policy) {
      const found = this.account.escalationPolicies.find(
        p => p.id === policy[1],
      );
      if (!found) {
        restError(res, 404, 'Not Found', 2100);
        return;
      }
      json(res, 200, { escalation_policy: this.policyJson(found, true) });
      return;
    }
    if (path === '/oncalls') {
      this.onCalls(res, url.searchParams);
      return;
    }
    if (path === '/incidents') {
      this.incidents(res, url.searchParams);
      return;
    }
    const incident = path.match(/^\/incidents\/([^/]+)(\/log_entries)?$/);
    if (incident) {
      const found = this.account.incidents.find(i => i.id === incident[1]);
      if (!found) {
        restError(res, 404, 'Not Found', 2100, ['Incident Not Found']);
      } else if (incident[2] && req.method === 'GET') {
        this.page(res, url.searchParams, 'log_entries', this.logOf(found));
      } else if (!incident[2] && req.method === 'GET') {
        json(res, 200, { incident: this.incidentJson(found) });
      } else if (!incident[2] && req.method === 'PUT') {
        this.updateIncident(req, res, found, body);
      } else {
        restError(res, 405, 'Method Not Allowed', 2000);
      }
      return;
    }
    restError(res, 404, 'Not Found', 2100);
  }

  private service(res: ServerResponse, id: string, query: URLSearchParams) {
    const found = this.account.services.find(s => s.id === id);
    if (!found) {
      restError(res, 404, 'Not Found', 2100);
      return;
    }
    const policy = this.account.escalationPolicies.find(
      p => p.id === found.escalationPolicyId,
    )!;
    const expand =
      !this.account.ignoresInclude &&
      query.getAll('include[]').includes('escalation_policies');
    json(res, 200, {
      service: {
        id: found.id,
        type: 'service',
        summary: found.name,
        name: found.name,
        status: 'active',
        html_url: `https://example.pagerduty.com/service-directory/${found.id}`,
        escalation_policy: this.policyJson(policy, expand),
      },
    });
  }

  private policyJson(
    policy: PagerDutyAccount['escalationPolicies'][number],
    full: boolean,
  ) {
    const reference = {
      id: policy.id,
      type: full ? 'escalation_policy' : 'escalation_policy_reference',
      summary: policy.name,
      html_url: `https://example.pagerduty.com/escalation_policies/${policy.id}`,
    };
    if (!full) return reference;
    return {
      ...reference,
      name: policy.name,
      num_loops: 0,
      escalation_rules: policy.rules.map((rule, i) => ({
        id: `R${policy.id}${i}`,
        escalation_delay_in_minutes: rule.delayMinutes,
        targets: rule.targets.map(t => ({ ...t, summary: t.id })),
      })),
    };
  }

  private page<T>(
    res: ServerResponse,
    query: URLSearchParams,
    key: string,
    items: T[],
  ) {
    const limit = Math.min(Number(query.get('limit') ?? 25), 100);
    const offset = Number(query.get('offset') ?? 0);
    json(res, 200, {
      [key]: items.slice(offset, offset + limit),
      limit,
      offset,
      more: offset + limit < items.length,
      total: null,
    });
  }

  private onCalls(res: ServerResponse, query: URLSearchParams) {
    const policies = query.getAll('escalation_policy_ids[]');
    const since = Date.parse(query.get('since') ?? '');
    const until = Date.parse(query.get('until') ?? '');
    if (Number.isNaN(since) || Number.isNaN(until) || until <= since) {
      restError(res, 400, 'Invalid Input Provided', 2001, [
        'since and until must be valid dates, until after since',
      ]);
      return;
    }
    const withUsers = query.getAll('include[]').includes('users');
    const entries = this.account.onCalls
      .filter(
        e => policies.length === 0 || policies.includes(e.escalationPolicyId),
      )
      .filter(
        e =>
          (e.start === null || Date.parse(e.start) < until) &&
          (e.end === null || Date.parse(e.end) > since),
      )
      .map(e => {
        const user = this.account.users.find(u => u.id === e.userId)!;
        return {
          escalation_policy: {
            id: e.escalationPolicyId,
            type: 'escalation_policy_reference',
          },
          escalation_level: e.level,
          schedule: e.schedule
            ? {
                id: e.schedule.id,
                type: 'schedule_reference',
                summary: e.schedule.name,
              }
            : null,
          user: withUsers
            ? {
                id: user.id,
                type: 'user',
                name: user.name,
                summary: user.name,
                email: user.email,
                html_url: `https://example.pagerduty.com/users/${user.id}`,
              }
            : { id: user.id, type: 'user_reference', summary: user.name },
          start: e.start,
          end: e.end,
        };
      });
    this.page(res, query, 'oncalls', entries);
  }

  private incidents(res: ServerResponse, query: URLSearchParams) {
    const services = query.getAll('service_ids[]');
    const statuses = query.getAll('statuses[]');
    const items = this.account.incidents
      .filter(i => services.length === 0 || services.includes(i.serviceId))
      .filter(i => statuses.length === 0 || statuses.includes(i.status))
      .map(i => this.incidentJson(i));
    this.page(res, query, 'incidents', items);
  }

  private incidentJson(i: PagerDutyAccount['incidents'][number]) {
    return {
      id: i.id,
      type: 'incident',
      incident_number: this.account.incidents.indexOf(i) + 1,
      title: i.title,
      description: i.title,
      status: i.status,
      urgency: i.urgency,
      created_at: i.createdAt,
      html_url: `https://example.pagerduty.com/incidents/${i.id}`,
      service: {
        id: i.serviceId,
        type: 'service_reference',
        summary: this.account.services.find(s => s.id === i.serviceId)?.name,
      },
      priority: i.priority ? { id: 'PRI', summary: i.priority } : null,
      acknowledgements:
        i.status === 'acknowledged'
          ? [
              {
                at:
                  i.log?.find(e => e.type === 'acknowledge_log_entry')?.at ??
                  i.createdAt,
                acknowledger: { id: 'PUSER', type: 'user_reference' },
              },
            ]
          : [],
      resolved_at: i.resolvedAt ?? null,
    };
  }

  private logOf(i: PagerDutyAccount['incidents'][number]) {
    const entries = [
      {
        type: 'trigger_log_entry',
        at: i.createdAt,
        summary: 'Triggered through the API.',
      },
      ...(i.log ?? []),
    ];
    // PagerDuty answers newest first
    return entries
      .map((e, n) => ({
        id: `L${i.id}${n}`,
        type: e.type,
        summary: e.summary ?? null,
        created_at: e.at,
        agent: e.agent
          ? { id: 'PAGENT', type: 'user_reference', summary: e.agent }
          : { id: 'PAPI', type: 'service_reference', summary: 'API' },
        channel: e.channelSummary
          ? { type: 'note', summary: e.channelSummary }
          : { type: 'api' },
      }))
      .reverse();
  }

  private updateIncident(
    req: IncomingMessage,
    res: ServerResponse,
    incident: PagerDutyAccount['incidents'][number],
    body: unknown,
  ) {
    const from = req.headers.from;
    const user = this.account.users.find(u => u.email === from);
    if (!user) {
      restError(res, 400, 'Invalid Input Provided', 2001, [
        'A valid user email must be given in the From header',
      ]);
      return;
    }
    const update = (body as { incident?: Record<string, unknown> } | undefined)
      ?.incident;
    if (
      !update ||
      update.type !== 'incident_reference' ||
      !['acknowledged', 'resolved'].includes(update.status as string)
    ) {
      restError(res, 400, 'Invalid Input Provided', 2001, [
        'incident.type must be incident_reference and incident.status acknowledged or resolved',
      ]);
      return;
    }
    if (incident.status === 'resolved') {
      restError(res, 400, 'Incident Already Resolved', 1001);
      return;
    }
    const at = new Date().toISOString();
    const status = update.status as 'acknowledged' | 'resolved';
    incident.status = status;
    if (status === 'resolved') incident.resolvedAt = at;
    incident.log = [
      ...(incident.log ?? []),
      {
        type:
          status === 'resolved' ? 'resolve_log_entry' : 'acknowledge_log_entry',
        at,
        agent: user.name,
        summary: `${status === 'resolved' ? 'Resolved' : 'Acknowledged'} by ${
          user.name
        }`,
        ...(typeof update.resolution === 'string'
          ? { channelSummary: update.resolution }
          : {}),
      },
    ];
    json(res, 200, { incident: this.incidentJson(incident) });
  }

  private event(res: ServerResponse, path: string, body: unknown) {
    const invalid = (errors: string[]) =>
      json(res, 400, {
        status: 'invalid event',
        message: 'Event object is invalid',
        errors,
      });
    if (!body || typeof body !== 'object') {
      invalid(['Event body must be a JSON object']);
      return;
    }
    const event = body as Record<string, any>;
    const known = this.account.services.some(
      s => s.routingKey === event.routing_key,
    );
    if (typeof event.routing_key !== 'string' || !known) {
      invalid(["'routing_key' is invalid"]);
      return;
    }
    const payload = event.payload ?? {};
    const errors: string[] = [];
    if (
      typeof payload.summary !== 'string' ||
      payload.summary.length === 0 ||
      payload.summary.length > 1024
    ) {
      errors.push("'payload.summary' is missing, blank or too long");
    }
    if (path === '/v2/enqueue') {
      if (!['trigger', 'acknowledge', 'resolve'].includes(event.event_action)) {
        errors.push("'event_action' is invalid");
      }
      if (typeof payload.source !== 'string' || !payload.source) {
        errors.push("'payload.source' is missing or blank");
      }
      if (
        !['critical', 'error', 'warning', 'info'].includes(payload.severity)
      ) {
        errors.push("'payload.severity' is invalid");
      }
    } else if (path !== '/v2/change/enqueue') {
      json(res, 404, { status: 'not found', message: 'Not found' });
      return;
    }
    if (errors.length > 0) {
      invalid(errors);
      return;
    }
    this.events.push({ path, body: event });
    json(
      res,
      202,
      path === '/v2/enqueue'
        ? {
            status: 'success',
            message: 'Event processed',
            dedup_key: event.dedup_key ?? 'generated-key',
          }
        : { status: 'success', message: 'Change event processed' },
    );
  }
}
