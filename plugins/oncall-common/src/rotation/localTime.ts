import { DateTime, IANAZone } from 'luxon';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * A wall-clock date and time without a zone, as milliseconds since the epoch
 * of a clock that never changes offset (the local time read as if it were UTC).
 *
 * @public
 */
export type WallClockMs = number;

/**
 * How a wall-clock time was mapped to an instant in a time zone.
 *
 * - `exact`: the local time exists once.
 * - `gap`: the local time does not exist (clocks jump forward over it); it is
 *   read with the offset in force before the jump, which moves it forward by
 *   the length of the gap (02:30 on a 02:00 to 03:00 jump becomes 03:30).
 * - `overlap`: the local time exists twice (clocks fall back); the earlier of
 *   the two instants is used.
 *
 * These are the rules of RFC 5545 and of Temporal's `compatible`
 * disambiguation.
 *
 * @public
 */
export type LocalTimeResolution = 'exact' | 'gap' | 'overlap';

/** @public */
export function isValidTimeZone(timeZone: string): boolean {
  return IANAZone.isValidZone(timeZone);
}

const OFFSET_CACHE_LIMIT = 100_000;
const offsetCache = new Map<string, number>();

/**
 * Offset of the zone at an instant, in milliseconds. Memoised per exact
 * instant (bounded), since rotation math asks for the same handoff instants
 * many times.
 */
export function zoneOffsetMs(instantMs: number, timeZone: string): number {
  const key = `${timeZone}|${instantMs}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  const offset =
    DateTime.fromMillis(instantMs, { zone: timeZone }).offset * MINUTE_MS;
  if (offsetCache.size >= OFFSET_CACHE_LIMIT) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

/** The wall-clock reading of an instant in a zone. */
export function toWallClock(instantMs: number, timeZone: string): WallClockMs {
  return instantMs + zoneOffsetMs(instantMs, timeZone);
}

/**
 * Maps a wall-clock time in a zone to an instant, with gaps moved forward and
 * overlaps resolved to the earlier instant.
 *
 * @public
 */
export function resolveWallClock(
  wallClock: WallClockMs,
  timeZone: string,
): { instant: number; resolution: LocalTimeResolution } {
  const offsetBefore = zoneOffsetMs(wallClock - DAY_MS, timeZone);
  const offsetAfter = zoneOffsetMs(wallClock + DAY_MS, timeZone);
  const candidates = [
    ...new Set([offsetBefore, offsetAfter, zoneOffsetMs(wallClock, timeZone)]),
  ]
    .map(offset => wallClock - offset)
    .filter(instant => toWallClock(instant, timeZone) === wallClock)
    .sort((a, b) => a - b);
  if (candidates.length === 0) {
    return { instant: wallClock - offsetBefore, resolution: 'gap' };
  }
  return {
    instant: candidates[0],
    resolution: candidates.length > 1 ? 'overlap' : 'exact',
  };
}

/** Parses `YYYY-MM-DD` and `HH:mm` into a wall-clock time. */
export function wallClockOf(date: string, time: string): WallClockMs {
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  return Date.UTC(year, month - 1, day, hour, minute);
}

/** Minutes since midnight of `HH:mm`. */
export function minutesOfDay(time: string): number {
  const [hour, minute] = time.split(':').map(Number);
  return hour * 60 + minute;
}

export const WALL_CLOCK_DAY_MS = DAY_MS;
export const WALL_CLOCK_MINUTE_MS = MINUTE_MS;
