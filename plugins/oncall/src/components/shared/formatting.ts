import { Incident } from '@opsdeck/plugin-oncall-common';

/** "Level 1 · at once" / "Level 2 · after 15 min". */
export function levelLabel(level: number, delayMinutes: number): string {
  return `Level ${level} · ${
    delayMinutes === 0 ? 'at once' : `after ${delayMinutes} min`
  }`;
}

/** A short local date and time, e.g. "Mon 12 Jan, 09:00". */
export function formatInstant(iso: string): string {
  return new Date(iso).toLocaleString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** The last part of an entity ref, for display. */
export function shortRef(ref: string): string {
  return ref.replace(/^[^:]+:(default\/)?/, '');
}

export const STATUS_LABEL: Record<Incident['status'], string> = {
  triggered: 'Triggered',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
};
