import { SloTimeWindow } from './model';

function zoneOffsetMs(instantMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instantMs));
  const get = (type: string) => Number(parts.find(p => p.type === type)!.value);
  const wall = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return wall - Math.floor(instantMs / 1000) * 1000;
}

function wallClockToUtc(fields: number[], timeZone: string): number {
  const [year, month, day, hour, minute, second] = fields;
  const guess = Date.UTC(year, month, day, hour, minute, second);
  const first = guess - zoneOffsetMs(guess, timeZone);
  return guess - zoneOffsetMs(first, timeZone);
}

/** Start and end (milliseconds since the epoch) of a window. @public */
export interface WindowBounds {
  startMs: number;
  endMs: number;
}

/**
 * The SLO window that contains `nowMs`: for a rolling window the trailing
 * duration, for a calendar window the current calendar period (in its time
 * zone, counted from `startTime`).
 *
 * @public
 */
export function sloWindowAt(
  window: SloTimeWindow,
  nowMs: number,
): WindowBounds {
  if (window.kind === 'rolling') {
    return { startMs: nowMs - window.seconds * 1000, endMs: nowMs };
  }
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(
    window.startTime,
  )!;
  const base = match.slice(1).map(Number);
  base[1] -= 1;
  const startOf = (k: number) => {
    const fields = [...base];
    const steps = k * window.count;
    switch (window.unit) {
      case 'd':
        fields[2] += steps;
        break;
      case 'w':
        fields[2] += 7 * steps;
        break;
      case 'M':
        fields[1] += steps;
        break;
      case 'Q':
        fields[1] += 3 * steps;
        break;
      default:
        fields[0] += steps;
    }
    return wallClockToUtc(fields, window.timeZone);
  };
  const approximateMs =
    window.count *
    { d: 86400e3, w: 604800e3, M: 2629746e3, Q: 7889238e3, Y: 31556952e3 }[
      window.unit
    ];
  let k = Math.floor((nowMs - startOf(0)) / approximateMs);
  while (startOf(k) > nowMs) k--;
  while (startOf(k + 1) <= nowMs) k++;
  return { startMs: startOf(k), endMs: startOf(k + 1) };
}
