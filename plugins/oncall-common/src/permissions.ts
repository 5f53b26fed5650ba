import { createPermission } from '@backstage/plugin-permission-common';

/** Trigger an incident for an entity. @public */
export const oncallIncidentTriggerPermission = createPermission({
  name: 'oncall.incident.trigger',
  attributes: { action: 'create' },
});

/** Acknowledge an incident. @public */
export const oncallIncidentAcknowledgePermission = createPermission({
  name: 'oncall.incident.acknowledge',
  attributes: { action: 'update' },
});

/** Resolve an incident. @public */
export const oncallIncidentResolvePermission = createPermission({
  name: 'oncall.incident.resolve',
  attributes: { action: 'update' },
});

/** Add notes to an incident's timeline. @public */
export const oncallIncidentNotePermission = createPermission({
  name: 'oncall.incident.note',
  attributes: { action: 'update' },
});

/** Swap a shift: create or delete a rotation override. @public */
export const oncallOverrideCreatePermission = createPermission({
  name: 'oncall.override.create',
  attributes: { action: 'create' },
});

/** Every on-call permission, for the permissions registry. @public */
export const oncallPermissions = [
  oncallIncidentTriggerPermission,
  oncallIncidentAcknowledgePermission,
  oncallIncidentResolvePermission,
  oncallIncidentNotePermission,
  oncallOverrideCreatePermission,
];
