/**
 * Durations as OpenSLO writes them (`5m`, `1h`, `28d`, `1w`, `1M`, `1Q`,
 * `1Y`) and as Prometheus reads them.
 */

/** @public */
export type DurationUnit = 's' | 'm' | 'h' | 'd' | 'w' | 'M' | 'Q' | 'Y';

/** @public */
export interface ParsedDuration {
  count: number;
  unit: DurationUnit;
}

const FIXED_UNIT_SECONDS: Record<string, number> = {
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
  w: 604800,
};

const DURATION_PATTERN = /^([1-9][0-9]{0,5})(s|m|h|d|w|M|Q|Y)$/;

/**
 * Parses an OpenSLO duration shorthand, or returns undefined when the text is
 * not one.
 *
 * @public
 */
export function parseDuration(text: string): ParsedDuration | undefined {
  const match = DURATION_PATTERN.exec(text);
  if (!match) {
    return undefined;
  }
  return { count: Number(match[1]), unit: match[2] as DurationUnit };
}

/**
 * Length in seconds of a duration with a fixed length (seconds to weeks);
 * undefined for calendar units (month, quarter, year).
 *
 * @public
 */
export function fixedDurationSeconds(
  duration: ParsedDuration,
): number | undefined {
  const unitSeconds = FIXED_UNIT_SECONDS[duration.unit];
  return unitSeconds === undefined ? undefined : duration.count * unitSeconds;
}

/**
 * Writes a number of seconds as the shortest exact Prometheus duration
 * (`30d`, `6h`, `5m`, `90s`).
 *
 * @public
 */
export function formatPromDuration(seconds: number): string {
  if (!Number.isInteger(seconds) || seconds <= 0) {
    throw new RangeError(`not a positive whole number of seconds: ${seconds}`);
  }
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (seconds % size === 0) {
      return `${seconds / size}${unit}`;
    }
  }
  return `${seconds}s`;
}

/**
 * Human-readable length of time ("43m 12s", "2d 1h") for budgets and
 * time to exhaustion.
 *
 * @public
 */
export function formatHumanDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) {
    return 'never';
  }
  const sign = seconds < 0 ? '-' : '';
  let rest = Math.round(Math.abs(seconds));
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    if (rest >= size || (unit === 's' && parts.length === 0)) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
    if (parts.length === 2) {
      break;
    }
  }
  return sign + parts.join(' ');
}
