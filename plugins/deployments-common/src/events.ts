import { z } from 'zod';
import { deploymentEventSchema } from './deploymentEvent';

/**
 * Topic of Backstage's events service on which the deployments backend
 * announces each deployment event once it is durably stored (duplicates,
 * which are not stored again, are not announced again).
 *
 * @public
 */
export const DEPLOYMENT_EVENT_STORED_TOPIC = 'opsdeck.deployments.event-stored';

/**
 * Payload of {@link DEPLOYMENT_EVENT_STORED_TOPIC}: the stored event, with
 * `deploymentsId` (the entity ref or `opsdeck.io/deployments-id` value it
 * was stored under) instead of the sender's `entityRef`.
 *
 * @public
 */
export const deploymentEventStoredPayloadSchema = deploymentEventSchema
  .omit({ entityRef: true })
  .extend({ deploymentsId: z.string().min(1).max(400) });

/** @public */
export type DeploymentEventStoredPayload = z.output<
  typeof deploymentEventStoredPayloadSchema
>;
