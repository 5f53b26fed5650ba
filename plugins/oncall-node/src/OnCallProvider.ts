import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  Incident,
  IncidentDetail,
  OnCallResponse,
  TriggerIncidentRequest,
} from '@opsdeck/plugin-oncall-common';

/** What a provider answers about who is on call. @public */
export type OnCallLevels = OnCallResponse['levels'];

/** Context of a provider call. @public */
export interface OnCallProviderContext {
  /** The caller's credentials, for catalog look-ups on their behalf. */
  credentials: BackstageCredentials;
}

/**
 * A change to an entity (a deployment, a config change) that responders
 * should see next to incidents. It notifies nobody.
 *
 * @public
 */
export interface OnCallChangeEvent {
  /** One line: what changed (at most 1024 characters). */
  summary: string;
  /** When it happened (ISO 8601); default now. */
  timestamp?: string;
  /** Where it comes from (a pipeline, a host). */
  source?: string;
  /** Links to the change (http or https). */
  links?: Array<{ href: string; text?: string }>;
  /** Further details shown with the change. */
  customDetails?: Record<string, string | number | boolean>;
}

/** A status change asked for by a user or a service. @public */
export interface OnCallIncidentStatusChange {
  status: 'acknowledged' | 'resolved';
  /** Who asks: a User ref or `service:<subject>`. */
  author: string;
  /** Why, or how it was resolved. */
  text?: string;
}

/**
 * A source of on-call information and incidents for entities (PagerDuty,
 * Opsgenie, ...). The backend asks registered providers, in registration
 * order, before its built-in rotation files.
 *
 * @public
 */
export interface OnCallProvider {
  /** Short id, shown to users as the source (`pagerduty`). */
  readonly id: string;

  /** Whether the provider knows this entity (typically: an annotation). */
  handles(entity: Entity): boolean;

  /** Who is on call now and next, per escalation level. */
  getOnCall(
    entity: Entity,
    at: Date,
    context: OnCallProviderContext,
  ): Promise<OnCallLevels>;

  /** Open (not resolved) incidents of the entity in the provider. */
  listOpenIncidents(
    entity: Entity,
    context: OnCallProviderContext,
  ): Promise<Incident[]>;

  /** Triggers an incident in the provider. */
  triggerIncident(
    entity: Entity,
    request: TriggerIncidentRequest & { createdBy: string },
    context: OnCallProviderContext,
  ): Promise<Incident>;

  /**
   * One incident of the provider with its timeline, by the provider's own
   * id; NotFoundError when it does not exist or belongs to no entity the
   * caller can see.
   */
  getIncident?(
    id: string,
    context: OnCallProviderContext,
  ): Promise<IncidentDetail>;

  /**
   * Acknowledges or resolves an incident of the provider, by the provider's
   * own id; answers the incident as it is afterwards. Like `getIncident`,
   * NotFoundError (and no change) when it does not exist or belongs to no
   * entity the caller can see.
   */
  changeIncidentStatus?(
    id: string,
    change: OnCallIncidentStatusChange,
    context: OnCallProviderContext,
  ): Promise<IncidentDetail>;

  /**
   * Records a change of the entity (e.g. a reported deployment) in the
   * provider, for providers that keep change events.
   */
  sendChangeEvent?(
    entity: Entity,
    change: OnCallChangeEvent,
    context: OnCallProviderContext,
  ): Promise<void>;
}
