import { PagerDutyOnCallEntry } from '../client/schemas';
import { onCallLevels } from './onCallLevels';

const user = (id: string) => ({
  id,
  name: `User ${id}`,
  email: `${id.toLowerCase()}@example.com`,
  html_url: `https://example.pagerduty.com/users/${id}`,
});

const entry = (
  level: number,
  userId: string,
  start: string | null,
  end: string | null,
  schedule: string | null = 'PSCHED1',
): PagerDutyOnCallEntry => ({
  escalation_level: level,
  schedule: schedule ? { id: schedule, summary: `Schedule ${schedule}` } : null,
  user: user(userId),
  start,
  end,
});

const rules = (...delays: number[]) =>
  delays.map(d => ({ escalation_delay_in_minutes: d, targets: [] }));

const AT = new Date('2026-03-10T10:00:00Z');

describe('onCallLevels', () => {
  it('joins the pieces PagerDuty cuts at layer boundaries of one person', () => {
    // Final schedule of a two-layer schedule: layer 2 (business hours) starts
    // at 08:00 and hands over at 12:00; A covers the night on layer 1 and
    // the morning on layer 2, so PagerDuty returns two entries for A.
    const levels = onCallLevels(
      rules(30),
      [
        entry(1, 'PA', '2026-03-10T00:00:00Z', '2026-03-10T08:00:00Z'),
        entry(1, 'PA', '2026-03-10T08:00:00Z', '2026-03-10T12:00:00Z'),
        entry(1, 'PB', '2026-03-10T12:00:00Z', '2026-03-10T17:00:00Z'),
        entry(1, 'PA', '2026-03-10T17:00:00Z', '2026-03-11T08:00:00Z'),
      ],
      AT,
    );
    expect(levels).toEqual([
      {
        level: 1,
        delayMinutes: 0,
        now: [
          {
            user: {
              displayName: 'User PA',
              email: 'pa@example.com',
              url: 'https://example.pagerduty.com/users/PA',
            },
            start: '2026-03-10T00:00:00.000Z',
            end: '2026-03-10T12:00:00.000Z',
            schedule: 'Schedule PSCHED1',
          },
        ],
        next: [
          {
            user: {
              displayName: 'User PB',
              email: 'pb@example.com',
              url: 'https://example.pagerduty.com/users/PB',
            },
            start: '2026-03-10T12:00:00.000Z',
            end: '2026-03-10T17:00:00.000Z',
            schedule: 'Schedule PSCHED1',
          },
        ],
      },
    ]);
  });

  it('returns every level of the policy with the delay until it is notified', () => {
    const levels = onCallLevels(
      rules(15, 30, 10),
      [
        entry(1, 'PA', '2026-03-10T00:00:00Z', '2026-03-11T00:00:00Z'),
        entry(2, 'PMGR', null, null, null),
      ],
      AT,
    );
    expect(levels.map(l => [l.level, l.delayMinutes])).toEqual([
      [1, 0],
      [2, 15],
      [3, 45],
    ]);
    // a user named directly in a rule is permanently on call
    expect(levels[1].now).toEqual([
      expect.objectContaining({
        user: expect.objectContaining({ displayName: 'User PMGR' }),
        start: null,
        end: null,
      }),
    ]);
    expect(levels[1].next).toEqual([]);
    // level 3 has no targets on call: shown, empty
    expect(levels[2]).toEqual({
      level: 3,
      delayMinutes: 45,
      now: [],
      next: [],
    });
  });

  it('answers per schedule when a level has several, once per person', () => {
    const levels = onCallLevels(
      rules(30),
      [
        entry(1, 'PA', '2026-03-10T00:00:00Z', '2026-03-11T00:00:00Z', 'PS1'),
        entry(1, 'PB', '2026-03-11T00:00:00Z', '2026-03-12T00:00:00Z', 'PS1'),
        entry(1, 'PC', '2026-03-09T00:00:00Z', '2026-03-16T00:00:00Z', 'PS2'),
        entry(1, 'PB', '2026-03-16T00:00:00Z', '2026-03-23T00:00:00Z', 'PS2'),
        // the same person through a third schedule at the same time
        entry(1, 'PA', '2026-03-10T00:00:00Z', '2026-03-11T00:00:00Z', 'PS3'),
      ],
      AT,
    );
    expect(levels[0].now.map(s => [s.user.displayName, s.end])).toEqual([
      ['User PA', '2026-03-11T00:00:00.000Z'],
      ['User PC', '2026-03-16T00:00:00.000Z'],
    ]);
    expect(levels[0].next.map(s => [s.user.displayName, s.start])).toEqual([
      ['User PB', '2026-03-11T00:00:00.000Z'],
      ['User PB', '2026-03-16T00:00:00.000Z'],
    ]);
  });

  it('says nobody is on call in a gap and who comes next', () => {
    const levels = onCallLevels(
      rules(30),
      [
        entry(1, 'PA', '2026-03-10T00:00:00Z', '2026-03-10T09:00:00Z'),
        entry(1, 'PB', '2026-03-10T13:00:00Z', '2026-03-10T21:00:00Z'),
      ],
      AT,
    );
    expect(levels[0].now).toEqual([]);
    expect(levels[0].next.map(s => s.user.displayName)).toEqual(['User PB']);
  });

  it('treats a shift ending exactly now as over and one starting now as current', () => {
    const levels = onCallLevels(
      rules(5),
      [
        entry(1, 'PA', '2026-03-10T02:00:00Z', '2026-03-10T10:00:00Z'),
        entry(1, 'PB', '2026-03-10T10:00:00Z', '2026-03-10T18:00:00Z'),
      ],
      AT,
    );
    expect(levels[0].now.map(s => s.user.displayName)).toEqual(['User PB']);
    expect(levels[0].next).toEqual([]);
  });

  it('accepts entries in any order and with offsets other than UTC', () => {
    const levels = onCallLevels(
      rules(5),
      [
        entry(
          1,
          'PB',
          '2026-03-10T08:00:00-05:00',
          '2026-03-10T20:00:00-05:00',
        ),
        entry(
          1,
          'PA',
          '2026-03-09T20:00:00-05:00',
          '2026-03-10T08:00:00-05:00',
        ),
      ],
      AT,
    );
    // 10:00Z is 05:00 in -05:00: A's night shift
    expect(levels[0].now.map(s => [s.user.displayName, s.end])).toEqual([
      ['User PA', '2026-03-10T13:00:00.000Z'],
    ]);
    expect(levels[0].next.map(s => s.user.displayName)).toEqual(['User PB']);
  });

  it('returns no levels for a policy without rules and entries', () => {
    expect(onCallLevels([], [], AT)).toEqual([]);
  });
});
