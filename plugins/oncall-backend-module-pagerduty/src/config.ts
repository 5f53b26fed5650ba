import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { z } from 'zod';

/** PagerDuty ids (services, policies): letters and digits. */
export const pagerDutyIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9]{2,32}$/, 'must be a PagerDuty id (letters and digits)');

const httpUrl = z
  .url({ protocol: /^https?$/ })
  .transform(url => url.replace(/\/+$/, ''));

const pagerDutyConfigSchema = z.strictObject({
  token: z.string().trim().min(1, 'must not be empty'),
  apiBaseUrl: httpUrl.default('https://api.pagerduty.com'),
  eventsBaseUrl: httpUrl.default('https://events.pagerduty.com'),
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
  maxRetries: z.number().int().min(0).max(5).default(2),
  maxRetryWaitSeconds: z.number().min(0).max(300).default(30),
  fromEmail: z.email().max(254).optional(),
  services: z
    .array(
      z.strictObject({
        serviceId: pagerDutyIdSchema,
        routingKey: z
          .string()
          .regex(
            /^[A-Za-z0-9]{20,64}$/,
            'must be an Events API v2 integration key',
          ),
      }),
    )
    .default([]),
});

/** The provider's settings from `oncall.pagerduty`. */
export type PagerDutyConfig = z.output<typeof pagerDutyConfigSchema> & {
  /** Service id → routing key. */
  routingKeys: Map<string, string>;
};

/**
 * Reads and validates `oncall.pagerduty`; undefined when it is absent. Errors
 * name the key, never its value (the token and routing keys are secrets).
 */
export function readPagerDutyConfig(
  config: Config,
): PagerDutyConfig | undefined {
  const raw = config.getOptional('oncall.pagerduty');
  if (raw === undefined) return undefined;
  const parsed = pagerDutyConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      issue => `oncall.pagerduty.${issue.path.join('.')}: ${issue.message}`,
    );
    throw new InputError(`Invalid PagerDuty config: ${issues.join('; ')}`);
  }
  const routingKeys = new Map<string, string>();
  for (const { serviceId, routingKey } of parsed.data.services) {
    if (routingKeys.has(serviceId)) {
      throw new InputError(
        `Invalid PagerDuty config: service ${serviceId} appears twice in oncall.pagerduty.services`,
      );
    }
    routingKeys.set(serviceId, routingKey);
  }
  return { ...parsed.data, routingKeys };
}
