import { addDays, dayCount, daysInMonth, eachDay } from './days';

describe('calendar days', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-03-29', 0)).toBe('2026-03-29');
  });

  it('counts both ends of a range', () => {
    expect(dayCount('2026-03-01', '2026-03-01')).toBe(1);
    expect(dayCount('2026-01-01', '2026-12-31')).toBe(365);
    // a daylight-saving change in local time zones does not matter in UTC
    expect(dayCount('2026-03-28', '2026-03-30')).toBe(3);
  });

  it('lists every day of a range, and none of an empty one', () => {
    expect(eachDay('2026-02-27', '2026-03-02')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
    expect(eachDay('2026-03-02', '2026-03-01')).toEqual([]);
  });

  it('knows the length of each month', () => {
    expect(daysInMonth('2026-02-10')).toBe(28);
    expect(daysInMonth('2028-02-10')).toBe(29);
    expect(daysInMonth('2026-04-30')).toBe(30);
    expect(daysInMonth('2026-12-01')).toBe(31);
  });
});
