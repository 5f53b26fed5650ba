import { OnCallShiftWithUser } from '@opsdeck/plugin-oncall-common';
import { OnCallLevels } from '@opsdeck/plugin-oncall-node';
import {
  PagerDutyEscalationRule,
  PagerDutyOnCallEntry,
} from '../client/schemas';

interface Segment {
  entry: PagerDutyOnCallEntry;
  start: number;
  end: number;
}

const toTime = (value: string | null, unbounded: number) =>
  value === null ? unbounded : Date.parse(value);

/**
 * Who is on call now and next at every level of an escalation policy, from
 * PagerDuty's on-call entries (`GET /oncalls`, which already resolves
 * schedule layers and overrides into a final schedule).
 *
 * Entries are grouped per target (a schedule, or a user named directly in a
 * rule). Within a schedule, consecutive entries of the same user are joined:
 * PagerDuty cuts a shift where layers change even when the person does not,
 * and a card must say until when that person is really on call. Every rule of
 * the policy is a level, even one nobody is on call for; `delayMinutes` is the
 * time from trigger until the level is notified.
 */
export function onCallLevels(
  rules: PagerDutyEscalationRule[],
  entries: PagerDutyOnCallEntry[],
  at: Date,
): OnCallLevels {
  const now = at.getTime();
  const levelCount = Math.max(
    rules.length,
    ...entries.map(e => e.escalation_level),
  );
  const levels: OnCallLevels = [];
  let delayMinutes = 0;
  for (let level = 1; level <= levelCount; level++) {
    const byTarget = new Map<string, Segment[]>();
    for (const entry of entries) {
      if (entry.escalation_level !== level) continue;
      const target = entry.schedule?.id
        ? `schedule:${entry.schedule.id}`
        : `user:${entry.user.id}`;
      const segments = byTarget.get(target) ?? [];
      segments.push({
        entry,
        start: toTime(entry.start, -Infinity),
        end: toTime(entry.end, Infinity),
      });
      byTarget.set(target, segments);
    }
    const current: OnCallShiftWithUser[] = [];
    const upcoming: OnCallShiftWithUser[] = [];
    for (const segments of byTarget.values()) {
      const joined = joinSegments(segments);
      const nowSegment = joined.find(s => s.start <= now && now < s.end);
      if (nowSegment) current.push(toShift(nowSegment));
      const nextSegment = joined.find(
        s => s.start > now && (!nowSegment || s.start >= nowSegment.end),
      );
      if (nextSegment) upcoming.push(toShift(nextSegment));
    }
    levels.push({
      level,
      delayMinutes,
      now: uniqueShifts(current),
      next: uniqueShifts(upcoming),
    });
    delayMinutes += rules[level - 1]?.escalation_delay_in_minutes ?? 0;
  }
  return levels;
}

/** Sorted, duplicates dropped, touching segments of one user joined. */
function joinSegments(segments: Segment[]): Segment[] {
  const sorted = [...segments].sort(
    (a, b) => a.start - b.start || a.end - b.end,
  );
  const joined: Segment[] = [];
  for (const segment of sorted) {
    const last = joined[joined.length - 1];
    if (
      last &&
      last.entry.user.id === segment.entry.user.id &&
      segment.start <= last.end
    ) {
      if (segment.end > last.end) {
        joined[joined.length - 1] = { ...last, end: segment.end };
      }
      continue;
    }
    joined.push(segment);
  }
  return joined;
}

function toShift(segment: Segment): OnCallShiftWithUser {
  const { user, schedule } = segment.entry;
  const name = user.name ?? user.summary ?? undefined;
  return {
    user: {
      ...(name ? { displayName: name } : {}),
      ...(user.email ? { email: user.email } : {}),
      ...(user.html_url ? { url: user.html_url } : {}),
    },
    start: Number.isFinite(segment.start)
      ? new Date(segment.start).toISOString()
      : null,
    end: Number.isFinite(segment.end)
      ? new Date(segment.end).toISOString()
      : null,
    ...(schedule?.summary ? { schedule: schedule.summary } : {}),
  };
}

/** One shift per person and start: a user reached through two schedules shows once. */
function uniqueShifts(shifts: OnCallShiftWithUser[]): OnCallShiftWithUser[] {
  const seen = new Set<string>();
  return shifts.filter(shift => {
    const key = `${
      shift.user.url ?? shift.user.email ?? shift.user.displayName
    }|${shift.start}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
