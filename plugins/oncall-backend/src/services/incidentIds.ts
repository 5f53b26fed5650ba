import { Incident, IncidentDetail } from '@opsdeck/plugin-oncall-common';

/**
 * Incident ids as the API shows them: built-in incidents keep their own id
 * (a UUID); a provider's incidents are `<provider id>:<provider's id>`
 * (`pagerduty:Q1ABC23`), so one route serves every source.
 */
export type ParsedIncidentId =
  | { source: 'opsdeck'; id: string }
  | { source: 'provider'; providerId: string; id: string };

/** Pattern of an incident id in a route. */
export const INCIDENT_ID_PATTERN =
  /^(?:[a-z][a-z0-9-]{0,31}:)?[A-Za-z0-9-]{1,64}$/;

export function parseIncidentId(value: string): ParsedIncidentId {
  const colon = value.indexOf(':');
  if (colon < 0) return { source: 'opsdeck', id: value };
  return {
    source: 'provider',
    providerId: value.slice(0, colon),
    id: value.slice(colon + 1),
  };
}

/** A provider's incident with its id qualified by the provider id. */
export function qualifyIncident<T extends Incident | IncidentDetail>(
  providerId: string,
  incident: T,
): T {
  const id = `${providerId}:${incident.id}`;
  if (!('timeline' in incident)) return { ...incident, id };
  return {
    ...incident,
    id,
    timeline: incident.timeline.map(entry => ({ ...entry, incidentId: id })),
  };
}
