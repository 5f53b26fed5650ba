import { resolveWallClock, toWallClock, wallClockOf } from './localTime';

describe('resolveWallClock', () => {
  // Expected instants listed by hand from the published rules:
  // Europe/Berlin 2026: CET (+01) until 29 Mar 02:00 -> CEST (+02);
  //   back at 25 Oct 03:00 CEST -> 02:00 CET.
  // America/New_York 2026: EST (-05) until 8 Mar 02:00 -> EDT (-04);
  //   back at 1 Nov 02:00 EDT -> 01:00 EST.
  it.each([
    ['Europe/Berlin', '2026-07-01', '09:00', '2026-07-01T07:00:00Z', 'exact'],
    ['Europe/Berlin', '2026-01-15', '09:00', '2026-01-15T08:00:00Z', 'exact'],
    ['Europe/Berlin', '2026-03-29', '01:59', '2026-03-29T00:59:00Z', 'exact'],
    ['Europe/Berlin', '2026-03-29', '02:00', '2026-03-29T01:00:00Z', 'gap'],
    ['Europe/Berlin', '2026-03-29', '02:30', '2026-03-29T01:30:00Z', 'gap'],
    ['Europe/Berlin', '2026-03-29', '03:00', '2026-03-29T01:00:00Z', 'exact'],
    ['Europe/Berlin', '2026-10-25', '02:30', '2026-10-25T00:30:00Z', 'overlap'],
    ['Europe/Berlin', '2026-10-25', '03:00', '2026-10-25T02:00:00Z', 'exact'],
    ['Europe/Berlin', '2026-10-25', '01:59', '2026-10-24T23:59:00Z', 'exact'],
    ['America/New_York', '2026-03-08', '02:30', '2026-03-08T07:30:00Z', 'gap'],
    [
      'America/New_York',
      '2026-03-08',
      '03:00',
      '2026-03-08T07:00:00Z',
      'exact',
    ],
    [
      'America/New_York',
      '2026-11-01',
      '01:30',
      '2026-11-01T05:30:00Z',
      'overlap',
    ],
    [
      'America/New_York',
      '2026-11-01',
      '02:00',
      '2026-11-01T07:00:00Z',
      'exact',
    ],
    [
      'America/New_York',
      '2026-11-01',
      '00:59',
      '2026-11-01T04:59:00Z',
      'exact',
    ],
    ['Asia/Kolkata', '2026-03-29', '02:30', '2026-03-28T21:00:00Z', 'exact'],
    [
      'Australia/Lord_Howe',
      '2026-10-04',
      '02:15',
      '2026-10-03T15:45:00Z',
      'gap',
    ],
    ['UTC', '2026-03-29', '02:30', '2026-03-29T02:30:00Z', 'exact'],
  ])('%s %s %s -> %s (%s)', (zone, date, time, expected, resolution) => {
    const result = resolveWallClock(wallClockOf(date, time), zone);
    expect(new Date(result.instant).toISOString()).toBe(
      new Date(expected).toISOString(),
    );
    expect(result.resolution).toBe(resolution);
  });

  it('reads an instant back as the wall clock it came from', () => {
    const wall = wallClockOf('2026-06-15', '13:45');
    const { instant } = resolveWallClock(wall, 'America/New_York');
    expect(toWallClock(instant, 'America/New_York')).toBe(wall);
  });
});
