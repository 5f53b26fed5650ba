import { z } from 'zod';

function hasControlCharacters(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * Path, relative to the SLO backend's base URL (`/api/slo`), of the
 * error-budget gate. Pipelines `POST` an {@link ErrorBudgetGateRequest} before
 * deploying to production and stop when the answer says `allowed: false`.
 *
 * @public
 */
export const ERROR_BUDGET_GATE_PATH = '/gate';

/** @public */
export const errorBudgetGateRequestSchema = z.object({
  /** The entity about to be deployed, as an entity ref. */
  entityRef: z
    .string()
    .min(1)
    .max(400)
    .refine(value => !hasControlCharacters(value), {
      message: 'must not contain control characters',
    }),
  /** The environment the deployment targets. */
  environment: z
    .string()
    .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'must be a DNS label')
    .optional(),
  /**
   * Smallest fraction of error budget (0 to 1) that must remain for the
   * deployment to go ahead. Defaults to the backend's configured value.
   */
  minRemainingBudget: z.number().min(0).max(1).optional(),
});

/** @public */
export type ErrorBudgetGateRequest = z.infer<
  typeof errorBudgetGateRequestSchema
>;

/** @public */
export const errorBudgetGateResponseSchema = z.object({
  allowed: z.boolean(),
  /** Human-readable explanation, printed by the pipeline. */
  reason: z.string(),
  /** Smallest remaining budget fraction over the entity's SLOs (may be negative when overspent), or null when unknown. */
  remainingBudget: z.number().nullable(),
  /** Per-SLO detail. */
  slos: z.array(
    z.object({
      name: z.string(),
      remainingBudget: z.number().nullable(),
      allowed: z.boolean(),
    }),
  ),
});

/** @public */
export type ErrorBudgetGateResponse = z.infer<
  typeof errorBudgetGateResponseSchema
>;
