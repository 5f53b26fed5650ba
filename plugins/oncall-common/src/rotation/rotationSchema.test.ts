import { stringify } from 'yaml';
import { parseRotationFile, rotationUserRefs } from './rotationSchema';

function file(
  spec: Record<string, unknown> = {},
  metadata: object = { name: 'platform' },
) {
  return {
    apiVersion: 'opsdeck.io/v1alpha1',
    kind: 'Rotation',
    metadata,
    spec: {
      timeZone: 'Europe/Berlin',
      schedules: [
        {
          name: 'primary',
          layers: [
            {
              name: 'weekly',
              start: '2026-01-05',
              handoffTime: '09:00',
              rotationLength: { weeks: 1 },
              members: ['ada.lovelace', 'user:default/grace.hopper'],
            },
          ],
        },
      ],
      escalationPolicy: {
        levels: [{ delayMinutes: 0, targets: [{ schedule: 'primary' }] }],
      },
      ...spec,
    },
  };
}

function withLayer(layer: Record<string, unknown>) {
  const base = file();
  return file({
    schedules: [
      {
        name: 'primary',
        layers: [{ ...base.spec.schedules[0].layers[0], ...layer }],
      },
    ],
  });
}

describe('parseRotationFile', () => {
  it('accepts a valid file and normalises member references', () => {
    const result = parseRotationFile(stringify(file()));
    expect(result.ok).toBe(true);
    expect(rotationUserRefs((result as { rotation: any }).rotation)).toEqual([
      'user:default/ada.lovelace',
      'user:default/grace.hopper',
    ]);
  });

  it.each([
    [
      'an unknown time zone',
      file({ timeZone: 'Mars/Olympus_Mons' }),
      'spec.timeZone: "Mars/Olympus_Mons" is not an IANA time zone',
    ],
    [
      'a time zone with a newline',
      file({ timeZone: 'Europe/Berlin\n' }),
      'spec.timeZone: "Europe/Berlin\n" is not an IANA time zone',
    ],
    [
      'an empty layer',
      withLayer({ members: [] }),
      'spec.schedules[0].layers[0].members: a layer needs at least one member',
    ],
    [
      'an empty schedule',
      file({ schedules: [{ name: 'primary', layers: [] }] }),
      'spec.schedules[0].layers: a schedule needs at least one layer',
    ],
    [
      'a Group as member',
      withLayer({ members: ['group:default/platform'] }),
      '"group:default/platform" is a group reference; members must be catalog Users',
    ],
    [
      'a member with a path',
      withLayer({ members: ['user:default/../admin'] }),
      'spec.schedules[0].layers[0].members[0]',
    ],
    [
      'a member with ${{',
      withLayer({ members: ['${{ secrets.TOKEN }}'] }),
      'is not a valid User name',
    ],
    [
      'a member with $(',
      withLayer({ members: ['$(rm -rf /)'] }),
      'spec.schedules[0].layers[0].members[0]',
    ],
    [
      'handoff 24:00',
      withLayer({ handoffTime: '24:00' }),
      'handoffTime: must be a time of day as HH:mm',
    ],
    [
      'handoff 9:00',
      withLayer({ handoffTime: '9:00' }),
      'handoffTime: must be a time of day as HH:mm',
    ],
    [
      '30 February',
      withLayer({ start: '2026-02-30' }),
      'start: is not a calendar date',
    ],
    [
      'two rotation lengths',
      withLayer({ rotationLength: { days: 1, weeks: 1 } }),
      'rotationLength: must give exactly one of hours, days or weeks',
    ],
    [
      'NaN rotation length',
      withLayer({ rotationLength: { days: NaN } }),
      'rotationLength.days',
    ],
    [
      'a huge rotation length',
      withLayer({ rotationLength: { weeks: 1e9 } }),
      'rotationLength.weeks',
    ],
    [
      'a fractional rotation length',
      withLayer({ rotationLength: { hours: 1.5 } }),
      'rotationLength.hours',
    ],
    [
      'an unknown key',
      withLayer({ handoff: '09:00' }),
      'spec.schedules[0].layers[0]: Unrecognized key: "handoff"',
    ],
    [
      'overlapping restrictions',
      withLayer({
        restrictions: [
          { days: ['monday'], start: '09:00', end: '17:00' },
          { days: ['monday', 'tuesday'], start: '16:00', end: '18:00' },
        ],
      }),
      'restrictions 1 and 2 of layer "weekly" overlap on monday',
    ],
    [
      'an overnight restriction overlapping the next morning',
      withLayer({
        restrictions: [
          { days: ['sunday'], start: '22:00', end: '06:00' },
          { days: ['monday'], start: '05:00', end: '09:00' },
        ],
      }),
      'restrictions 1 and 2 of layer "weekly" overlap on monday',
    ],
    [
      'a restriction of zero length',
      withLayer({ restrictions: [{ start: '09:00', end: '09:00' }] }),
      'restrictions[0].end: start and end must differ',
    ],
    [
      'duplicate layer names',
      file({
        schedules: [
          {
            name: 'primary',
            layers: [
              withLayer({}).spec.schedules[0].layers[0],
              withLayer({}).spec.schedules[0].layers[0],
            ],
          },
        ],
      }),
      'layer name "weekly" is used twice in schedule "primary"',
    ],
    [
      'a first level with a delay',
      file({
        escalationPolicy: {
          levels: [{ delayMinutes: 5, targets: [{ schedule: 'primary' }] }],
        },
      }),
      'spec.escalationPolicy.levels[0].delayMinutes: the first level is notified at once',
    ],
    [
      'levels whose delays do not increase',
      file({
        escalationPolicy: {
          levels: [
            { delayMinutes: 0, targets: [{ schedule: 'primary' }] },
            { delayMinutes: 0, targets: [{ user: 'ada.lovelace' }] },
          ],
        },
      }),
      'level 2 must be notified later than level 1',
    ],
    [
      'an unknown schedule target',
      file({
        escalationPolicy: {
          levels: [{ delayMinutes: 0, targets: [{ schedule: 'secondary' }] }],
        },
      }),
      'unknown schedule "secondary" (defined: primary)',
    ],
    [
      'a name with quotes',
      file({}, { name: 'plat"form' }),
      'metadata.name: must be lowercase letters',
    ],
    [
      'a wrong kind',
      { ...file(), kind: 'Schedule' },
      'kind: Invalid input: expected "Rotation"',
    ],
  ])('rejects %s with a precise error', (_title, data, message) => {
    expect(parseRotationFile(stringify(data))).toEqual({
      ok: false,
      error: expect.stringContaining(message),
    });
  });

  it('rejects text that is not YAML', () => {
    const result = parseRotationFile('spec: [unclosed');
    expect(result).toEqual({
      ok: false,
      error: expect.stringContaining('rotation file is not valid YAML'),
    });
  });

  it('rejects a file over 1 MB without parsing it', () => {
    expect(parseRotationFile(`# ${'x'.repeat(1_000_001)}`)).toEqual({
      ok: false,
      error: 'rotation file is larger than 1 MB',
    });
  });

  it('rejects a billion-laughs alias bomb', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 9; i++) {
      const prev = String.fromCharCode(97 + i);
      const next = String.fromCharCode(98 + i);
      bomb.push(`${next}: &${next} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    const result = parseRotationFile(bomb.join('\n'));
    expect(result.ok).toBe(false);
  });
});
