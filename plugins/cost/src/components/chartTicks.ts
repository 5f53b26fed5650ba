/**
 * Axis ticks of the daily cost chart: date labels that never overlap,
 * whatever the number of days, and round currency values.
 */

const monthFormat = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  timeZone: 'UTC',
});
const MONTH_NAMES = Array.from({ length: 12 }, (_, m) =>
  monthFormat.format(Date.UTC(2000, m, 1)),
);

/** `Jan` for `2026-01-31`. */
function monthOf(date: string): string {
  return MONTH_NAMES[Number(date.slice(5, 7)) - 1];
}

/** Smallest free space between two date labels, in chart units. */
export const LABEL_GAP = 8;

/** A date label under the column `index`, with the year below it or not. */
export interface DateTick {
  index: number;
  label: string;
  year?: string;
}

/**
 * Width a label takes at `fontSize`, erring on the wide side (0.62 em per
 * character covers digits and the usual sans-serif capitals).
 */
export function labelWidth(label: string, fontSize: number): number {
  return label.length * fontSize * 0.62;
}

function dayLabel(date: string) {
  return {
    label: `${monthOf(date)} ${Number(date.slice(8, 10))}`,
  };
}

/** Width of a tick's widest line. */
export function tickWidth(tick: DateTick, fontSize: number): number {
  return Math.max(
    labelWidth(tick.label, fontSize),
    tick.year ? labelWidth(tick.year, fontSize) : 0,
  );
}

function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** Candidate tick sets, from the densest to the sparsest, made on demand. */
function candidates(dates: string[]): Array<() => DateTick[]> {
  const n = dates.length;
  const at = (
    pick: (date: string, i: number) => boolean,
    label: (date: string, i: number) => Omit<DateTick, 'index'> = dayLabel,
  ) =>
    dates.flatMap((date, index) =>
      pick(date, index) ? [{ index, ...label(date, index) }] : [],
    );
  const mondays = dates.flatMap((d, i) => (weekday(d) === 1 ? [i] : []));
  const everyNthMonday = (k: number) => {
    const set = new Set(mondays.filter((_, j) => j % k === 0));
    return at((_, i) => set.has(i));
  };
  const months = (every: number) => {
    const firsts = dates.flatMap((d, i) =>
      d.endsWith('-01') && (Number(d.slice(5, 7)) - 1) % every === 0 ? [i] : [],
    );
    const picked = new Set(firsts);
    return at(
      (_, i) => picked.has(i),
      (d, i) => ({
        label: monthOf(d),
        ...(d.slice(5, 7) === '01' || i === firsts[0]
          ? { year: d.slice(0, 4) }
          : {}),
      }),
    );
  };
  return [
    () => at(() => true),
    // Every other day, ending on the last one.
    () => at((_, i) => (n - 1 - i) % 2 === 0),
    () => everyNthMonday(1),
    () => everyNthMonday(2),
    () => months(1),
    () => months(2),
    () => months(3),
    () => months(6),
  ];
}

/** Whether consecutive labels keep at least {@link LABEL_GAP} between them. */
export function ticksFit(
  ticks: DateTick[],
  columnWidth: number,
  fontSize: number,
): boolean {
  for (let i = 1; i < ticks.length; i++) {
    const distance = (ticks[i].index - ticks[i - 1].index) * columnWidth;
    const needed =
      (tickWidth(ticks[i], fontSize) + tickWidth(ticks[i - 1], fontSize)) / 2 +
      LABEL_GAP;
    if (distance < needed) {
      return false;
    }
  }
  return true;
}

/**
 * Date labels for `dates` (one column each over `plotWidth`): every day
 * when they fit, else every other day, Mondays, every other Monday, the
 * first of each month (with the year below January and the first label), of
 * every second, third or sixth month: the densest set that does not overlap.
 */
export function dateTicks(
  dates: string[],
  plotWidth: number,
  fontSize: number,
): DateTick[] {
  if (dates.length === 0) {
    return [];
  }
  const columnWidth = plotWidth / dates.length;
  let sparsest: DateTick[] = [];
  for (const make of candidates(dates)) {
    const ticks = make();
    if (ticks.length > 0) {
      if (ticksFit(ticks, columnWidth, fontSize)) {
        return ticks;
      }
      sparsest = ticks;
    }
  }
  return sparsest;
}

/** Round values from 0 to at least `max`, about `count` steps. */
export function valueTicks(max: number, count = 4): number[] {
  const top = max > 0 ? max : 1;
  const raw = top / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const normalized = raw / magnitude;
  const factor = [1, 2, 2.5, 5, 10].find(f => normalized <= f) ?? 10;
  const step = factor * magnitude;
  const steps = Math.ceil(top / step - 1e-9);
  return Array.from({ length: steps + 1 }, (_, i) =>
    Number((i * step).toPrecision(12)),
  );
}
