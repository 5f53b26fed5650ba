import { formatAgo, formatDuration, formatFrequency } from './format';

describe('format', () => {
  it('formats durations', () => {
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(600)).toBe('10 min');
    expect(formatDuration(9000)).toBe('2 h 30 min');
    expect(formatDuration(3 * 86400 + 4 * 3600)).toBe('3 d 4 h');
  });

  it('formats ages and frequencies', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    expect(formatAgo('2026-03-01T09:00:00Z', now)).toBe('3 h ago');
    expect(formatAgo('2026-03-02T09:00:00Z', now)).toBe('just now');
    expect(formatFrequency(2)).toBe('2.0 / day');
    expect(formatFrequency(0.3)).toBe('2.1 / week');
    expect(formatFrequency(0.05)).toBe('1.5 / month');
  });
});
