/*
 * Rotation math figures: cost of answering "who is on call now and next" for
 * rotations of growing complexity, as ratios against the simplest rotation
 * (one weekly layer, UTC) measured in the same run.
 *
 * Run from the repository root:
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/oncall/rotationMath.bench.ts
 */
import {
  rotationFileSchema,
  scheduleSegments,
  whoIsOnCall,
} from '@opsdeck/plugin-oncall-common';

function rotation(timeZone: string, layers: object[], levels = 1) {
  return rotationFileSchema.parse({
    apiVersion: 'opsdeck.io/v1alpha1',
    kind: 'Rotation',
    metadata: { name: 'bench' },
    spec: {
      timeZone,
      schedules: [{ name: 'primary', layers }],
      escalationPolicy: {
        levels: Array.from({ length: levels }, (_, i) => ({
          delayMinutes: i * 10,
          targets: [{ schedule: 'primary' }],
        })),
      },
    },
  });
}

const weekly = {
  name: 'weekly',
  start: '2026-01-05',
  handoffTime: '09:00',
  rotationLength: { weeks: 1 },
  members: ['a', 'b', 'c', 'd'],
};
const daily = { ...weekly, name: 'daily', rotationLength: { days: 1 } };
const hourly = { ...weekly, name: 'hourly', rotationLength: { hours: 1 } };
const business = {
  ...weekly,
  name: 'business',
  restrictions: [
    {
      days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
      start: '09:00',
      end: '17:00',
    },
  ],
};

const cases: Array<[string, ReturnType<typeof rotation>]> = [
  ['baseline: 1 weekly layer, UTC', rotation('UTC', [weekly])],
  ['1 weekly layer, Europe/Berlin', rotation('Europe/Berlin', [weekly])],
  ['1 daily layer, America/New_York', rotation('America/New_York', [daily])],
  ['1 hourly layer, America/New_York', rotation('America/New_York', [hourly])],
  [
    'weekly + business-hours layers, Berlin',
    rotation('Europe/Berlin', [weekly, business]),
  ],
  [
    '3 layers, 3 escalation levels, Berlin',
    rotation('Europe/Berlin', [weekly, daily, business], 3),
  ],
];

function measure(fn: () => void, minMs = 400): number {
  for (let i = 0; i < 5; i++) fn();
  let runs = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minMs) {
    fn();
    runs++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return elapsed / runs;
}

const at = Date.parse('2026-03-27T12:00:00Z');
console.log('whoIsOnCall (now and next per level) at 2026-03-27T12:00Z');
let baseline = 0;
for (const [title, r] of cases) {
  const ms = measure(() => whoIsOnCall(r, at));
  if (!baseline) baseline = ms;
  console.log(
    `${title.padEnd(42)} ${ms.toFixed(3).padStart(8)} ms/call  x${(
      ms / baseline
    ).toFixed(1)}`,
  );
}

console.log('\nscheduleSegments over 30 days (a month of the final schedule)');
baseline = 0;
for (const [title, r] of cases) {
  const s = r.spec.schedules[0];
  const ms = measure(() =>
    scheduleSegments(s, r.spec.timeZone, at, at + 30 * 86_400_000),
  );
  if (!baseline) baseline = ms;
  console.log(
    `${title.padEnd(42)} ${ms.toFixed(3).padStart(8)} ms/call  x${(
      ms / baseline
    ).toFixed(1)}`,
  );
}
