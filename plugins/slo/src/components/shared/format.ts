import { formatHumanDuration, SloEvaluation } from '@opsdeck/plugin-slo-common';

export function percent(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return '—';
  }
  return `${(value * 100).toFixed(digits).replace(/\.?0+$/, '')}%`;
}

export function burn(value: number | null): string {
  return value === null ? 'no traffic' : `${value.toFixed(2)}×`;
}

/**
 * One line about an SLO's error budget: attainment, what is left and when it
 * runs out at the current (1h) burn rate.
 */
export function budgetSummary(slo: SloEvaluation): string {
  const { budget } = slo;
  if (!budget) {
    return 'No data in the window yet: no attainment or error budget';
  }
  const attainment = `Attainment ${percent(slo.attainment)}`;
  const total = formatHumanDuration(budget.totalSeconds);
  if (budget.remaining <= 0) {
    return `${attainment} · budget exhausted: ${percent(
      budget.consumed,
      1,
    )} of ${total} spent`;
  }
  const left = `budget left ${percent(
    budget.remaining,
    1,
  )} (${formatHumanDuration(budget.remainingSeconds)} of ${total})`;
  const exhaustion =
    slo.timeToExhaustionSeconds === null
      ? 'not burning'
      : `exhausted in ${formatHumanDuration(slo.timeToExhaustionSeconds)}`;
  return `${attainment} · ${left} · ${exhaustion}`;
}
