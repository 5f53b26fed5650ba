import { addDays, dayCount } from '@opsdeck/plugin-cost-common';
/**
 * The period a cost view shows: a preset relative to the last day with data
 * or a custom range of inclusive days, and how it is kept in the URL query
 * string (`?period=90d`, `?from=2026-01-01&to=2026-03-31`).
 */

/** Presets; `Nd` end at the last day with data. */
export const PRESET_PERIODS = [
  '7d',
  '30d',
  '90d',
  'this-month',
  'previous-month',
] as const;

export type PresetPeriod = (typeof PRESET_PERIODS)[number];

export const PRESET_LABELS: Record<PresetPeriod, string> = {
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  'this-month': 'This month',
  'previous-month': 'Previous month',
};

export type PeriodSelection =
  | { kind: 'preset'; preset: PresetPeriod }
  | { kind: 'custom'; from: string; to: string };

/** Inclusive days `YYYY-MM-DD`. */
export interface DayRange {
  from: string;
  to: string;
}

/** What the backend shows without a period: the last 30 days with data. */
export const DEFAULT_PERIOD: PeriodSelection = {
  kind: 'preset',
  preset: '30d',
};

/** Longest custom range, in days. */
export const MAX_PERIOD_DAYS = 366;

const PRESET_DAYS: Partial<Record<PresetPeriod, number>> = {
  '7d': 7,
  '30d': 30,
  '90d': 90,
};

/** Whether `value` is a real calendar day written `YYYY-MM-DD`. */
export function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return false;
  }
  const time = Date.parse(`${value}T00:00:00Z`);
  return (
    !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value
  );
}

/** Today in UTC, the day the backend falls back to without data. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Why `from`–`to` is not a usable custom range, or `undefined`. */
export function validateRange(from: string, to: string): string | undefined {
  if (!from || !to) {
    return 'Enter both the first and the last day of the period.';
  }
  for (const [name, value] of [
    ['first', from],
    ['last', to],
  ]) {
    if (!isDay(value)) {
      return `The ${name} day “${value}” is not a date (YYYY-MM-DD).`;
    }
  }
  if (from > to) {
    return `The first day (${from}) is after the last day (${to}).`;
  }
  const days = dayCount(from, to);
  if (days > MAX_PERIOD_DAYS) {
    return `A period is at most ${MAX_PERIOD_DAYS} days; ${from} to ${to} has ${days}.`;
  }
  return undefined;
}

/** The selection a URL query string asks for, and why it is unusable. */
export function parsePeriodParams(params: URLSearchParams): {
  selection: PeriodSelection;
  error?: string;
} {
  const from = params.get('from');
  const to = params.get('to');
  if (from !== null || to !== null) {
    const selection: PeriodSelection = {
      kind: 'custom',
      from: from ?? '',
      to: to ?? '',
    };
    return { selection, error: validateRange(selection.from, selection.to) };
  }
  const period = params.get('period');
  if (period === null) {
    return { selection: DEFAULT_PERIOD };
  }
  if ((PRESET_PERIODS as readonly string[]).includes(period)) {
    return {
      selection: { kind: 'preset', preset: period as PresetPeriod },
    };
  }
  return {
    selection: DEFAULT_PERIOD,
    error: `Unknown period “${period}”: choose one from the list.`,
  };
}

/** `params` with the period replaced by `selection`; other keys are kept. */
export function writePeriodParams(
  params: URLSearchParams,
  selection: PeriodSelection,
): URLSearchParams {
  const next = new URLSearchParams(params);
  next.delete('period');
  next.delete('from');
  next.delete('to');
  if (selection.kind === 'custom') {
    next.set('from', selection.from);
    next.set('to', selection.to);
  } else {
    next.set('period', selection.preset);
  }
  return next;
}

/**
 * The days a selection covers. Presets are relative to `lastDay`, the last
 * day with data: `Nd` are the N days up to it, "this month" runs from the
 * first of its month to it, "previous month" is the whole month before.
 */
export function resolvePeriod(
  selection: PeriodSelection,
  lastDay: string,
): DayRange {
  if (selection.kind === 'custom') {
    return { from: selection.from, to: selection.to };
  }
  const days = PRESET_DAYS[selection.preset];
  if (days !== undefined) {
    return { from: addDays(lastDay, -(days - 1)), to: lastDay };
  }
  const firstOfMonth = `${lastDay.slice(0, 7)}-01`;
  if (selection.preset === 'this-month') {
    return { from: firstOfMonth, to: lastDay };
  }
  const endOfPrevious = addDays(firstOfMonth, -1);
  return { from: `${endOfPrevious.slice(0, 7)}-01`, to: endOfPrevious };
}

/** Whether a selection is the one shown without a period in the URL. */
export function isDefaultPeriod(selection: PeriodSelection): boolean {
  return (
    selection.kind === 'preset' &&
    DEFAULT_PERIOD.kind === 'preset' &&
    selection.preset === DEFAULT_PERIOD.preset
  );
}

/** `2026-01-01 to 2026-01-31 (31 days)`. */
export function describeRange(range: DayRange): string {
  const days = dayCount(range.from, range.to);
  return `${range.from} to ${range.to} (${days} ${
    days === 1 ? 'day' : 'days'
  })`;
}
