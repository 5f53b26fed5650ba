import { z } from 'zod';
import { parseDuration } from '../duration';

const NAME_PATTERN = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

const nameSchema = z
  .string()
  .regex(
    NAME_PATTERN,
    'must be a lowercase RFC 1123 label of at most 63 characters',
  );

const durationSchema = z
  .string()
  .refine(text => parseDuration(text) !== undefined, {
    message: 'must be a duration like 5m, 1h, 28d, 1w, 1M, 1Q or 1Y',
  });

const promQuerySchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(4000, 'must be at most 4000 characters')
  // eslint-disable-next-line no-control-regex
  .refine(text => !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(text), {
    message: 'must not contain control characters',
  });

const metadataSchema = z.object({
  name: nameSchema,
  displayName: z.string().max(255).optional(),
  labels: z
    .record(z.string(), z.union([z.string(), z.array(z.string())]))
    .optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

/** `metricSource` of an SLI: Prometheus only, inline or through a DataSource reference. */
const metricSourceSchema = z
  .object({
    metricSourceRef: nameSchema.optional(),
    type: z.string().optional(),
    spec: z.object({ query: promQuerySchema }).loose(),
  })
  .refine(
    source => source.type === undefined || /^prometheus$/i.test(source.type),
    {
      message:
        'type must be Prometheus (the only metric source Opsdeck evaluates)',
      path: ['type'],
    },
  );

const metricHolderSchema = z.object({ metricSource: metricSourceSchema });

const ratioMetricSchema = z
  .object({
    counter: z.boolean(),
    good: metricHolderSchema.optional(),
    bad: metricHolderSchema.optional(),
    total: metricHolderSchema.optional(),
    rawType: z.enum(['success', 'failure']).optional(),
    raw: metricHolderSchema.optional(),
  })
  .superRefine((ratio, ctx) => {
    if (ratio.raw || ratio.rawType) {
      ctx.addIssue({
        code: 'custom',
        path: ['raw'],
        message:
          'raw ratio metrics are not supported; give good (or bad) and total counters',
      });
      return;
    }
    if (!ratio.total) {
      ctx.addIssue({ code: 'custom', path: ['total'], message: 'is required' });
    }
    if (!!ratio.good === !!ratio.bad) {
      ctx.addIssue({
        code: 'custom',
        path: ['good'],
        message: 'exactly one of good and bad must be given',
      });
    }
    if (!ratio.counter) {
      ctx.addIssue({
        code: 'custom',
        path: ['counter'],
        message:
          'must be true: Opsdeck computes request-weighted ratios from counters',
      });
    }
  });

const sliSpecSchema = z
  .object({
    description: z.string().max(1050).optional(),
    thresholdMetric: metricHolderSchema.optional(),
    ratioMetric: ratioMetricSchema.optional(),
  })
  .refine(spec => !!spec.thresholdMetric !== !!spec.ratioMetric, {
    message: 'exactly one of thresholdMetric and ratioMetric must be given',
  });

/** @internal */
export const sliDocumentSchema = z.object({
  apiVersion: z.literal('openslo/v1'),
  kind: z.literal('SLI'),
  metadata: metadataSchema,
  spec: sliSpecSchema,
});

const inlineIndicatorSchema = z.object({
  metadata: metadataSchema,
  spec: sliSpecSchema,
});

const calendarSchema = z.object({
  startTime: z
    .string()
    .regex(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
      'must be a wall-clock time like 2024-01-01 00:00:00',
    ),
  timeZone: z.string().refine(isKnownTimeZone, {
    message: 'must be an IANA time zone like UTC or Europe/Berlin',
  }),
});

function isKnownTimeZone(zone: string): boolean {
  try {
    return Boolean(new Intl.DateTimeFormat('en-US', { timeZone: zone }));
  } catch {
    return false;
  }
}

const timeWindowSchema = z
  .object({
    duration: durationSchema,
    isRolling: z.boolean().optional(),
    calendar: calendarSchema.optional(),
  })
  .superRefine((window, ctx) => {
    const rolling = window.isRolling ?? !window.calendar;
    if (rolling && window.calendar) {
      ctx.addIssue({
        code: 'custom',
        path: ['calendar'],
        message: 'must not be given when isRolling is true',
      });
    }
    if (!rolling && !window.calendar) {
      ctx.addIssue({
        code: 'custom',
        path: ['calendar'],
        message: 'is required when isRolling is false',
      });
    }
  });

const objectiveSchema = z
  .object({
    displayName: z.string().max(255).optional(),
    op: z.enum(['lt', 'lte', 'gt', 'gte']).optional(),
    value: z.number().finite().optional(),
    target: z
      .number()
      .min(0)
      .lt(1, 'must be below 1 (a 100% objective has no error budget)')
      .optional(),
    targetPercent: z
      .number()
      .min(0)
      .lt(100, 'must be below 100 (a 100% objective has no error budget)')
      .optional(),
    timeSliceTarget: z.number().gt(0).max(1).optional(),
    timeSliceWindow: durationSchema.optional(),
  })
  .refine(o => (o.target === undefined) !== (o.targetPercent === undefined), {
    message: 'exactly one of target and targetPercent must be given',
    path: ['target'],
  });

const alertConditionSpecSchema = z.object({
  description: z.string().max(1050).optional(),
  severity: z
    .string()
    .regex(
      /^[a-z][a-z0-9_-]{0,62}$/,
      'must be a lowercase word like page or ticket',
    ),
  condition: z.object({
    kind: z.literal('burnrate'),
    op: z.enum(['lt', 'lte', 'gt', 'gte']),
    threshold: z.number().positive().finite(),
    lookbackWindow: durationSchema,
    alertAfter: durationSchema.optional(),
  }),
});

/** @internal */
export const alertConditionDocumentSchema = z.object({
  apiVersion: z.literal('openslo/v1'),
  kind: z.literal('AlertCondition'),
  metadata: metadataSchema,
  spec: alertConditionSpecSchema,
});

const alertPolicySpecSchema = z.object({
  description: z.string().max(1050).optional(),
  alertWhenNoData: z.boolean().optional(),
  alertWhenResolved: z.boolean().optional(),
  alertWhenBreaching: z.boolean().optional(),
  conditions: z
    .array(
      z.union([
        z.object({
          kind: z.literal('AlertCondition'),
          metadata: metadataSchema,
          spec: alertConditionSpecSchema,
        }),
        z.object({ conditionRef: nameSchema }),
      ]),
    )
    .min(1, 'must hold one condition')
    .max(1, 'OpenSLO v1 allows one condition per alert policy'),
  notificationTargets: z.array(z.unknown()).optional(),
});

/** @internal */
export const alertPolicyDocumentSchema = z.object({
  apiVersion: z.literal('openslo/v1'),
  kind: z.literal('AlertPolicy'),
  metadata: metadataSchema,
  spec: alertPolicySpecSchema,
});

/** @internal */
export const dataSourceDocumentSchema = z.object({
  apiVersion: z.literal('openslo/v1'),
  kind: z.literal('DataSource'),
  metadata: metadataSchema,
  spec: z
    .object({
      type: z.string().refine(type => /^prometheus$/i.test(type), {
        message: 'must be Prometheus',
      }),
    })
    .loose(),
});

/** @internal */
export const sloDocumentSchema = z.object({
  apiVersion: z.literal('openslo/v1'),
  kind: z.literal('SLO'),
  metadata: metadataSchema,
  spec: z
    .object({
      description: z.string().max(1050).optional(),
      service: z
        .string()
        .regex(
          /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,251}[A-Za-z0-9])?$/,
          'must be a service name of letters, digits, ".", "_" and "-"',
        ),
      indicator: inlineIndicatorSchema.optional(),
      indicatorRef: nameSchema.optional(),
      timeWindow: z
        .array(timeWindowSchema)
        .length(1, 'must hold exactly one time window'),
      budgetingMethod: z.enum(['Occurrences', 'Timeslices', 'RatioTimeslices']),
      objectives: z
        .array(objectiveSchema)
        .min(1, 'must hold at least one objective'),
      alertPolicies: z
        .array(
          z.union([
            z.object({
              kind: z.literal('AlertPolicy'),
              metadata: metadataSchema,
              spec: alertPolicySpecSchema,
            }),
            z.object({ alertPolicyRef: nameSchema }),
          ]),
        )
        .optional(),
    })
    .refine(spec => !!spec.indicator !== !!spec.indicatorRef, {
      message: 'exactly one of indicator and indicatorRef must be given',
      path: ['indicator'],
    }),
});

/** @internal */
export type SloDocument = z.infer<typeof sloDocumentSchema>;
/** @internal */
export type SliSpec = z.infer<typeof sliSpecSchema>;
/** @internal */
export type AlertPolicySpec = z.infer<typeof alertPolicySpecSchema>;
/** @internal */
export type AlertConditionSpec = z.infer<typeof alertConditionSpecSchema>;
/** @internal */
export type MetricSource = z.infer<typeof metricSourceSchema>;
