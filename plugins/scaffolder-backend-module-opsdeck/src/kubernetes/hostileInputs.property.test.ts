import { InputError } from '@backstage/errors';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { parseMetricSelector } from '@opsdeck/plugin-slo-common';
import { generateKubernetesManifests } from './generateKubernetesManifests';
import {
  checkKubernetesManifests,
  checkKustomizationFiles,
} from './manifestChecker';

jest.setTimeout(240_000);

/*
 * What is tried: every free-text parameter (listed in FIELDS) receives values
 * built from hostile fragments: newlines and carriage returns, NUL, ESC and
 * DEL, YAML syntax (`: `, `- `, `#`, `{`, `}`, `[`, `]`, `&anchor`, `*alias`,
 * `!!python/object`, `---`, `...`, `|`, `>`), quotes, backslashes,
 * `{{args.x}}` (Argo Rollouts templating), `$(`, `${`, backticks, `;`, `&&`,
 * `../` and absolute paths, `@sha256:` with short or non-hex digests, `:latest`,
 * upper case, spaces and tabs, Unicode look-alikes (Cyrillic a, fullwidth
 * colon, zero-width space, right-to-left override), empty strings and values
 * up to 5,000 characters, mixed with valid values so that accepted values are
 * exercised too. Numbers (ports, replicas, weights, objectives, burn rates,
 * counts) receive out-of-range integers, fractions, NaN, infinities, negative
 * zero and numeric strings; weights also unordered and duplicate lists.
 * Unknown parameters and wrong types (arrays, objects, null) are tried too.
 */
const FRAGMENTS = [
  '\n',
  '\r',
  '\u0000',
  '\u001b',
  '\u007f',
  '\t',
  ' ',
  ': ',
  '- ',
  '#',
  '{',
  '}',
  '[',
  ']',
  '&a',
  '*a',
  '!!python/object',
  '---',
  '...',
  '|',
  '>',
  '"',
  "'",
  '\\',
  '{{args.x}}',
  '{{',
  '}}',
  '$(',
  '${',
  '`',
  ';',
  '&&',
  '../',
  '/',
  '@sha256:',
  'abc',
  ':latest',
  ':1.0',
  'A',
  'Z',
  '\u0430',
  '\uff1a',
  '\u200b',
  '\u202e',
  'a',
  'z',
  '0',
  '9',
  '-',
  '.',
  '_',
  'ghcr.io',
  'acme',
  'checkout',
  '10.0.0.0',
  '/16',
  'm',
  'Mi',
  'http://',
  'prometheus',
  ':9090',
  '=',
  ',',
  'http_requests_total',
];

const hostileText = fc.oneof(
  fc
    .array(fc.constantFrom(...FRAGMENTS), { maxLength: 10 })
    .map(p => p.join('')),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '',
    'x'.repeat(5_000),
    'a'.repeat(64),
    'A\u0301',
    `@sha256:${'g'.repeat(64)}`,
  ),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,12}[a-z0-9]$/),
  fc.stringMatching(/^[a-z0-9.]{1,8}(\/[a-z0-9]{1,8}){0,2}(:[a-z0-9.]{1,5})?$/),
  fc.stringMatching(/^[0-9]{1,4}(m|Mi|Gi)?$/),
);

const BASE = {
  name: 'checkout',
  owner: 'group:default/payments',
  image: 'ghcr.io/acme/checkout:1.0.0',
  strategy: 'canary',
  slo: { objective: 0.999 },
};

type Place = (value: any) => Record<string, unknown>;

const FIELDS: [string, Place][] = [
  ['name', v => ({ name: v })],
  ['owner', v => ({ owner: v })],
  ['system', v => ({ system: v })],
  ['image', v => ({ image: v })],
  ['probes.livenessPath', v => ({ probes: { livenessPath: v } })],
  ['probes.readinessPath', v => ({ probes: { readinessPath: v } })],
  ['probes.startupPath', v => ({ probes: { startupPath: v } })],
  [
    'resources.requests.cpu',
    v => ({ resources: { requests: { cpu: v, memory: '64Mi' } } }),
  ],
  [
    'resources.limits.memory',
    v => ({ resources: { limits: { cpu: '1', memory: v } } }),
  ],
  [
    'environments.0.name',
    v => ({ environments: [{ name: v }, { name: 'production' }] }),
  ],
  ['canaryPause', v => ({ canaryPause: v })],
  ['slo.name', v => ({ slo: { objective: 0.999, name: v } })],
  ['slo.service', v => ({ slo: { objective: 0.999, service: v } })],
  [
    'slo.prometheusAddress',
    v => ({ slo: { objective: 0.999, prometheusAddress: v } }),
  ],
  ['slo.interval', v => ({ slo: { objective: 0.999, interval: v } })],
  [
    'slo.indicator.total',
    v => ({
      slo: {
        objective: 0.999,
        indicator: { total: v, good: 'x_total{code="200"}' },
      },
    }),
  ],
  [
    'slo.indicator.good',
    v => ({
      slo: { objective: 0.999, indicator: { total: 'x_total', good: v } },
    }),
  ],
  [
    'network.ingressNamespaces.0',
    v => ({ network: { ingressNamespaces: [v] } }),
  ],
  [
    'network.monitoringNamespace',
    v => ({ network: { monitoringNamespace: v } }),
  ],
  [
    'network.egress.0.cidr',
    v => ({ network: { egress: [{ cidr: v, port: 5432 }] } }),
  ],
];

const hostileNumber = fc.oneof(
  fc.integer({ min: -100_000, max: 100_000 }),
  fc.double({ noNaN: false }),
  fc.constantFrom(
    0,
    -0,
    1,
    65535,
    65536,
    1023,
    1024,
    NaN,
    Infinity,
    -Infinity,
    0.5,
    1.5,
  ),
  fc.constantFrom('80' as any, null as any, [] as any, {} as any),
);

const NUMBER_FIELDS: [string, Place][] = [
  ['port', v => ({ port: v })],
  ['servicePort', v => ({ servicePort: v })],
  ['replicas', v => ({ replicas: v })],
  ['autoscaling.minReplicas', v => ({ autoscaling: { minReplicas: v } })],
  ['autoscaling.maxReplicas', v => ({ autoscaling: { maxReplicas: v } })],
  [
    'autoscaling.targetCpuUtilization',
    v => ({ autoscaling: { targetCpuUtilization: v } }),
  ],
  [
    'environments.0.replicas',
    v => ({ environments: [{ name: 'staging', replicas: v }] }),
  ],
  ['slo.objective', v => ({ slo: { objective: v } })],
  ['slo.maxBurnRate', v => ({ slo: { objective: 0.99, maxBurnRate: v } })],
  ['slo.count', v => ({ slo: { objective: 0.99, count: v } })],
  [
    'network.egress.0.port',
    v => ({ network: { egress: [{ cidr: '10.0.0.0/8', port: v }] } }),
  ],
];

/** Every string value anywhere in a parsed document. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)]);
  }
  return [];
}

/**
 * Either an InputError naming the field, or manifests that parse as YAML,
 * carry the value only as a whole scalar and pass every check.
 */
function expectRejectedOrSafe(
  input: Record<string, unknown>,
  field: string,
  value: unknown,
): 'accepted' | 'rejected' {
  const selector = field.startsWith('slo.indicator');
  let manifests;
  try {
    manifests = generateKubernetesManifests(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toContain(field.split('.')[0]);
    return 'rejected';
  }
  for (const file of manifests.files) {
    const documents = parseAllDocuments(file.content);
    expect(documents.every(d => d.errors.length === 0)).toBe(true);
    if (typeof value === 'string' && value.length > 0) {
      for (const text of documents.flatMap(d => strings(d.toJSON()))) {
        if (text !== value && text.includes(value)) {
          // Accepted values may only appear inside generated text in known,
          // quoted places: label values, names and PromQL string literals.
          // Selectors land inside PromQL; they must be plain selectors.
          expect(
            selector
              ? parseMetricSelector(value) !== undefined &&
                  !value.includes('{{')
              : /^[A-Za-z0-9._/:@-]+$/.test(value),
          ).toBe(true);
        }
      }
    }
  }
  const objects = manifests.files.flatMap(f => f.objects);
  expect(
    checkKubernetesManifests(objects.filter(o => o.kind !== 'Namespace')),
  ).toEqual([]);
  expect(checkKustomizationFiles(manifests.files)).toEqual([]);
  return 'accepted';
}

describe('hostile inputs to the Kubernetes manifest generator', () => {
  const cases = [
    ...FIELDS.map(([field, place]) => ({
      field,
      place,
      values: hostileText,
      runs: 150,
    })),
    ...NUMBER_FIELDS.map(([field, place]) => ({
      field,
      place,
      values: hostileNumber,
      runs: 100,
    })),
  ];

  it.each(cases.map(c => [c.field, c] as const))(
    '%s: rejected with an InputError or rendered safely',
    (_field, { field, place, values, runs }) => {
      const outcomes = { accepted: 0, rejected: 0 };
      fc.assert(
        fc.property(values as fc.Arbitrary<unknown>, value => {
          outcomes[
            expectRejectedOrSafe({ ...BASE, ...place(value) }, field, value)
          ] += 1;
        }),
        { numRuns: runs },
      );
      expect(outcomes.rejected).toBeGreaterThan(0);
      expect(outcomes.accepted + outcomes.rejected).toBeGreaterThanOrEqual(
        runs,
      );
    },
  );

  it('canary weights: accepted only when strictly ascending within 1-100', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 105 }), { maxLength: 12 }),
        weights => {
          const valid =
            weights.length >= 1 &&
            weights.length <= 10 &&
            weights.every(w => w >= 1 && w <= 100) &&
            weights.every((w, i) => i === 0 || w > weights[i - 1]);
          const steps = (): unknown => {
            try {
              const rollout = generateKubernetesManifests({
                ...BASE,
                canaryWeights: weights,
              }).files.find(f => f.path === 'base/rollout.yaml')!
                .objects[0] as any;
              return rollout.spec.strategy.canary.steps
                .filter((step: any) => step.setWeight)
                .map((step: any) => step.setWeight);
            } catch (error) {
              return error instanceof InputError ? 'InputError' : error;
            }
          };
          expect(steps()).toEqual(valid ? weights : 'InputError');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rejects unknown parameters and wrong types anywhere', () => {
    const badInputs: Record<string, unknown>[] = [
      { ...BASE, hostNetwork: true },
      { ...BASE, probes: { livenessPath: '/h', exec: 'rm -rf /' } },
      {
        ...BASE,
        network: { egress: [{ cidr: '0.0.0.0/0', port: 1, extra: 1 }] },
      },
      { ...BASE, environments: 'production' },
      { ...BASE, environments: [] },
      { ...BASE, resources: null },
      { ...BASE, slo: { objective: '0.999' } },
      { ...BASE, strategy: 'recreate' },
      { ...BASE, strategy: 'canary', slo: undefined },
      { ...BASE, slo: { objective: 0.999, indicator: { total: 'x_total' } } },
      {
        ...BASE,
        slo: {
          objective: 0.999,
          indicator: { total: 'x', good: 'y', bad: 'z' },
        },
      },
      {
        ...BASE,
        resources: {
          requests: { cpu: '2', memory: '1Gi' },
          limits: { cpu: '1', memory: '1Gi' },
        },
      },
      { ...BASE, autoscaling: { minReplicas: 5, maxReplicas: 2 } },
      { ...BASE, environments: [{ name: 'prod' }, { name: 'prod' }] },
      {
        ...BASE,
        name: 'a'.repeat(50),
        environments: [{ name: 'production-europe-west' }],
      },
      { ...BASE, port: 80 },
    ];
    for (const input of badInputs) {
      expect(() => generateKubernetesManifests(input)).toThrow(InputError);
    }
  });
});
