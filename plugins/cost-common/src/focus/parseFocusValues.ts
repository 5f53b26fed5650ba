const DECIMAL = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Parses a FOCUS decimal. Returns `undefined` for anything that is not a
 * finite number written in plain or scientific notation (no thousands
 * separators, no currency symbols, no `NaN`/`Infinity`).
 *
 * @public
 */
export function parseFocusDecimal(text: string): number | undefined {
  if (!DECIMAL.test(text)) {
    return undefined;
  }
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * Parses a FOCUS date/time (ISO 8601, UTC `Z` or an explicit offset; a bare
 * date means midnight UTC). Returns epoch milliseconds, or `undefined` for
 * text that is not a real calendar date and time.
 *
 * @public
 */
export function parseFocusDateTime(text: string): number | undefined {
  const m = DATETIME.exec(text);
  if (!m) {
    return undefined;
  }
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(utc);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day
  ) {
    return undefined;
  }
  let offsetMinutes = 0;
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes =
      sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  }
  const millis = frac ? Math.floor(Number(`0${frac}`) * 1000) : 0;
  return utc + millis - offsetMinutes * 60_000;
}

/**
 * `YYYY-MM-DD` of an epoch-milliseconds instant, in UTC.
 *
 * @public
 */
export function utcDay(epochMillis: number): string {
  return new Date(epochMillis).toISOString().slice(0, 10);
}
