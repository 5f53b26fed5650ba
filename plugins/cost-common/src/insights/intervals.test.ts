import { parseRepeatingIntervals } from './intervals';

describe('parseRepeatingIntervals', () => {
  it('splits day periods ending the day before the end date', () => {
    expect(parseRepeatingIntervals('R2/P30D/2020-09-01')).toEqual({
      from: '2020-07-03',
      to: '2020-08-31',
      buckets: [
        { from: '2020-07-03', to: '2020-08-01' },
        { from: '2020-08-02', to: '2020-08-31' },
      ],
    });
    expect(parseRepeatingIntervals('R1/P1D/2026-03-01')).toEqual({
      from: '2026-02-28',
      to: '2026-02-28',
      buckets: [{ from: '2026-02-28', to: '2026-02-28' }],
    });
  });

  it('counts months on the calendar (quarters as the community UI sends them)', () => {
    expect(parseRepeatingIntervals('R2/P3M/2026-01-01').buckets).toEqual([
      { from: '2025-07-01', to: '2025-09-30' },
      { from: '2025-10-01', to: '2025-12-31' },
    ]);
    // a month end with no such day in an earlier month is clamped
    expect(parseRepeatingIntervals('R2/P1M/2024-03-31').buckets).toEqual([
      { from: '2024-01-31', to: '2024-02-28' },
      { from: '2024-02-29', to: '2024-03-30' },
    ]);
  });

  it.each([
    '',
    'R2/P30D',
    'R2/PT1H/2020-09-01',
    'R2/P30D/2020-09-01/../x',
    'R0/P30D/2020-09-01',
    'R2/P0D/2020-09-01',
    'R2/P30D/2020-02-30',
    'R2/P30D/2020-13-01',
    'R2/P1W/2020-09-01',
    'R2/P30D/2020-09-01\n',
    'R100/P30D/2020-09-01',
  ])('rejects %j with a message', text => {
    expect(() => parseRepeatingIntervals(text)).toThrow(
      /^unsupported intervals /,
    );
  });

  it('quotes at most 64 characters of what it rejects', () => {
    let message = '';
    try {
      parseRepeatingIntervals(`R2/P30D/${'x'.repeat(5000)}`);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^unsupported intervals "R2\/P30D\/x+"\.\.\./);
    expect(message.length).toBeLessThan(300);
  });
});
