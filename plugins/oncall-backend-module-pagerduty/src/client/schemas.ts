import { z } from 'zod';

/** The parts of PagerDuty REST v2 and Events v2 answers the provider reads. */

const reference = z.object({
  id: z.string(),
  summary: z.string().nullish(),
  html_url: z.string().nullish(),
});

export const escalationRuleSchema = z.object({
  escalation_delay_in_minutes: z.number().int().min(0),
  targets: z.array(z.object({ id: z.string(), type: z.string() })).default([]),
});

export const escalationPolicySchema = reference.extend({
  escalation_rules: z.array(escalationRuleSchema).optional(),
});

export const serviceResponseSchema = z.object({
  service: reference.extend({
    name: z.string().nullish(),
    escalation_policy: escalationPolicySchema,
  }),
});

export const escalationPolicyResponseSchema = z.object({
  escalation_policy: escalationPolicySchema.extend({
    escalation_rules: z.array(escalationRuleSchema),
  }),
});

const pageSchema = z.object({
  limit: z.number().int().nullish(),
  offset: z.number().int().nullish(),
  more: z.boolean().nullish(),
});

const userSchema = z.object({
  id: z.string(),
  name: z.string().nullish(),
  summary: z.string().nullish(),
  email: z.string().nullish(),
  html_url: z.string().nullish(),
});

export const onCallEntrySchema = z.object({
  escalation_level: z.number().int().min(1),
  schedule: reference.nullish(),
  user: userSchema,
  start: z.string().nullable(),
  end: z.string().nullable(),
});

export const onCallsPageSchema = pageSchema.extend({
  oncalls: z.array(onCallEntrySchema),
});

export const incidentSchema = z.object({
  id: z.string(),
  incident_number: z.number().int().nullish(),
  title: z.string(),
  description: z.string().nullish(),
  status: z.enum(['triggered', 'acknowledged', 'resolved']),
  urgency: z.enum(['high', 'low']),
  created_at: z.string(),
  html_url: z.string().nullish(),
  priority: z.object({ summary: z.string().nullish() }).nullish(),
  acknowledgements: z.array(z.object({ at: z.string() })).nullish(),
  resolved_at: z.string().nullish(),
  last_status_change_at: z.string().nullish(),
  service: reference.nullish(),
});

export const incidentResponseSchema = z.object({ incident: incidentSchema });

export const logEntrySchema = z.object({
  id: z.string(),
  type: z.string(),
  created_at: z.string(),
  summary: z.string().nullish(),
  agent: z.object({ summary: z.string().nullish() }).nullish(),
  channel: z
    .object({ type: z.string().nullish(), summary: z.string().nullish() })
    .nullish(),
});

export const incidentsPageSchema = pageSchema.extend({
  incidents: z.array(incidentSchema),
});

export const logEntriesPageSchema = pageSchema.extend({
  log_entries: z.array(logEntrySchema),
});

export const eventResponseSchema = z.object({
  status: z.string(),
  message: z.string().nullish(),
  dedup_key: z.string().nullish(),
});

export type PagerDutyService = z.infer<typeof serviceResponseSchema>['service'];
export type PagerDutyEscalationRule = z.infer<typeof escalationRuleSchema>;
export type PagerDutyOnCallEntry = z.infer<typeof onCallEntrySchema>;
export type PagerDutyIncident = z.infer<typeof incidentSchema>;
export type PagerDutyLogEntry = z.infer<typeof logEntrySchema>;
