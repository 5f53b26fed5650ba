import {
  Incident,
  IncidentSeverity,
  IncidentTimelineEntry,
} from '@opsdeck/plugin-oncall-common';
import { PagerDutyIncident, PagerDutyLogEntry } from '../client/schemas';

/**
 * Severity of a PagerDuty incident, which has none of its own: from its
 * priority (P1 critical, P2 error, P3 warning, lower info), else from its
 * urgency (high error, low warning).
 */
export function severityOf(incident: PagerDutyIncident): IncidentSeverity {
  const priority = incident.priority?.summary?.match(/^P(\d)/i)?.[1];
  if (priority) {
    return (
      (['critical', 'error', 'warning'] as const)[Number(priority) - 1] ??
      'info'
    );
  }
  return incident.urgency === 'high' ? 'error' : 'warning';
}

const iso = (value: string) => new Date(value).toISOString();

/** A PagerDuty incident as the on-call API shows it (provider's own id). */
export function toIncident(
  incident: PagerDutyIncident,
  entityRef: string,
  source: string,
): Incident {
  const resolvedAt =
    incident.resolved_at ??
    (incident.status === 'resolved'
      ? incident.last_status_change_at
      : undefined);
  return {
    id: incident.id,
    source,
    entityRef,
    title: incident.title,
    ...(incident.description && incident.description !== incident.title
      ? { description: incident.description }
      : {}),
    severity: severityOf(incident),
    urgency: incident.urgency,
    status: incident.status,
    createdBy: source,
    createdAt: iso(incident.created_at),
    ...(incident.acknowledgements?.length
      ? { acknowledgedAt: iso(incident.acknowledgements[0].at) }
      : {}),
    ...(resolvedAt ? { resolvedAt: iso(resolvedAt) } : {}),
    ...(incident.html_url ? { url: incident.html_url } : {}),
  };
}

const STATE_ENTRIES: Record<string, IncidentTimelineEntry['status']> = {
  trigger_log_entry: 'triggered',
  acknowledge_log_entry: 'acknowledged',
  resolve_log_entry: 'resolved',
};

/**
 * Timeline entries from an incident's log entries: triggers, acknowledgements
 * and resolutions become state changes, notes (annotations) their text, and
 * every other entry (notifications, escalations, assignments) its summary.
 */
export function toTimeline(
  incidentId: string,
  entries: PagerDutyLogEntry[],
  source: string,
): IncidentTimelineEntry[] {
  return entries.map(entry => {
    const status = STATE_ENTRIES[entry.type];
    const base = {
      id: entry.id,
      incidentId,
      at: iso(entry.created_at),
      author: entry.agent?.summary ?? source,
    };
    if (status) {
      return {
        ...base,
        type: 'state' as const,
        status,
        ...(entry.type === 'resolve_log_entry' && entry.channel?.summary
          ? { text: entry.channel.summary }
          : {}),
      };
    }
    const text =
      entry.type === 'annotate_log_entry'
        ? entry.channel?.summary ?? entry.summary
        : entry.summary;
    return { ...base, type: 'note' as const, text: text ?? entry.type };
  });
}
