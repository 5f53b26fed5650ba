import { createApiRef } from '@backstage/core-plugin-api';
import {
  CreateOverrideRequest,
  Incident,
  IncidentDetail,
  IncidentListResponse,
  IncidentStatus,
  OnCallResponse,
  TriggerIncidentRequest,
} from '@opsdeck/plugin-oncall-common';

/**
 * Client of the on-call backend. Every call sends only entity references and
 * ids; the backend resolves entities with the caller's credentials.
 *
 * @public
 */
export interface OnCallApi {
  /** Who is on call now and next per escalation level. */
  getOnCall(entityRef: string): Promise<OnCallResponse>;
  /**
   * Incidents of an entity, newest first, optionally by status, with an
   * error for each source (a provider) that could not be read.
   */
  listIncidents(options: {
    entityRef: string;
    status?: IncidentStatus[];
  }): Promise<IncidentListResponse>;
  getIncident(id: string): Promise<IncidentDetail>;
  triggerIncident(request: TriggerIncidentRequest): Promise<Incident>;
  acknowledgeIncident(id: string): Promise<IncidentDetail>;
  resolveIncident(id: string, text?: string): Promise<IncidentDetail>;
  addIncidentNote(id: string, text: string): Promise<IncidentDetail>;
  /** Swaps a shift of the entity's rotation: `userRef` covers [start, end). */
  createOverride(request: CreateOverrideRequest): Promise<{ id: string }>;
}

/** @public */
export const onCallApiRef = createApiRef<OnCallApi>({
  id: 'plugin.oncall.service',
});
