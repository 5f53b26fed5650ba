import {
  describeRange,
  isDay,
  parsePeriodParams,
  PeriodSelection,
  resolvePeriod,
  validateRange,
  writePeriodParams,
} from './period';

describe('period', () => {
  it('resolves presets against the last day with data', () => {
    const last = '2026-03-10';
    const resolve = (selection: PeriodSelection) =>
      resolvePeriod(selection, last);
    expect(resolve({ kind: 'preset', preset: '7d' })).toEqual({
      from: '2026-03-04',
      to: last,
    });
    expect(resolve({ kind: 'preset', preset: '30d' })).toEqual({
      from: '2026-02-09',
      to: last,
    });
    expect(resolve({ kind: 'preset', preset: '90d' })).toEqual({
      from: '2025-12-11',
      to: last,
    });
    expect(resolve({ kind: 'preset', preset: 'this-month' })).toEqual({
      from: '2026-03-01',
      to: last,
    });
    expect(resolve({ kind: 'preset', preset: 'previous-month' })).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
    });
    // Across a year and in a leap year.
    expect(
      resolvePeriod({ kind: 'preset', preset: 'previous-month' }, '2026-01-05'),
    ).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(
      resolvePeriod({ kind: 'preset', preset: 'previous-month' }, '2028-03-01'),
    ).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(
      resolve({ kind: 'custom', from: '2025-01-01', to: '2025-01-31' }),
    ).toEqual({ from: '2025-01-01', to: '2025-01-31' });
  });

  it('recognises real calendar days only', () => {
    expect(isDay('2028-02-29')).toBe(true);
    for (const bad of [
      '2026-02-29',
      '2026-13-01',
      '2026-1-01',
      '20260101',
      '2026-01-01T00:00:00Z',
      '',
      'yesterday',
    ]) {
      expect(isDay(bad)).toBe(false);
    }
  });

  it('rejects custom ranges that are incomplete, reversed, not dates or too long', () => {
    expect(validateRange('2026-01-01', '2026-01-01')).toBeUndefined();
    expect(validateRange('2025-01-01', '2026-01-01')).toBeUndefined(); // 366 days
    expect(validateRange('', '2026-01-01')).toMatch(/Enter both/);
    expect(validateRange('2026-01-01', '')).toMatch(/Enter both/);
    expect(validateRange('2026-02-30', '2026-03-01')).toBe(
      'The first day “2026-02-30” is not a date (YYYY-MM-DD).',
    );
    expect(validateRange('2026-01-01', '01/02/2026')).toMatch(
      /last day “01\/02\/2026” is not a date/,
    );
    expect(validateRange('2026-02-01', '2026-01-31')).toBe(
      'The first day (2026-02-01) is after the last day (2026-01-31).',
    );
    expect(validateRange('2024-12-31', '2026-01-01')).toBe(
      'A period is at most 366 days; 2024-12-31 to 2026-01-01 has 367.',
    );
  });

  it('reads the period from the query string and writes it back', () => {
    const read = (search: string) =>
      parsePeriodParams(new URLSearchParams(search));
    expect(read('')).toEqual({
      selection: { kind: 'preset', preset: '30d' },
    });
    expect(read('?period=90d')).toEqual({
      selection: { kind: 'preset', preset: '90d' },
    });
    expect(read('?from=2026-01-01&to=2026-01-31')).toEqual({
      selection: { kind: 'custom', from: '2026-01-01', to: '2026-01-31' },
      error: undefined,
    });
    expect(read('?period=1y').error).toBe(
      'Unknown period “1y”: choose one from the list.',
    );
    expect(read('?from=2026-01-01').error).toMatch(/Enter both/);
    expect(read('?from=2026-02-01&to=2026-01-01').error).toMatch(/after/);

    for (const selection of [
      { kind: 'preset', preset: 'previous-month' },
      { kind: 'custom', from: '2025-12-24', to: '2026-01-06' },
    ] as PeriodSelection[]) {
      const written = writePeriodParams(
        new URLSearchParams('?tab=x&period=7d&from=a&to=b'),
        selection,
      );
      expect(written.get('tab')).toBe('x');
      expect(read(`?${written}`).selection).toEqual(selection);
    }
    expect(
      writePeriodParams(new URLSearchParams('from=a&to=b'), {
        kind: 'preset',
        preset: '7d',
      }).toString(),
    ).toBe('period=7d');
  });

  it('describes a range with its length', () => {
    expect(describeRange({ from: '2026-01-01', to: '2026-01-31' })).toBe(
      '2026-01-01 to 2026-01-31 (31 days)',
    );
    expect(describeRange({ from: '2026-01-01', to: '2026-01-01' })).toBe(
      '2026-01-01 to 2026-01-01 (1 day)',
    );
  });
});
