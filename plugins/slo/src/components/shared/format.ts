import { formatHumanDuration } from '@opsdeck/plugin-slo-common';

export function percent(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return '—';
  }
  return `${(value * 100).toFixed(digits).replace(/\.?0+$/, '')}%`;
}

export function burn(value: number | null): string {
  return value === null ? 'no traffic' : `${value.toFixed(2)}×`;
}

export function duration(seconds: number | null): string {
  return seconds === null ? 'not burning' : formatHumanDuration(seconds);
}
