import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { isValidTimeZone } from './localTime';

/** Days of the week, as written in restrictions. @public */
export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;

/** @public */
export type Weekday = (typeof WEEKDAYS)[number];

const timeOfDay = z
  .string()
  .regex(
    /^([01]\d|2[0-3]):[0-5]\d$/,
    'must be a time of day as HH:mm (00:00 to 23:59)',
  );

const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine(value => {
    const [y, m, d] = value.split('-').map(Number);
    const date = new Date(Date.UTC(y, m - 1, d));
    return (
      date.getUTCFullYear() === y &&
      date.getUTCMonth() === m - 1 &&
      date.getUTCDate() === d
    );
  }, 'is not a calendar date');

const name = z
  .string()
  .regex(
    /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/,
    'must be lowercase letters, digits and dashes (at most 63 characters)',
  );

/**
 * A catalog User reference: `user:default/ada.lovelace`, `user:ada.lovelace`
 * or `ada.lovelace`. Normalised to the full form.
 */
const userRef = z
  .string()
  .max(253 + 64)
  .transform((value, ctx) => {
    try {
      const ref = parseEntityRef(value, {
        defaultKind: 'user',
        defaultNamespace: 'default',
      });
      if (ref.kind.toLocaleLowerCase('en-US') !== 'user') {
        ctx.addIssue({
          code: 'custom',
          message: `"${value}" is a ${ref.kind} reference; members must be catalog Users`,
        });
        return z.NEVER;
      }
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(ref.name)) {
        ctx.addIssue({
          code: 'custom',
          message: `"${value}" is not a valid User name`,
        });
        return z.NEVER;
      }
      return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: `"${value}" is not an entity reference`,
      });
      return z.NEVER;
    }
  });

const rotationLength = z
  .strictObject({
    hours: z
      .number()
      .int()
      .min(1)
      .max(24 * 7 * 52)
      .optional(),
    days: z
      .number()
      .int()
      .min(1)
      .max(7 * 52)
      .optional(),
    weeks: z.number().int().min(1).max(52).optional(),
  })
  .refine(
    value =>
      [value.hours, value.days, value.weeks].filter(v => v !== undefined)
        .length === 1,
    'must give exactly one of hours, days or weeks',
  );

const restriction = z
  .strictObject({
    days: z
      .array(z.enum(WEEKDAYS))
      .min(1)
      .refine(days => new Set(days).size === days.length, 'lists a day twice')
      .default([...WEEKDAYS]),
    start: timeOfDay,
    end: timeOfDay,
  })
  .refine(value => value.start !== value.end, {
    message: 'start and end must differ',
    path: ['end'],
  });

const layer = z.strictObject({
  name,
  start: calendarDate,
  handoffTime: timeOfDay,
  rotationLength,
  members: z
    .array(userRef)
    .min(1, 'a layer needs at least one member')
    .max(200),
  restrictions: z.array(restriction).max(50).optional(),
});

const schedule = z.strictObject({
  name,
  layers: z.array(layer).min(1, 'a schedule needs at least one layer').max(20),
});

const target = z.union([
  z.strictObject({ schedule: name }),
  z.strictObject({ user: userRef }),
]);

const escalationLevel = z.strictObject({
  delayMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  targets: z.array(target).min(1, 'a level needs at least one target').max(20),
});

/**
 * The rotation file referenced by `opsdeck.io/oncall-rotation`.
 *
 * @public
 */
export const rotationFileSchema = z
  .strictObject({
    apiVersion: z.literal('opsdeck.io/v1alpha1'),
    kind: z.literal('Rotation'),
    metadata: z.strictObject({
      name,
      description: z.string().max(1000).optional(),
    }),
    spec: z.strictObject({
      timeZone: z
        .string()
        .max(64)
        .refine(isValidTimeZone, {
          error: issue =>
            `"${String(
              issue.input,
            )}" is not an IANA time zone (for example Europe/Berlin)`,
        }),
      schedules: z.array(schedule).min(1).max(20),
      escalationPolicy: z.strictObject({
        levels: z.array(escalationLevel).min(1).max(10),
      }),
    }),
  })
  .superRefine((file, ctx) => checkConsistency(file.spec, ctx));

/** A validated rotation file. @public */
export type RotationFile = z.output<typeof rotationFileSchema>;
/** @public */
export type RotationSpec = RotationFile['spec'];
/** @public */
export type RotationSchedule = RotationSpec['schedules'][number];
/** @public */
export type RotationLayer = RotationSchedule['layers'][number];
/** @public */
export type RotationRestriction = NonNullable<
  RotationLayer['restrictions']
>[number];
/** @public */
export type EscalationLevel =
  RotationSpec['escalationPolicy']['levels'][number];

type Ctx = z.RefinementCtx;

function checkConsistency(spec: RotationSpec, ctx: Ctx) {
  const scheduleNames = new Set<string>();
  spec.schedules.forEach((s, si) => {
    if (scheduleNames.has(s.name)) {
      ctx.addIssue({
        code: 'custom',
        path: ['spec', 'schedules', si, 'name'],
        message: `schedule name "${s.name}" is used twice`,
      });
    }
    scheduleNames.add(s.name);
    const layerNames = new Set<string>();
    s.layers.forEach((l, li) => {
      const path = ['spec', 'schedules', si, 'layers', li];
      if (layerNames.has(l.name)) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'name'],
          message: `layer name "${l.name}" is used twice in schedule "${s.name}"`,
        });
      }
      layerNames.add(l.name);
      const overlap = findRestrictionOverlap(l.restrictions ?? []);
      if (overlap) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'restrictions'],
          message: `restrictions ${overlap.first + 1} and ${
            overlap.second + 1
          } of layer "${l.name}" overlap on ${overlap.day}`,
        });
      }
    });
  });
  let previousDelay = -1;
  spec.escalationPolicy.levels.forEach((level, i) => {
    const path = ['spec', 'escalationPolicy', 'levels', i];
    if (i === 0 && level.delayMinutes !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'delayMinutes'],
        message:
          'the first level is notified at once: its delayMinutes must be 0',
      });
    } else if (i > 0 && level.delayMinutes <= previousDelay) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'delayMinutes'],
        message: `level ${
          i + 1
        } must be notified later than level ${i} (delayMinutes ${
          level.delayMinutes
        } <= ${previousDelay})`,
      });
    }
    previousDelay = level.delayMinutes;
    level.targets.forEach((t, ti) => {
      if ('schedule' in t && !scheduleNames.has(t.schedule)) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'targets', ti, 'schedule'],
          message: `unknown schedule "${t.schedule}" (defined: ${[
            ...scheduleNames,
          ].join(', ')})`,
        });
      }
    });
  });
}

const WEEK_MINUTES = 7 * 24 * 60;

/**
 * Minute-of-week intervals `[start, end)` covered by a restriction.
 *
 * @public
 */
export function restrictionIntervals(
  r: RotationRestriction,
): Array<[number, number]> {
  const [sh, sm] = r.start.split(':').map(Number);
  const [eh, em] = r.end.split(':').map(Number);
  const start = sh * 60 + sm;
  const end = eh * 60 + em;
  const intervals: Array<[number, number]> = [];
  for (const day of r.days) {
    const base = WEEKDAYS.indexOf(day) * 24 * 60;
    if (end > start) {
      intervals.push([base + start, base + end]);
    } else {
      const until = base + 24 * 60 + end;
      if (until <= WEEK_MINUTES) {
        intervals.push([base + start, until]);
      } else {
        intervals.push([base + start, WEEK_MINUTES]);
        intervals.push([0, until - WEEK_MINUTES]);
      }
    }
  }
  return intervals;
}

function findRestrictionOverlap(restrictions: RotationRestriction[]) {
  const all = restrictions.map(restrictionIntervals);
  for (let a = 0; a < all.length; a++) {
    for (let b = a + 1; b < all.length; b++) {
      for (const [s1, e1] of all[a]) {
        for (const [s2, e2] of all[b]) {
          const s = Math.max(s1, s2);
          if (s < Math.min(e1, e2)) {
            return {
              first: a,
              second: b,
              day: WEEKDAYS[Math.floor(s / (24 * 60))],
            };
          }
        }
      }
    }
  }
  return undefined;
}

/** Formats zod issues as one line each: `path: message`. @public */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map(issue => {
      const path = issue.path.length
        ? issue.path
            .map(p => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
            .join('')
            .replace(/^\./, '')
        : '(root)';
      return `${path}: ${issue.message}`;
    })
    .join('; ');
}

/** Result of parsing a rotation file. @public */
export type RotationParseResult =
  | { ok: true; rotation: RotationFile }
  | { ok: false; error: string };

/**
 * Parses and validates the YAML text of a rotation file.
 *
 * @public
 */
export function parseRotationFile(text: string): RotationParseResult {
  if (text.length > 1_000_000) {
    return { ok: false, error: 'rotation file is larger than 1 MB' };
  }
  let data: unknown;
  try {
    data = parseYaml(text, { maxAliasCount: 100 });
  } catch (e) {
    return {
      ok: false,
      error: `rotation file is not valid YAML: ${(e as Error).message}`,
    };
  }
  const parsed = rotationFileSchema.safeParse(data);
  if (!parsed.success) {
    return { ok: false, error: formatIssues(parsed.error) };
  }
  return { ok: true, rotation: parsed.data };
}

/** Every User reference in a rotation, sorted and unique. @public */
export function rotationUserRefs(rotation: RotationFile): string[] {
  const refs = new Set<string>();
  for (const s of rotation.spec.schedules) {
    for (const l of s.layers) l.members.forEach(m => refs.add(m));
  }
  for (const level of rotation.spec.escalationPolicy.levels) {
    for (const t of level.targets) if ('user' in t) refs.add(t.user);
  }
  return [...refs].sort();
}
