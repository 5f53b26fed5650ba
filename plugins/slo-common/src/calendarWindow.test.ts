import { sloWindowAt } from './calendarWindow';
import {
  formatHumanDuration,
  formatPromDuration,
  parseDuration,
} from './duration';

describe('sloWindowAt', () => {
  it('finds the calendar month in the window time zone', () => {
    const window = {
      kind: 'calendar' as const,
      duration: '1M',
      count: 1,
      unit: 'M' as const,
      startTime: '2024-01-01 00:00:00',
      timeZone: 'Europe/Berlin',
    };
    const bounds = sloWindowAt(window, Date.parse('2026-03-31T23:30:00Z'));
    // 1 April 00:00 in Berlin (summer time) is 31 March 22:00 UTC.
    expect(new Date(bounds.startMs).toISOString()).toBe(
      '2026-03-31T22:00:00.000Z',
    );
    expect(new Date(bounds.endMs).toISOString()).toBe(
      '2026-04-30T22:00:00.000Z',
    );
    const march = sloWindowAt(window, Date.parse('2026-03-15T12:00:00Z'));
    expect(new Date(march.startMs).toISOString()).toBe(
      '2026-02-28T23:00:00.000Z',
    );
  });

  it('handles quarters and a start in the future', () => {
    const window = {
      kind: 'calendar' as const,
      duration: '1Q',
      count: 1,
      unit: 'Q' as const,
      startTime: '2030-01-01 00:00:00',
      timeZone: 'UTC',
    };
    const bounds = sloWindowAt(window, Date.parse('2026-05-10T00:00:00Z'));
    expect(new Date(bounds.startMs).toISOString()).toBe(
      '2026-04-01T00:00:00.000Z',
    );
    expect(new Date(bounds.endMs).toISOString()).toBe(
      '2026-07-01T00:00:00.000Z',
    );
  });

  it('makes rolling windows trail now', () => {
    expect(
      sloWindowAt(
        { kind: 'rolling', duration: '1h', seconds: 3600 },
        7_200_000,
      ),
    ).toEqual({
      startMs: 3_600_000,
      endMs: 7_200_000,
    });
  });
});

describe('durations', () => {
  it('parses OpenSLO and writes Prometheus durations', () => {
    expect(parseDuration('28d')).toEqual({ count: 28, unit: 'd' });
    expect(parseDuration('0d')).toBeUndefined();
    expect(parseDuration('5 m')).toBeUndefined();
    expect(formatPromDuration(2592000)).toBe('30d');
    expect(formatPromDuration(1800)).toBe('30m');
    expect(formatPromDuration(90)).toBe('90s');
    expect(() => formatPromDuration(NaN)).toThrow(RangeError);
    expect(formatHumanDuration(43.2 * 60)).toBe('43m 12s');
    expect(formatHumanDuration(-90000)).toBe('-1d 1h');
    expect(formatHumanDuration(Infinity)).toBe('never');
  });
});
