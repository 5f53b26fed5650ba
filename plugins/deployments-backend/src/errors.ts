import { ConflictError, CustomErrorBase, InputError } from '@backstage/errors';

/**
 * A request body over the configured size limit (HTTP 413).
 *
 * @public
 */
export class RequestTooLargeError extends CustomErrorBase {
  name = 'RequestTooLargeError' as const;
  readonly statusCode = 413;
}

/**
 * An event for an entity the catalog does not know.
 *
 * @public
 */
export class UnknownEntityError extends InputError {}

/**
 * How a re-sent event id differs from the event stored under it.
 *
 * @public
 */
export interface DeploymentEventConflict {
  eventId: string;
  /**
   * The entity (deployments id) the sent event is for. The stored event's
   * entity is not named when it is another one.
   */
  entityRef: string;
  /** The stored event belongs to another entity. */
  otherEntity: boolean;
  /** For the same entity: the fields whose values differ. */
  fields: Array<{ field: string; stored: unknown; sent: unknown }>;
}

/**
 * Event ids that are already stored with other content, or for another
 * entity (HTTP 409). Nothing of the request was stored.
 *
 * @public
 */
export class DeploymentEventConflictError extends ConflictError {
  readonly conflicts: DeploymentEventConflict[];

  constructor(conflicts: DeploymentEventConflict[]) {
    super(describeConflicts(conflicts));
    this.conflicts = conflicts;
  }
}

const MAX_DESCRIBED_CONFLICTS = 10;

function describeConflicts(conflicts: DeploymentEventConflict[]): string {
  const described = conflicts.slice(0, MAX_DESCRIBED_CONFLICTS).map(c => {
    const id = JSON.stringify(c.eventId);
    if (c.otherEntity) {
      return `eventId ${id} is already used by an event of another entity than ${c.entityRef}`;
    }
    const fields = c.fields
      .map(
        f =>
          `${f.field} (stored ${JSON.stringify(
            f.stored ?? null,
          )}, sent ${JSON.stringify(f.sent ?? null)})`,
      )
      .join(', ');
    return `eventId ${id} of ${c.entityRef} is already stored with other values: ${fields}`;
  });
  const more =
    conflicts.length > MAX_DESCRIBED_CONFLICTS
      ? `; and ${conflicts.length - MAX_DESCRIBED_CONFLICTS} more`
      : '';
  return `${described.join(
    '; ',
  )}${more}. An event id names one event of one entity: re-send an event unchanged, or give a new event a new id. Nothing was stored.`;
}
