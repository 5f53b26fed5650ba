import fc from 'fast-check';
import {
  assignmentAt,
  handoffsBetween,
  isWithinRestrictions,
  scheduleSegments,
  shiftAt,
  whoIsOnCall,
} from './rotationMath';
import { RotationSchedule, rotationFileSchema } from './rotationSchema';
import { iso, layerOf } from './testRotations';

const utc = (s: string) => new Date(s).toISOString();

describe('handoffsBetween', () => {
  // Every expected instant below was worked out by hand from the zone's
  // offsets (see localTime.test.ts for the 2026 transitions).
  it.each([
    {
      title: 'Berlin weekly Monday 09:00 across spring forward',
      zone: 'Europe/Berlin',
      layer: {
        start: '2026-03-16',
        handoffTime: '09:00',
        rotationLength: { weeks: 1 },
      },
      from: '2026-03-16T00:00:00Z',
      to: '2026-04-14T00:00:00Z',
      expected: [
        ['2026-03-16T08:00:00Z', 'exact'],
        ['2026-03-23T08:00:00Z', 'exact'],
        ['2026-03-30T07:00:00Z', 'exact'],
        ['2026-04-06T07:00:00Z', 'exact'],
        ['2026-04-13T07:00:00Z', 'exact'],
      ],
    },
    {
      title: 'Berlin weekly Monday 09:00 across fall back',
      zone: 'Europe/Berlin',
      layer: {
        start: '2026-10-19',
        handoffTime: '09:00',
        rotationLength: { weeks: 1 },
      },
      from: '2026-10-19T00:00:00Z',
      to: '2026-11-03T00:00:00Z',
      expected: [
        ['2026-10-19T07:00:00Z', 'exact'],
        ['2026-10-26T08:00:00Z', 'exact'],
        ['2026-11-02T08:00:00Z', 'exact'],
      ],
    },
    {
      title: 'Berlin daily 02:30: the handoff on the gap moves to 03:30 CEST',
      zone: 'Europe/Berlin',
      layer: {
        start: '2026-03-27',
        handoffTime: '02:30',
        rotationLength: { days: 1 },
      },
      from: '2026-03-27T00:00:00Z',
      to: '2026-03-31T00:00:00Z',
      expected: [
        ['2026-03-27T01:30:00Z', 'exact'],
        ['2026-03-28T01:30:00Z', 'exact'],
        ['2026-03-29T01:30:00Z', 'gap'],
        ['2026-03-30T00:30:00Z', 'exact'],
      ],
    },
    {
      title:
        'Berlin daily 02:30: the handoff on the overlap is the first 02:30',
      zone: 'Europe/Berlin',
      layer: {
        start: '2026-10-24',
        handoffTime: '02:30',
        rotationLength: { days: 1 },
      },
      from: '2026-10-24T00:00:00Z',
      to: '2026-10-27T00:00:00Z',
      expected: [
        ['2026-10-24T00:30:00Z', 'exact'],
        ['2026-10-25T00:30:00Z', 'overlap'],
        ['2026-10-26T01:30:00Z', 'exact'],
      ],
    },
    {
      title: 'New York daily 02:30 across spring forward',
      zone: 'America/New_York',
      layer: {
        start: '2026-03-07',
        handoffTime: '02:30',
        rotationLength: { days: 1 },
      },
      from: '2026-03-07T00:00:00Z',
      to: '2026-03-10T00:00:00Z',
      expected: [
        ['2026-03-07T07:30:00Z', 'exact'],
        ['2026-03-08T07:30:00Z', 'gap'],
        ['2026-03-09T06:30:00Z', 'exact'],
      ],
    },
    {
      title: 'New York weekly Sunday 01:30 across fall back',
      zone: 'America/New_York',
      layer: {
        start: '2026-10-25',
        handoffTime: '01:30',
        rotationLength: { weeks: 1 },
      },
      from: '2026-10-25T00:00:00Z',
      to: '2026-11-09T00:00:00Z',
      expected: [
        ['2026-10-25T05:30:00Z', 'exact'],
        ['2026-11-01T05:30:00Z', 'overlap'],
        ['2026-11-08T06:30:00Z', 'exact'],
      ],
    },
    {
      title: 'New York 12-hour shifts keep 09:00 and 21:00 local',
      zone: 'America/New_York',
      layer: {
        start: '2026-03-07',
        handoffTime: '09:00',
        rotationLength: { hours: 12 },
      },
      from: '2026-03-07T00:00:00Z',
      to: '2026-03-09T03:00:00Z',
      expected: [
        ['2026-03-07T14:00:00Z', 'exact'],
        ['2026-03-08T02:00:00Z', 'exact'],
        ['2026-03-08T13:00:00Z', 'exact'],
        ['2026-03-09T01:00:00Z', 'exact'],
      ],
    },
    {
      title: 'two-week rotation in UTC',
      zone: 'UTC',
      layer: {
        start: '2026-01-05',
        handoffTime: '10:00',
        rotationLength: { weeks: 2 },
      },
      from: '2026-01-01T00:00:00Z',
      to: '2026-02-03T00:00:00Z',
      expected: [
        ['2026-01-05T10:00:00Z', 'exact'],
        ['2026-01-19T10:00:00Z', 'exact'],
        ['2026-02-02T10:00:00Z', 'exact'],
      ],
    },
  ])('$title', ({ zone, layer, from, to, expected }) => {
    const handoffs = handoffsBetween(
      layerOf(layer, zone),
      zone,
      iso(from),
      iso(to),
    );
    expect(
      handoffs.map(h => [utc(new Date(h.instant).toISOString()), h.resolution]),
    ).toEqual(expected.map(([at, r]) => [utc(at), r]));
  });
});

describe('shiftAt', () => {
  const zone = 'Europe/Berlin';
  const layer = layerOf(
    {
      start: '2026-03-16',
      handoffTime: '09:00',
      rotationLength: { weeks: 1 },
      members: ['a', 'b', 'c'],
    },
    zone,
  );
  it.each([
    ['2026-03-16T07:59:59Z', undefined],
    ['2026-03-16T08:00:00Z', 'user:default/a'],
    ['2026-03-23T07:59:59Z', 'user:default/a'],
    ['2026-03-23T08:00:00Z', 'user:default/b'],
    ['2026-03-30T06:59:59Z', 'user:default/b'],
    ['2026-03-30T07:00:00Z', 'user:default/c'],
    ['2026-04-06T07:00:00Z', 'user:default/a'],
    ['2026-04-13T07:00:00Z', 'user:default/b'],
    ['2027-03-15T08:00:00Z', 'user:default/b'],
  ])('at %s: %s', (at, expected) => {
    expect(shiftAt(layer, zone, iso(at))?.userRef).toBe(expected);
  });

  it('gives the shift start and end, 167 hours long on the spring-forward week', () => {
    const shift = shiftAt(layer, zone, iso('2026-03-25T12:00:00Z'))!;
    expect(utc(new Date(shift.start).toISOString())).toBe(
      utc('2026-03-23T08:00:00Z'),
    );
    expect(utc(new Date(shift.end).toISOString())).toBe(
      utc('2026-03-30T07:00:00Z'),
    );
    expect((shift.end - shift.start) / 3_600_000).toBe(167);
  });
});

function scheduleOf(spec: object, timeZone: string): RotationSchedule {
  return rotationFileSchema.parse({
    apiVersion: 'opsdeck.io/v1alpha1',
    kind: 'Rotation',
    metadata: { name: 'test' },
    spec: {
      timeZone,
      schedules: [{ name: 'primary', ...spec }],
      escalationPolicy: {
        levels: [{ delayMinutes: 0, targets: [{ schedule: 'primary' }] }],
      },
    },
  }).spec.schedules[0];
}

const segs = (list: ReturnType<typeof scheduleSegments>) =>
  list.map(s => [
    new Date(s.start).toISOString(),
    new Date(s.end).toISOString(),
    s.userRef?.replace('user:default/', '') ?? null,
  ]);

describe('restrictions', () => {
  const zone = 'Europe/Berlin';
  const schedule = scheduleOf(
    {
      layers: [
        {
          name: 'base',
          start: '2026-01-05',
          handoffTime: '09:00',
          rotationLength: { weeks: 1 },
          members: ['base'],
        },
        {
          name: 'business-hours',
          start: '2026-01-05',
          handoffTime: '09:00',
          rotationLength: { weeks: 1 },
          members: ['day'],
          restrictions: [
            {
              days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
              start: '09:00',
              end: '17:00',
            },
          ],
        },
      ],
    },
    zone,
  );

  it('puts the business-hours layer over the base layer, following DST', () => {
    expect(
      segs(
        scheduleSegments(
          schedule,
          zone,
          iso('2026-03-27T00:00:00Z'),
          iso('2026-03-31T00:00:00Z'),
        ),
      ),
    ).toEqual([
      [utc('2026-03-27T00:00:00Z'), utc('2026-03-27T08:00:00Z'), 'base'],
      [utc('2026-03-27T08:00:00Z'), utc('2026-03-27T16:00:00Z'), 'day'],
      [utc('2026-03-27T16:00:00Z'), utc('2026-03-30T07:00:00Z'), 'base'],
      [utc('2026-03-30T07:00:00Z'), utc('2026-03-30T15:00:00Z'), 'day'],
      [utc('2026-03-30T15:00:00Z'), utc('2026-03-31T00:00:00Z'), 'base'],
    ]);
  });

  it.each([
    ['2026-07-01T07:00:00Z', true],
    ['2026-07-01T06:59:59Z', false],
    ['2026-07-01T14:59:59Z', true],
    ['2026-07-01T15:00:00Z', false],
    ['2026-07-04T10:00:00Z', false],
    ['2026-12-07T08:00:00Z', true],
    ['2026-12-07T16:00:00Z', false],
  ])('business hours at %s: %s', (at, expected) => {
    expect(isWithinRestrictions(schedule.layers[1], zone, iso(at))).toBe(
      expected,
    );
  });

  it('leaves nobody on call outside an overnight window without a base layer', () => {
    const ny = 'America/New_York';
    const night = scheduleOf(
      {
        layers: [
          {
            name: 'night',
            start: '2026-03-01',
            handoffTime: '22:00',
            rotationLength: { days: 1 },
            members: ['owl'],
            restrictions: [{ start: '22:00', end: '06:00' }],
          },
        ],
      },
      ny,
    );
    // 22:00 EST on 7 Mar = 03:00Z 8 Mar; 06:00 EDT on 8 Mar = 10:00Z: a
    // seven-hour night.
    expect(
      segs(
        scheduleSegments(
          night,
          ny,
          iso('2026-03-08T00:00:00Z'),
          iso('2026-03-09T12:00:00Z'),
        ),
      ),
    ).toEqual([
      [utc('2026-03-08T00:00:00Z'), utc('2026-03-08T03:00:00Z'), null],
      [utc('2026-03-08T03:00:00Z'), utc('2026-03-08T10:00:00Z'), 'owl'],
      [utc('2026-03-08T10:00:00Z'), utc('2026-03-09T02:00:00Z'), null],
      [utc('2026-03-09T02:00:00Z'), utc('2026-03-09T10:00:00Z'), 'owl'],
      [utc('2026-03-09T10:00:00Z'), utc('2026-03-09T12:00:00Z'), null],
    ]);
  });
});

describe('overrides', () => {
  const schedule = scheduleOf(
    {
      layers: [
        {
          name: 'base',
          start: '2026-01-05',
          handoffTime: '09:00',
          rotationLength: { weeks: 1 },
          members: ['a', 'b'],
        },
      ],
    },
    'UTC',
  );
  const overrides = [
    {
      id: 'o1',
      schedule: 'primary',
      userRef: 'user:default/z',
      start: '2026-01-06T10:00:00Z',
      end: '2026-01-06T14:00:00Z',
    },
    {
      id: 'o2',
      schedule: 'other',
      userRef: 'user:default/y',
      start: '2026-01-06T00:00:00Z',
      end: '2026-01-07T00:00:00Z',
    },
    {
      id: 'o3',
      schedule: 'primary',
      userRef: 'user:default/x',
      start: '2026-01-06T12:00:00Z',
      end: '2026-01-06T13:00:00Z',
    },
  ];

  it('swaps the shift for the override, the latest override winning, other schedules ignored', () => {
    expect(
      segs(
        scheduleSegments(
          schedule,
          'UTC',
          iso('2026-01-06T00:00:00Z'),
          iso('2026-01-07T00:00:00Z'),
          overrides,
        ),
      ),
    ).toEqual([
      [utc('2026-01-06T00:00:00Z'), utc('2026-01-06T10:00:00Z'), 'a'],
      [utc('2026-01-06T10:00:00Z'), utc('2026-01-06T12:00:00Z'), 'z'],
      [utc('2026-01-06T12:00:00Z'), utc('2026-01-06T13:00:00Z'), 'x'],
      [utc('2026-01-06T13:00:00Z'), utc('2026-01-06T14:00:00Z'), 'z'],
      [utc('2026-01-06T14:00:00Z'), utc('2026-01-07T00:00:00Z'), 'a'],
    ]);
    expect(
      assignmentAt(schedule, 'UTC', iso('2026-01-06T12:30:00Z'), overrides),
    ).toEqual({
      userRef: 'user:default/x',
      overrideId: 'o3',
    });
  });
});

describe('whoIsOnCall', () => {
  const rotation = rotationFileSchema.parse({
    apiVersion: 'opsdeck.io/v1alpha1',
    kind: 'Rotation',
    metadata: { name: 'platform' },
    spec: {
      timeZone: 'Europe/Berlin',
      schedules: [
        {
          name: 'primary',
          layers: [
            {
              name: 'weekly',
              start: '2026-03-16',
              handoffTime: '09:00',
              rotationLength: { weeks: 1 },
              members: ['ada', 'grace'],
            },
          ],
        },
        {
          name: 'secondary',
          layers: [
            {
              name: 'weekly',
              start: '2026-03-16',
              handoffTime: '09:00',
              rotationLength: { weeks: 1 },
              members: ['grace', 'ada'],
            },
          ],
        },
      ],
      escalationPolicy: {
        levels: [
          { delayMinutes: 0, targets: [{ schedule: 'primary' }] },
          { delayMinutes: 15, targets: [{ schedule: 'secondary' }] },
          { delayMinutes: 45, targets: [{ user: 'user:default/boss' }] },
        ],
      },
    },
  });

  it('answers now and next per escalation level', () => {
    const levels = whoIsOnCall(rotation, iso('2026-03-25T12:00:00Z'), [
      {
        id: 'o1',
        schedule: 'primary',
        userRef: 'user:default/zoe',
        start: '2026-03-30T07:00:00Z',
        end: '2026-03-31T07:00:00Z',
      },
    ]);
    expect(levels).toEqual([
      {
        level: 1,
        delayMinutes: 0,
        now: [
          {
            userRef: 'user:default/grace',
            start: utc('2026-03-23T08:00:00Z'),
            end: utc('2026-03-30T07:00:00Z'),
            schedule: 'primary',
            layer: 'weekly',
          },
        ],
        next: [
          {
            userRef: 'user:default/zoe',
            start: utc('2026-03-30T07:00:00Z'),
            end: utc('2026-03-31T07:00:00Z'),
            schedule: 'primary',
            overrideId: 'o1',
          },
        ],
      },
      {
        level: 2,
        delayMinutes: 15,
        now: [
          {
            userRef: 'user:default/ada',
            start: utc('2026-03-23T08:00:00Z'),
            end: utc('2026-03-30T07:00:00Z'),
            schedule: 'secondary',
            layer: 'weekly',
          },
        ],
        next: [
          {
            userRef: 'user:default/grace',
            start: utc('2026-03-30T07:00:00Z'),
            end: utc('2026-04-06T07:00:00Z'),
            schedule: 'secondary',
            layer: 'weekly',
          },
        ],
      },
      {
        level: 3,
        delayMinutes: 45,
        now: [{ userRef: 'user:default/boss', start: null, end: null }],
        next: [],
      },
    ]);
  });

  it("counts one person's back-to-back segments from two layers as one stretch", () => {
    // daily layer: alan, kat, linus from Monday 10:00; business-hours layer
    // (wins 09:00-17:00 on weekdays): kat. On Tuesday kat holds business
    // hours, then her daily shift, then Wednesday's business hours: one
    // stretch from Tuesday 09:00 to Wednesday 17:00, then linus.
    const layered = rotationFileSchema.parse({
      apiVersion: 'opsdeck.io/v1alpha1',
      kind: 'Rotation',
      metadata: { name: 'checkout' },
      spec: {
        timeZone: 'UTC',
        schedules: [
          {
            name: 'primary',
            layers: [
              {
                name: 'daily',
                start: '2026-03-16',
                handoffTime: '10:00',
                rotationLength: { days: 1 },
                members: ['alan', 'kat', 'linus'],
              },
              {
                name: 'business',
                start: '2026-03-16',
                handoffTime: '09:00',
                rotationLength: { weeks: 1 },
                members: ['kat'],
                restrictions: [
                  {
                    days: [
                      'monday',
                      'tuesday',
                      'wednesday',
                      'thursday',
                      'friday',
                    ],
                    start: '09:00',
                    end: '17:00',
                  },
                ],
              },
            ],
          },
        ],
        escalationPolicy: {
          levels: [{ delayMinutes: 0, targets: [{ schedule: 'primary' }] }],
        },
      },
    });
    const [level1] = whoIsOnCall(layered, iso('2026-03-17T12:00:00Z'));
    expect(level1.now).toEqual([
      {
        userRef: 'user:default/kat',
        start: utc('2026-03-17T09:00:00Z'),
        end: utc('2026-03-18T17:00:00Z'),
        schedule: 'primary',
        layer: 'business',
      },
    ]);
    expect(level1.next).toEqual([
      {
        userRef: 'user:default/linus',
        start: utc('2026-03-18T17:00:00Z'),
        end: utc('2026-03-19T09:00:00Z'),
        schedule: 'primary',
        layer: 'daily',
      },
    ]);
  });

  it('reports nobody before the rotation starts, and the first shift as next', () => {
    const [level1] = whoIsOnCall(rotation, iso('2026-03-01T00:00:00Z'));
    expect(level1.now).toEqual([]);
    expect(level1.next[0]).toMatchObject({
      userRef: 'user:default/ada',
      start: utc('2026-03-16T08:00:00Z'),
    });
  });
});

describe('properties', () => {
  const zones = [
    'Europe/Berlin',
    'America/New_York',
    'Australia/Sydney',
    'Asia/Kolkata',
    'UTC',
    'America/Santiago',
  ];
  const hhmm = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(
      ([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`,
    );
  const length = fc.oneof(
    fc
      .integer({ min: 1, max: 48 })
      .map(hours => ({ hours } as Record<string, number>)),
    fc
      .integer({ min: 1, max: 14 })
      .map(days => ({ days } as Record<string, number>)),
    fc
      .integer({ min: 1, max: 4 })
      .map(weeks => ({ weeks } as Record<string, number>)),
  );
  const localHHMM = (instant: number, timeZone: string) =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(instant));

  it('segments tile the range and agree with point evaluation; exact handoffs read the handoff time on an independent clock', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        hhmm,
        length,
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 700 * 24 }),
        fc.array(fc.integer({ min: 0, max: 10 * 24 * 60 - 1 }), {
          minLength: 1,
          maxLength: 5,
        }),
        (
          zone,
          handoffTime,
          rotationLength,
          memberCount,
          offsetHours,
          probes,
        ) => {
          const members = Array.from(
            { length: memberCount },
            (_, i) => `m${i}`,
          );
          const schedule = scheduleOf(
            {
              layers: [
                {
                  name: 'l',
                  start: '2025-01-01',
                  handoffTime,
                  rotationLength,
                  members,
                },
              ],
            },
            zone,
          );
          const from = iso('2025-01-01T00:00:00Z') + offsetHours * 3_600_000;
          const to = from + 10 * 86_400_000;
          const segments = scheduleSegments(schedule, zone, from, to);
          expect(segments[0].start).toBe(from);
          expect(segments[segments.length - 1].end).toBe(to);
          segments.forEach(s => expect(s.end).toBeGreaterThan(s.start));
          segments
            .slice(1)
            .forEach((s, i) => expect(s.start).toBe(segments[i].end));
          for (const minutes of probes) {
            const t = from + minutes * 60_000;
            const seg = segments.find(s => s.start <= t && t < s.end)!;
            expect(assignmentAt(schedule, zone, t).userRef).toBe(seg.userRef);
          }
          const handoffs = handoffsBetween(schedule.layers[0], zone, from, to);
          for (const h of handoffs.filter(x => x.resolution !== 'gap')) {
            const [hh, mm] = handoffTime.split(':').map(Number);
            const lengthHours =
              (rotationLength.hours ?? 0) +
              (rotationLength.days ?? 0) * 24 +
              (rotationLength.weeks ?? 0) * 168;
            const minutes = (hh * 60 + mm + h.index * lengthHours * 60) % 1440;
            const expected = `${String(Math.floor(minutes / 60)).padStart(
              2,
              '0',
            )}:${String(minutes % 60).padStart(2, '0')}`;
            expect(localHHMM(h.instant, zone)).toBe(expected);
            const shift = shiftAt(schedule.layers[0], zone, h.instant)!;
            expect(shift.userRef).toBe(
              `user:default/m${shift.index % memberCount}`,
            );
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
