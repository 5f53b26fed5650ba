import type { StoredDeploymentEvent } from '@opsdeck/plugin-deployments-common';
import type { DeploymentEventConflict } from '../errors';

/** Fields compared when an event id arrives again, in message order. */
const COMPARED_FIELDS = [
  'environment',
  'version',
  'commitSha',
  'commitTime',
  'status',
  'strategy',
  'step',
  'trafficWeight',
  'actor',
  'runUrl',
  'timestamp',
] as const;

function same(field: string, a: unknown, b: unknown): boolean {
  if (
    field === 'trafficWeight' &&
    typeof a === 'number' &&
    typeof b === 'number'
  ) {
    // PostgreSQL keeps weights as 4-byte reals
    return Math.fround(a) === Math.fround(b);
  }
  return a === b;
}

/**
 * How an event sent again under a stored id differs from the stored one, or
 * undefined when it is the same event. Both sides must be in stored form
 * (times as whole-millisecond UTC ISO strings, absent optional fields left
 * out), which `fromEventRow(toEventRow(event))` gives for a new event.
 */
export function eventConflict(
  stored: StoredDeploymentEvent,
  sent: StoredDeploymentEvent,
): DeploymentEventConflict | undefined {
  if (stored.entityRef !== sent.entityRef) {
    return {
      eventId: sent.eventId,
      entityRef: sent.entityRef,
      otherEntity: true,
      fields: [],
    };
  }
  const fields = COMPARED_FIELDS.filter(
    field => !same(field, stored[field], sent[field]),
  ).map(field => ({ field, stored: stored[field], sent: sent[field] }));
  if (fields.length === 0) return undefined;
  return {
    eventId: sent.eventId,
    entityRef: sent.entityRef,
    otherEntity: false,
    fields,
  };
}
