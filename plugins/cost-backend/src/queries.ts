import { InputError } from '@backstage/errors';
import {
  COST_DIMENSIONS,
  normalizeProductKey,
  parseRepeatingIntervals,
} from '@opsdeck/plugin-cost-common';
import { z } from 'zod';

/** Control, format and line/paragraph separator characters. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

const visibleText = (max: number) =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine(s => !INVISIBLE.test(s), 'must not contain control characters');

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(
    d =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) &&
      new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    'must be a real calendar date',
  );

const entityRef = z.string().min(3).max(512);

/**
 * A billing account id (FOCUS `SubAccountId` or `BillingAccountId`): opaque
 * text from the export, so any visible characters (slashes included, as in
 * path-style ids), bounded in length.
 */
const account = visibleText(256);

const intervals = z.string().transform((text, ctx) => {
  try {
    return parseRepeatingIntervals(text);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

export const periodQuery = z.object({
  from: day.optional(),
  to: day.optional(),
});

export const entityQuery = periodQuery.extend({ entityRef });

export const dailyQuery = entityQuery.extend({
  dimension: z.enum(COST_DIMENSIONS).default('service'),
});

export const hintsQuery = periodQuery.extend({
  entityRef: entityRef.optional(),
});

export const importQuery = z.object({
  source: z.string().min(1).max(512).default('upload'),
});

export const accountDailyQuery = periodQuery.extend({
  account,
  dimension: z.enum(COST_DIMENSIONS).default('service'),
});

export const productInsightsQuery = z.object({
  entityRef,
  product: visibleText(128).refine(
    p => normalizeProductKey(p) !== '',
    'must contain a letter or a digit',
  ),
  intervals,
  account: account.optional(),
});

/** Validates a request's query, or throws an `InputError` naming the field. */
export function parse<T extends z.ZodTypeAny>(
  schema: T,
  input: unknown,
): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new InputError(
      `Invalid ${issue.path.join('.') || 'request'}: ${issue.message}`,
    );
  }
  return result.data;
}
