import { z } from 'zod';

/** Severity, with PagerDuty's Events v2 values. @public */
export const INCIDENT_SEVERITIES = [
  'critical',
  'error',
  'warning',
  'info',
] as const;
/** @public */
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

/** @public */
export const INCIDENT_URGENCIES = ['high', 'low'] as const;
/** @public */
export type IncidentUrgency = (typeof INCIDENT_URGENCIES)[number];

/** @public */
export const INCIDENT_STATUSES = [
  'triggered',
  'acknowledged',
  'resolved',
] as const;
/** @public */
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** An incident as the API returns it. @public */
export interface Incident {
  id: string;
  /** Where it lives: `opsdeck` for the built-in store, else the provider id. */
  source: string;
  entityRef: string;
  title: string;
  description?: string;
  severity: IncidentSeverity;
  urgency: IncidentUrgency;
  status: IncidentStatus;
  /** The User notified when it was triggered, if anyone was on call. */
  assigneeRef?: string;
  /** Id of the deployment it is linked to (deployments plugin). */
  deploymentId?: string;
  /** The deployment of this entity that caused it, as the deployments plugin knows it. */
  deployment?: { environment: string; version: string };
  createdBy: string;
  createdAt: string;
  acknowledgedAt?: string;
  resolvedAt?: string;
  /** Link to the incident in an external system. */
  url?: string;
}

/** A source of incidents that could not be read. @public */
export interface IncidentSourceError {
  /** `opsdeck` for the built-in store, else the provider id (`pagerduty`). */
  source: string;
  /** What failed, for people. */
  message: string;
}

/**
 * Response of `GET /incidents`: the incidents of every source that answered,
 * and one error per source that did not.
 *
 * @public
 */
export interface IncidentListResponse {
  items: Incident[];
  errors: IncidentSourceError[];
}

/** One entry of an incident's timeline. @public */
export interface IncidentTimelineEntry {
  id: string;
  incidentId: string;
  at: string;
  author: string;
  type: 'state' | 'note';
  /** For `state` entries: the status entered. */
  status?: IncidentStatus;
  text?: string;
}

/** An incident with its timeline. @public */
export interface IncidentDetail extends Incident {
  timeline: IncidentTimelineEntry[];
}

/**
 * Characters that make text read differently from what it holds: bidi
 * embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), the zero
 * width space, word joiner and byte order mark. Zero-width joiners and
 * non-joiners and the LRM/RLM marks stay allowed: scripts such as Persian
 * and Devanagari and emoji sequences need them.
 *
 * @public
 */
export const DECEPTIVE_TEXT_CHARACTERS =
  /[\u202A-\u202E\u2066-\u2069\u200B\u2060\uFEFF]/;

const notDeceptive = (v: string) => !DECEPTIVE_TEXT_CHARACTERS.test(v);
const DECEPTIVE_MESSAGE =
  'must not contain bidirectional control characters (U+202A-U+202E, U+2066-U+2069) or zero-width spaces (U+200B, U+2060, U+FEFF)';

const singleLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine(
      v => !/[\r\n]/.test(v) && !v.includes('\0'),
      'must be a single line',
    )
    .refine(notDeceptive, DECEPTIVE_MESSAGE);

/**
 * Kinds of catalog entities an incident may be raised on.
 *
 * @public
 */
export const INCIDENT_ENTITY_KINDS = [
  'Component',
  'System',
  'Resource',
  'Group',
] as const;

/**
 * The deployment an incident is linked to, as the deployments plugin knows
 * it: the latest deployment of this version of the incident's entity in the
 * environment.
 *
 * @public
 */
export const incidentDeploymentSchema = z.strictObject({
  environment: z
    .string()
    .regex(
      /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/,
      'must be a lowercase DNS label',
    ),
  version: singleLine(200),
});
/** @public */
export type IncidentDeployment = z.output<typeof incidentDeploymentSchema>;

/** Body of `POST /incidents`. @public */
export const triggerIncidentRequestSchema = z.strictObject({
  entityRef: z.string().min(1).max(400),
  title: singleLine(200),
  description: z
    .string()
    .max(10_000)
    .refine(v => !v.includes('\0'), 'must not contain NUL characters')
    .refine(notDeceptive, DECEPTIVE_MESSAGE)
    .optional(),
  severity: z.enum(INCIDENT_SEVERITIES),
  urgency: z.enum(INCIDENT_URGENCIES).default('high'),
  deploymentId: z
    .string()
    .regex(
      /^[A-Za-z0-9._:-]{1,200}$/,
      'must be a deployment id (letters, digits, . _ : -)',
    )
    .optional(),
  /**
   * The deployment of the incident's entity that caused it; the on-call
   * backend links the incident to it in the deployments plugin, where it
   * counts as a change failure.
   */
  deployment: incidentDeploymentSchema.optional(),
});
/** @public */
export type TriggerIncidentRequest = z.input<
  typeof triggerIncidentRequestSchema
>;

/** Body of `POST /incidents/:id/notes`. @public */
export const incidentNoteRequestSchema = z.strictObject({
  text: z
    .string()
    .trim()
    .min(1)
    .max(10_000)
    .refine(v => !v.includes('\0'), 'must not contain NUL characters')
    .refine(notDeceptive, DECEPTIVE_MESSAGE),
});

/** Body of `POST /overrides`. @public */
export const createOverrideRequestSchema = z
  .strictObject({
    entityRef: z.string().min(1).max(400),
    schedule: z.string().min(1).max(63),
    userRef: z.string().min(1).max(400),
    start: z.iso.datetime({ offset: true }),
    end: z.iso.datetime({ offset: true }),
  })
  .refine(v => Date.parse(v.end) > Date.parse(v.start), {
    message: 'end must be after start',
    path: ['end'],
  })
  .refine(v => Date.parse(v.end) - Date.parse(v.start) <= 90 * 86_400_000, {
    message: 'an override may last at most 90 days',
    path: ['end'],
  });
/** @public */
export type CreateOverrideRequest = z.input<typeof createOverrideRequestSchema>;

/** A User as shown on the card, with contact details from the catalog. @public */
export interface OnCallUser {
  /** Catalog User reference; absent for people known only to a provider. */
  userRef?: string;
  displayName?: string;
  email?: string;
  /** Profile page in an external system. */
  url?: string;
}

/** Response of `GET /oncall?entityRef=`. @public */
export interface OnCallResponse {
  entityRef: string;
  /**
   * False when neither the entity nor its owner has an on-call annotation
   * (`opsdeck.io/oncall-rotation`, or one a provider reads).
   */
  configured: boolean;
  /** Provider that answered: `rotation` or e.g. `pagerduty`. */
  provider?: string;
  /** The entity whose rotation applies (a component inherits its owner's). */
  rotationEntityRef?: string;
  levels: Array<{
    level: number;
    delayMinutes: number;
    now: Array<OnCallShiftWithUser>;
    next: Array<OnCallShiftWithUser>;
  }>;
}

/** @public */
export interface OnCallShiftWithUser {
  user: OnCallUser;
  start: string | null;
  end: string | null;
  schedule?: string;
  layer?: string;
  overrideId?: string;
}
