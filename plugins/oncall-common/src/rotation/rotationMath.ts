import {
  LocalTimeResolution,
  WALL_CLOCK_DAY_MS,
  WALL_CLOCK_MINUTE_MS,
  minutesOfDay,
  resolveWallClock,
  toWallClock,
  wallClockOf,
} from './localTime';
import {
  RotationFile,
  RotationLayer,
  RotationSchedule,
  WEEKDAYS,
} from './rotationSchema';

const HOUR_MS = 3_600_000;

/**
 * A shift swapped through the API: `userRef` is on call for `schedule`
 * from `start` (inclusive) to `end` (exclusive), above every layer.
 *
 * @public
 */
export interface RotationOverride {
  id: string;
  schedule: string;
  userRef: string;
  /** ISO 8601 instant. */
  start: string;
  /** ISO 8601 instant. */
  end: string;
}

/** A handoff of a layer: shift `index` starts at `instant`. @public */
export interface Handoff {
  index: number;
  instant: number;
  /** How the local handoff time was mapped (see {@link LocalTimeResolution}). */
  resolution: LocalTimeResolution;
}

/**
 * A stretch of time with one assignment (or nobody), `[start, end)` in epoch
 * milliseconds.
 *
 * @public
 */
export interface ScheduleSegment {
  start: number;
  end: number;
  userRef?: string;
  layer?: string;
  overrideId?: string;
}

function layerLengthMs(layer: RotationLayer): number {
  const { hours, days, weeks } = layer.rotationLength;
  return ((hours ?? 0) + (days ?? 0) * 24 + (weeks ?? 0) * 24 * 7) * HOUR_MS;
}

/**
 * The handoff that starts shift `index` of a layer. Handoffs follow the wall
 * clock of the rotation's time zone: a weekly Monday 09:00 handoff stays at
 * 09:00 local time across daylight-saving changes, so that shift lasts 167 or
 * 169 hours.
 *
 * @public
 */
export function handoffAt(
  layer: RotationLayer,
  timeZone: string,
  index: number,
): Handoff {
  const wall =
    wallClockOf(layer.start, layer.handoffTime) + index * layerLengthMs(layer);
  const { instant, resolution } = resolveWallClock(wall, timeZone);
  return { index, instant, resolution };
}

/** Handoffs of a layer with `from <= instant < to`. @public */
export function handoffsBetween(
  layer: RotationLayer,
  timeZone: string,
  from: number,
  to: number,
): Handoff[] {
  const length = layerLengthMs(layer);
  const startWall = wallClockOf(layer.start, layer.handoffTime);
  const first = Math.max(
    0,
    Math.floor((toWallClock(from, timeZone) - startWall) / length) - 1,
  );
  const last = Math.ceil((toWallClock(to, timeZone) - startWall) / length) + 1;
  const result: Handoff[] = [];
  for (let i = first; i <= last; i++) {
    const h = handoffAt(layer, timeZone, i);
    if (h.instant >= from && h.instant < to) result.push(h);
  }
  return result;
}

/**
 * The shift of a layer at an instant (ignoring restrictions), or undefined
 * before the layer's first handoff. Where two handoffs fall on the same
 * instant (a shift shorter than a daylight-saving gap), the empty shift is
 * skipped.
 *
 * @public
 */
export function shiftAt(
  layer: RotationLayer,
  timeZone: string,
  instant: number,
): { index: number; start: number; end: number; userRef: string } | undefined {
  const first = handoffAt(layer, timeZone, 0);
  if (instant < first.instant) return undefined;
  const length = layerLengthMs(layer);
  const startWall = wallClockOf(layer.start, layer.handoffTime);
  let index = Math.max(
    0,
    Math.floor((toWallClock(instant, timeZone) - startWall) / length),
  );
  while (index > 0 && handoffAt(layer, timeZone, index).instant > instant) {
    index--;
  }
  while (handoffAt(layer, timeZone, index + 1).instant <= instant) {
    index++;
  }
  return {
    index,
    start: handoffAt(layer, timeZone, index).instant,
    end: handoffAt(layer, timeZone, index + 1).instant,
    userRef: layer.members[index % layer.members.length],
  };
}

function localDayStart(instant: number, timeZone: string): number {
  const wall = toWallClock(instant, timeZone);
  return (
    wall -
    (((wall % WALL_CLOCK_DAY_MS) + WALL_CLOCK_DAY_MS) % WALL_CLOCK_DAY_MS)
  );
}

function weekdayOfWallDay(wallDay: number) {
  // 1970-01-01 was a Thursday.
  const index = (Math.floor(wallDay / WALL_CLOCK_DAY_MS) + 3) % 7;
  return WEEKDAYS[(index + 7) % 7];
}

/** Restriction windows `[start, end)` that begin on a local day. */
function windowsOfDay(
  layer: RotationLayer,
  timeZone: string,
  wallDay: number,
): Array<[number, number]> {
  const weekday = weekdayOfWallDay(wallDay);
  const result: Array<[number, number]> = [];
  for (const r of layer.restrictions ?? []) {
    if (!r.days.includes(weekday)) continue;
    const startMin = minutesOfDay(r.start);
    let endMin = minutesOfDay(r.end);
    if (endMin <= startMin) endMin += 24 * 60;
    result.push([
      resolveWallClock(wallDay + startMin * WALL_CLOCK_MINUTE_MS, timeZone)
        .instant,
      resolveWallClock(wallDay + endMin * WALL_CLOCK_MINUTE_MS, timeZone)
        .instant,
    ]);
  }
  return result;
}

/**
 * Whether a layer covers an instant under its restrictions (a layer without
 * restrictions covers all time). Windows are local times in the rotation's
 * zone; an end at or before the start runs past midnight.
 *
 * @public
 */
export function isWithinRestrictions(
  layer: RotationLayer,
  timeZone: string,
  instant: number,
): boolean {
  if (!layer.restrictions?.length) return true;
  const today = localDayStart(instant, timeZone);
  for (const day of [today - WALL_CLOCK_DAY_MS, today]) {
    for (const [s, e] of windowsOfDay(layer, timeZone, day)) {
      if (s <= instant && instant < e) return true;
    }
  }
  return false;
}

function restrictionBoundaries(
  layer: RotationLayer,
  timeZone: string,
  from: number,
  to: number,
): number[] {
  if (!layer.restrictions?.length) return [];
  const result: number[] = [];
  const last = localDayStart(to, timeZone) + WALL_CLOCK_DAY_MS;
  for (
    let day = localDayStart(from, timeZone) - WALL_CLOCK_DAY_MS;
    day <= last;
    day += WALL_CLOCK_DAY_MS
  ) {
    for (const [s, e] of windowsOfDay(layer, timeZone, day)) {
      result.push(s, e);
    }
  }
  return result;
}

/**
 * Who a schedule puts on call at an instant: the last override covering it,
 * else the last layer (layers are listed lowest priority first, as in
 * PagerDuty) whose shift and restrictions cover it.
 *
 * @public
 */
export function assignmentAt(
  schedule: RotationSchedule,
  timeZone: string,
  instant: number,
  overrides: RotationOverride[] = [],
): Omit<ScheduleSegment, 'start' | 'end'> {
  for (let i = overrides.length - 1; i >= 0; i--) {
    const o = overrides[i];
    if (
      o.schedule === schedule.name &&
      Date.parse(o.start) <= instant &&
      instant < Date.parse(o.end)
    ) {
      return { userRef: o.userRef, overrideId: o.id };
    }
  }
  for (let i = schedule.layers.length - 1; i >= 0; i--) {
    const layer = schedule.layers[i];
    const shift = shiftAt(layer, timeZone, instant);
    if (shift && isWithinRestrictions(layer, timeZone, instant)) {
      return { userRef: shift.userRef, layer: layer.name };
    }
  }
  return {};
}

function sameAssignment(
  a: Omit<ScheduleSegment, 'start' | 'end'>,
  b: Omit<ScheduleSegment, 'start' | 'end'>,
) {
  return (
    a.userRef === b.userRef &&
    a.layer === b.layer &&
    a.overrideId === b.overrideId
  );
}

/**
 * The final schedule over `[from, to)`: consecutive segments, merged where the
 * assignment does not change, covering the whole range.
 *
 * @public
 */
export function scheduleSegments(
  schedule: RotationSchedule,
  timeZone: string,
  from: number,
  to: number,
  overrides: RotationOverride[] = [],
): ScheduleSegment[] {
  if (!(to > from)) return [];
  const points = new Set<number>([from]);
  const add = (p: number) => {
    if (p > from && p < to) points.add(p);
  };
  for (const layer of schedule.layers) {
    handoffsBetween(layer, timeZone, from, to).forEach(h => add(h.instant));
    restrictionBoundaries(layer, timeZone, from, to).forEach(add);
  }
  for (const o of overrides) {
    if (o.schedule !== schedule.name) continue;
    add(Date.parse(o.start));
    add(Date.parse(o.end));
  }
  const sorted = [...points].sort((a, b) => a - b);
  const segments: ScheduleSegment[] = [];
  sorted.forEach((start, i) => {
    const end = i + 1 < sorted.length ? sorted[i + 1] : to;
    const assignment = assignmentAt(schedule, timeZone, start, overrides);
    const previous = segments[segments.length - 1];
    if (previous && sameAssignment(previous, assignment)) {
      previous.end = end;
    } else {
      segments.push({ start, end, ...assignment });
    }
  });
  return segments;
}

const SCAN_WINDOW_MS = 14 * 24 * HOUR_MS;
const SCAN_HORIZON_MS = 400 * 24 * HOUR_MS;
const SCAN_LOOKBACK_MS = 35 * 24 * HOUR_MS;

function* mergedSegments(
  schedule: RotationSchedule,
  timeZone: string,
  at: number,
  overrides: RotationOverride[],
): Generator<ScheduleSegment> {
  let pending: ScheduleSegment | undefined;
  for (let from = at; from < at + SCAN_HORIZON_MS; from += SCAN_WINDOW_MS) {
    const window = scheduleSegments(
      schedule,
      timeZone,
      from,
      from + SCAN_WINDOW_MS,
      overrides,
    );
    for (const segment of window) {
      if (pending && sameAssignment(pending, segment)) {
        pending.end = segment.end;
        continue;
      }
      if (pending) yield pending;
      pending = { ...segment };
    }
  }
  if (pending) yield pending;
}

/**
 * The segment a schedule is in at `at` and the next segment with someone
 * else on call, each with its real end (searched up to 400 days ahead); the
 * current segment's start is searched up to 35 days back. A person's
 * back-to-back segments from different layers or overrides count as one
 * stretch: its end is when that person stops being on call, and "next" is
 * never the person who is on call now.
 *
 * @public
 */
export function currentAndNext(
  schedule: RotationSchedule,
  timeZone: string,
  at: number,
  overrides: RotationOverride[] = [],
): { now: ScheduleSegment; next?: ScheduleSegment } {
  let now: ScheduleSegment | undefined;
  let next: ScheduleSegment | undefined;
  const continues = (stretch: ScheduleSegment, segment: ScheduleSegment) =>
    segment.start === stretch.end && segment.userRef === stretch.userRef;
  const scanFrom = at - SCAN_LOOKBACK_MS;
  for (const segment of mergedSegments(
    schedule,
    timeZone,
    scanFrom,
    overrides,
  )) {
    if (segment.end <= at) continue;
    if (!now) {
      now = { ...segment };
    } else if (!next && now.userRef && continues(now, segment)) {
      now.end = segment.end;
    } else if (!next) {
      if (segment.userRef) {
        next = { ...segment };
      }
    } else if (continues(next, segment)) {
      next.end = segment.end;
    } else {
      break;
    }
  }
  return {
    now: now ?? { start: at, end: at + SCAN_HORIZON_MS },
    ...(next ? { next } : {}),
  };
}

/** One person on call, with the stretch of time they hold it. @public */
export interface OnCallShift {
  userRef: string;
  /** ISO instant the assignment started, or null for a permanent target. */
  start: string | null;
  /** ISO instant the assignment ends, or null for a permanent target. */
  end: string | null;
  schedule?: string;
  layer?: string;
  overrideId?: string;
}

/** Who is on call now and next at one escalation level. @public */
export interface EscalationLevelOnCall {
  /** 1-based level number. */
  level: number;
  /** Minutes after an unacknowledged trigger before this level is notified. */
  delayMinutes: number;
  now: OnCallShift[];
  next: OnCallShift[];
}

function toShift(
  segment: ScheduleSegment,
  schedule: string,
): OnCallShift | undefined {
  if (!segment.userRef) return undefined;
  return {
    userRef: segment.userRef,
    start: new Date(segment.start).toISOString(),
    end: new Date(segment.end).toISOString(),
    schedule,
    ...(segment.layer ? { layer: segment.layer } : {}),
    ...(segment.overrideId ? { overrideId: segment.overrideId } : {}),
  };
}

/**
 * Who is on call now and next, per escalation level, at an instant.
 *
 * @public
 */
export function whoIsOnCall(
  rotation: RotationFile,
  at: number,
  overrides: RotationOverride[] = [],
): EscalationLevelOnCall[] {
  const { timeZone, schedules, escalationPolicy } = rotation.spec;
  const cache = new Map<string, ReturnType<typeof currentAndNext>>();
  return escalationPolicy.levels.map((level, i) => {
    const now: OnCallShift[] = [];
    const next: OnCallShift[] = [];
    for (const target of level.targets) {
      if ('user' in target) {
        now.push({ userRef: target.user, start: null, end: null });
        continue;
      }
      const schedule = schedules.find(s => s.name === target.schedule)!;
      let result = cache.get(schedule.name);
      if (!result) {
        result = currentAndNext(schedule, timeZone, at, overrides);
        cache.set(schedule.name, result);
      }
      const current = toShift(result.now, schedule.name);
      if (current) now.push(current);
      const upcoming = result.next && toShift(result.next, schedule.name);
      if (upcoming) next.push(upcoming);
    }
    return { level: i + 1, delayMinutes: level.delayMinutes, now, next };
  });
}
