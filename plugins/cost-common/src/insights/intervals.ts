/**
 * Inclusive days `YYYY-MM-DD`.
 *
 * @public
 */
export interface CostDayRange {
  from: string;
  to: string;
}

/**
 * An ISO 8601 repeating interval as the community cost-insights plugin sends
 * it, resolved to days: `buckets` oldest first, each inclusive; `from` and
 * `to` span all of them.
 *
 * @public
 */
export interface RepeatingIntervals {
  from: string;
  to: string;
  buckets: CostDayRange[];
}

const MAX_INTERVALS_LENGTH = 64;
const INTERVALS = /^R(\d{1,2})\/P(\d{1,3})([DM])\/(\d{4}-\d{2}-\d{2})$/;

const DAY_MS = 86_400_000;
const dayOf = (time: number) => new Date(time).toISOString().slice(0, 10);

/** `day` minus `months` calendar months, the day clamped to the month end. */
function minusMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const index = y * 12 + (m - 1) - months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return dayOf(Date.UTC(year, month, Math.min(d, lastDay)));
}

const isCalendarDay = (day: string) => {
  const time = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(time) && dayOf(time) === day;
};

/**
 * Parses a repeating interval `R<n>/P<d>D/<end>` or `R<n>/P<m>M/<end>`: `n`
 * periods of `d` days or `m` calendar months, the last one ending the day
 * before `end` (the interval's end is exclusive, as the community plugin
 * builds it). Throws an `Error` that says what is wrong.
 *
 * @public
 */
export function parseRepeatingIntervals(text: string): RepeatingIntervals {
  const shown =
    text.length > MAX_INTERVALS_LENGTH
      ? `${JSON.stringify(text.slice(0, MAX_INTERVALS_LENGTH))}...`
      : JSON.stringify(text);
  const m = INTERVALS.exec(text);
  if (!m) {
    throw new Error(
      `unsupported intervals ${shown}, expected R<repeats>/P<days>D/<end date> or R<repeats>/P<months>M/<end date>, e.g. R2/P30D/2020-09-01`,
    );
  }
  const repeats = Number(m[1]);
  const length = Number(m[2]);
  if (repeats < 1 || length < 1) {
    throw new Error(
      `unsupported intervals ${shown}: repeats and duration must be at least 1`,
    );
  }
  const end = m[4];
  if (!isCalendarDay(end)) {
    throw new Error(`unsupported intervals ${shown}: ${end} is not a date`);
  }
  const boundary = (i: number) =>
    m[3] === 'D'
      ? dayOf(Date.parse(`${end}T00:00:00Z`) - i * length * DAY_MS)
      : minusMonths(end, i * length);
  const buckets: CostDayRange[] = [];
  for (let i = repeats; i >= 1; i--) {
    const start = boundary(i);
    const next = boundary(i - 1);
    buckets.push({
      from: start,
      to: dayOf(Date.parse(`${next}T00:00:00Z`) - DAY_MS),
    });
  }
  return { from: buckets[0].from, to: buckets[buckets.length - 1].to, buckets };
}
