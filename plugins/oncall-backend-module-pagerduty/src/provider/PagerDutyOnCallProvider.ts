import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Incident,
  IncidentDetail,
  PAGERDUTY_SERVICE_ID_ANNOTATION,
  TriggerIncidentRequest,
} from '@opsdeck/plugin-oncall-common';
import {
  OnCallChangeEvent,
  OnCallIncidentStatusChange,
  OnCallLevels,
  OnCallProvider,
  OnCallProviderContext,
} from '@opsdeck/plugin-oncall-node';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { PagerDutyEventsClient } from '../client/PagerDutyEventsClient';
import { PagerDutyRestClient } from '../client/PagerDutyRestClient';
import { PagerDutyIncident } from '../client/schemas';
import { pagerDutyIdSchema } from '../config';
import { linkCatalogUsers } from './catalogUsers';
import { toIncident, toTimeline } from './incidentMapping';
import { onCallLevels } from './onCallLevels';

/** How far ahead on-call entries are read to find who is next. */
const LOOKAHEAD_DAYS = 35;

const changeEventSchema = z.strictObject({
  summary: z
    .string()
    .trim()
    .min(1)
    .max(1024)
    .refine(v => !/[\r\n\0]/.test(v), 'must be a single line'),
  timestamp: z.iso.datetime({ offset: true }).optional(),
  source: z.string().trim().min(1).max(255).optional(),
  links: z
    .array(
      z.strictObject({
        href: z.url({ protocol: /^https?$/ }).max(2048),
        text: z.string().max(255).optional(),
      }),
    )
    .max(10)
    .optional(),
  customDetails: z
    .record(
      z.string().max(100),
      z.union([z.string().max(2000), z.number(), z.boolean()]),
    )
    .optional(),
});

/**
 * On-call provider for entities annotated `pagerduty.com/service-id`: who is
 * on call from the service's escalation policy, its incidents (list, detail
 * with the log as timeline, acknowledge, resolve), triggers through Events
 * v2 and change events.
 */
export class PagerDutyOnCallProvider implements OnCallProvider {
  readonly id = 'pagerduty';

  constructor(
    private readonly rest: PagerDutyRestClient,
    private readonly events: PagerDutyEventsClient,
    private readonly routingKeys: Map<string, string>,
    private readonly catalog: CatalogService,
    private readonly fromEmail: string | undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  handles(entity: Entity): boolean {
    return Boolean(
      entity.metadata.annotations?.[PAGERDUTY_SERVICE_ID_ANNOTATION]?.trim(),
    );
  }

  async getOnCall(
    entity: Entity,
    at: Date,
    context: OnCallProviderContext,
  ): Promise<OnCallLevels> {
    const service = await this.rest.getService(this.serviceIdOf(entity));
    const policy = service.escalation_policy;
    const rules =
      policy.escalation_rules ??
      (await this.rest.getEscalationRules(policy.id));
    const entries = await this.rest.listOnCalls(
      policy.id,
      at,
      new Date(at.getTime() + LOOKAHEAD_DAYS * 86_400_000),
    );
    return linkCatalogUsers(
      onCallLevels(rules, entries, at),
      this.catalog,
      context.credentials,
    );
  }

  async listOpenIncidents(entity: Entity): Promise<Incident[]> {
    const entityRef = stringifyEntityRef(entity);
    const incidents = await this.rest.listOpenIncidents(
      this.serviceIdOf(entity),
    );
    return incidents.map(incident => toIncident(incident, entityRef, this.id));
  }

  async getIncident(
    id: string,
    context: OnCallProviderContext,
  ): Promise<IncidentDetail> {
    const { incident, entityRef } = await this.visibleIncident(id, context);
    const entries = await this.rest.listLogEntries(incident.id);
    return {
      ...toIncident(incident, entityRef, this.id),
      timeline: toTimeline(incident.id, entries, this.id),
    };
  }

  async changeIncidentStatus(
    id: string,
    change: OnCallIncidentStatusChange,
    context: OnCallProviderContext,
  ): Promise<IncidentDetail> {
    if (!this.fromEmail) {
      throw new NotAllowedError(
        'Acknowledging and resolving PagerDuty incidents needs oncall.pagerduty.fromEmail: the email of the PagerDuty user the changes are made as',
      );
    }
    const { incident } = await this.visibleIncident(id, context);
    if (incident.status === 'resolved') {
      throw new ConflictError(`PagerDuty incident ${id} is already resolved`);
    }
    if (incident.status === change.status) {
      throw new ConflictError(
        `PagerDuty incident ${id} is already ${change.status}`,
      );
    }
    await this.rest.updateIncidentStatus(incident.id, {
      status: change.status,
      from: this.fromEmail,
      ...(change.status === 'resolved' && change.text
        ? { resolution: `${change.text} (${change.author})` }
        : {}),
    });
    return this.getIncident(id, context);
  }

  /**
   * The incident with the catalog entity of its service; NotFoundError when
   * no entity the caller can see is annotated with that service, so nobody
   * reads or changes incidents of entities hidden from them.
   */
  private async visibleIncident(
    id: string,
    context: OnCallProviderContext,
  ): Promise<{ incident: PagerDutyIncident; entityRef: string }> {
    if (!pagerDutyIdSchema.safeParse(id).success) {
      throw new InputError(
        `${JSON.stringify(
          id.slice(0, 80),
        )} is not a PagerDuty incident id (letters and digits)`,
      );
    }
    const incident = await this.rest.getIncident(id);
    const serviceId = incident.service?.id;
    const { items } = serviceId
      ? await this.catalog.getEntities(
          {
            filter: {
              [`metadata.annotations.${PAGERDUTY_SERVICE_ID_ANNOTATION}`]:
                serviceId,
            },
            limit: 1,
          },
          { credentials: context.credentials },
        )
      : { items: [] };
    if (!items[0]) {
      throw new NotFoundError(
        `PagerDuty incident ${id} belongs to no catalog entity you can see (service ${
          serviceId ?? 'unknown'
        })`,
      );
    }
    return { incident, entityRef: stringifyEntityRef(items[0]) };
  }

  async triggerIncident(
    entity: Entity,
    request: TriggerIncidentRequest & { createdBy: string },
  ): Promise<Incident> {
    const serviceId = this.serviceIdOf(entity);
    const routingKey = this.routingKeyOf(serviceId);
    const entityRef = stringifyEntityRef(entity);
    const createdAt = this.now().toISOString();
    const urgency = request.urgency ?? 'high';
    const dedupKey = await this.events.trigger(routingKey, {
      dedup_key: randomUUID(),
      payload: {
        summary: request.title,
        source: entityRef,
        severity: request.severity,
        timestamp: createdAt,
        component: entity.metadata.name,
        custom_details: {
          entityRef,
          urgency,
          createdBy: request.createdBy,
          ...(request.description ? { description: request.description } : {}),
          ...(request.deploymentId
            ? { deploymentId: request.deploymentId }
            : {}),
        },
      },
      client: 'Opsdeck',
    });
    return {
      id: dedupKey,
      source: this.id,
      entityRef,
      title: request.title,
      ...(request.description ? { description: request.description } : {}),
      severity: request.severity,
      urgency,
      status: 'triggered',
      ...(request.deploymentId ? { deploymentId: request.deploymentId } : {}),
      createdBy: request.createdBy,
      createdAt,
    };
  }

  async sendChangeEvent(
    entity: Entity,
    change: OnCallChangeEvent,
  ): Promise<void> {
    const parsed = changeEventSchema.safeParse(change);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InputError(
        `Invalid change event: ${issue.path.join('.') || '(root)'}: ${
          issue.message
        }`,
      );
    }
    const serviceId = this.serviceIdOf(entity);
    const routingKey = this.routingKeyOf(serviceId);
    const { summary, timestamp, source, links, customDetails } = parsed.data;
    await this.events.change(routingKey, {
      payload: {
        summary,
        source: source ?? stringifyEntityRef(entity),
        timestamp: timestamp ?? this.now().toISOString(),
        ...(customDetails ? { custom_details: customDetails } : {}),
      },
      ...(links ? { links } : {}),
    });
  }

  private serviceIdOf(entity: Entity): string {
    const value =
      entity.metadata.annotations?.[PAGERDUTY_SERVICE_ID_ANNOTATION]?.trim() ??
      '';
    if (!pagerDutyIdSchema.safeParse(value).success) {
      throw new InputError(
        `${PAGERDUTY_SERVICE_ID_ANNOTATION} of ${stringifyEntityRef(
          entity,
        )} must be a PagerDuty service id (letters and digits), got ${JSON.stringify(
          value.slice(0, 80),
        )}`,
      );
    }
    return value;
  }

  private routingKeyOf(serviceId: string): string {
    const key = this.routingKeys.get(serviceId);
    if (!key) {
      throw new InputError(
        `No Events API v2 routing key is configured for PagerDuty service ${serviceId}: add it under oncall.pagerduty.services (serviceId, routingKey)`,
      );
    }
    return key;
  }
}
