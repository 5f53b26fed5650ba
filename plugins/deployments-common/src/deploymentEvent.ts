import { z } from 'zod';

/** @public */
export const DEPLOYMENT_STATUSES = [
  'started',
  'succeeded',
  'failed',
  'rolled_back',
] as const;

/** @public */
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

/** @public */
export const DEPLOYMENT_STRATEGIES = [
  'rolling',
  'blue-green',
  'canary',
] as const;

/** @public */
export type DeploymentStrategy = (typeof DEPLOYMENT_STRATEGIES)[number];

/**
 * Path, relative to the deployments backend's base URL (`/api/deployments`),
 * that accepts one deployment event as JSON with `POST`.
 *
 * @public
 */
export const DEPLOYMENT_EVENTS_PATH = '/events';

/**
 * Path that accepts `{ "events": [...] }` with `POST`, for backfills.
 *
 * @public
 */
export const DEPLOYMENT_EVENTS_BATCH_PATH = '/events/batch';

function hasControlCharacters(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * Bidi embeddings, overrides and isolates, the zero width space, word joiner
 * and byte order mark: characters that make a value read differently from
 * what it holds (an actor or a version that looks like another).
 */
const DECEPTIVE_CHARACTERS = /[\u202A-\u202E\u2066-\u2069\u200B\u2060\uFEFF]/;

const safeText = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine(value => !hasControlCharacters(value), {
      message: 'must not contain control characters',
    })
    .refine(value => !DECEPTIVE_CHARACTERS.test(value), {
      message:
        'must not contain bidirectional control characters (U+202A-U+202E, U+2066-U+2069) or zero-width spaces (U+200B, U+2060, U+FEFF)',
    });

/**
 * A deployment event, as sent by a pipeline (CDEvents-like). The event id
 * makes delivery idempotent: sending the same event twice records it once.
 *
 * @public
 */
export const deploymentEventSchema = z.object({
  /** Unique id of this event, chosen by the sender (for example run id + attempt + status). */
  eventId: safeText(200),
  /** The catalog entity deployed, as an entity ref (`component:default/checkout`). */
  entityRef: safeText(400),
  /** Environment name, e.g. `staging` or `production`. */
  environment: z
    .string()
    .regex(
      /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/,
      'must be a lowercase DNS label (a-z, 0-9, -), at most 63 characters',
    ),
  /** The version deployed: an image tag, a release name or a commit SHA. */
  version: safeText(200),
  /** Full commit SHA that was deployed. */
  commitSha: z
    .string()
    .regex(/^[0-9a-f]{7,64}$/, 'must be a hexadecimal commit SHA'),
  /** When the deployed commit was made (ISO 8601), for lead time for changes. */
  commitTime: z.iso.datetime({ offset: true }).optional(),
  status: z.enum(DEPLOYMENT_STATUSES),
  strategy: z.enum(DEPLOYMENT_STRATEGIES).default('rolling'),
  /** Current step of a canary or blue-green rollout (0-based). */
  step: z.number().int().min(0).max(1000).optional(),
  /** Share of traffic on the new version, 0 to 100. */
  trafficWeight: z.number().min(0).max(100).optional(),
  /** Who or what triggered the deployment. */
  actor: safeText(200).optional(),
  /** Link to the pipeline run. */
  runUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
  /** When this event happened (ISO 8601). */
  timestamp: z.iso.datetime({ offset: true }),
});

/** @public */
export type DeploymentEventInput = z.input<typeof deploymentEventSchema>;

/** @public */
export type DeploymentEvent = z.output<typeof deploymentEventSchema>;

/**
 * Largest number of events accepted in one batch request.
 *
 * @public
 */
export const DEPLOYMENT_EVENTS_BATCH_LIMIT = 1000;

/** @public */
export const deploymentEventBatchSchema = z.object({
  events: z
    .array(deploymentEventSchema)
    .min(1)
    .max(DEPLOYMENT_EVENTS_BATCH_LIMIT),
});

/**
 * Path that links an incident to the deployment that caused it, with `POST`
 * and an {@link IncidentLinkInput} body (for the on-call backend, or any
 * incident tool, calling with a service token).
 *
 * @public
 */
export const DEPLOYMENT_INCIDENT_LINKS_PATH = '/incident-links';

/**
 * An incident caused by a deployment: the deployment is the latest one of
 * this version of the entity in the environment.
 *
 * @public
 */
export const incidentLinkSchema = z.object({
  /** Id of the incident in the system that owns it, e.g. `oncall:1234` or a PagerDuty incident id. */
  incidentRef: safeText(400),
  entityRef: safeText(400),
  environment: deploymentEventSchema.shape.environment,
  version: safeText(200),
});

/** @public */
export type IncidentLinkInput = z.input<typeof incidentLinkSchema>;
