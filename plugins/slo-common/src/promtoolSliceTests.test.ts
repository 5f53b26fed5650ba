import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { formatPromDuration } from './duration';
import { promtool } from './testUtils/promtool';
import { parseOpenSlo } from './openslo/parseOpenSlo';
import {
  generatePrometheusRules,
  renderYaml,
  sloAlertWindowPairs,
} from './prometheusRules';
import { generatePromtoolTests } from './promtoolTests';
import { SloDefinition } from './model';

jest.setTimeout(15 * 60 * 1000);

const searchSlos = parseOpenSlo(
  readFileSync(
    resolve(__dirname, '../../../examples/slo/search-service.openslo.yaml'),
    'utf8',
  ),
  'search-service.openslo.yaml',
);

/** Ratio indicator over Timeslices: a 5-minute slice is good at 95% good requests. */
const ratioTimeslices = parseOpenSlo(
  `apiVersion: openslo/v1
kind: SLO
metadata:
  name: api-good-minutes
spec:
  service: api
  indicator:
    metadata:
      name: api-requests
    spec:
      ratioMetric:
        counter: true
        bad:
          metricSource:
            type: Prometheus
            spec:
              query: api_requests_total{outcome="error"}
        total:
          metricSource:
            type: Prometheus
            spec:
              query: api_requests_total
  timeWindow:
    - duration: 7d
      isRolling: true
  budgetingMethod: Timeslices
  objectives:
    - target: 0.99
      timeSliceTarget: 0.95
      timeSliceWindow: 5m
`,
  'api.yaml',
);

/** Threshold over 10-minute slices, good above the value (queue consumers up). */
const thresholdGte = parseOpenSlo(
  `apiVersion: openslo/v1
kind: SLO
metadata:
  name: consumers-up
spec:
  service: queue
  indicator:
    metadata:
      name: queue-consumers
    spec:
      thresholdMetric:
        metricSource:
          type: Prometheus
          spec:
            query: min by (queue) (queue_consumers{queue="orders"})
  timeWindow:
    - duration: 7d
      isRolling: true
  budgetingMethod: Timeslices
  objectives:
    - op: gte
      value: 2
      target: 0.995
      timeSliceWindow: 10m
`,
  'queue.yaml',
);

const cases: Array<[string, SloDefinition[]]> = [
  [
    'threshold Timeslices (lt, 5m slices)',
    searchSlos.filter(s => s.budgetingMethod === 'Timeslices'),
  ],
  ['ratio Timeslices (5m slices)', ratioTimeslices],
  ['threshold Timeslices (gte, 10m slices, aggregated)', thresholdGte],
];

describe('promtool scenarios for Timeslices budgeting', () => {
  it('skips, with the reason, windows holding more slices than promtool evaluates', () => {
    const [slo] = thresholdGte;
    const fine = {
      ...slo,
      objective: { ...slo.objective, timeSliceWindowSeconds: 60 },
    };
    expect(generatePromtoolTests([fine], 'r.yaml').skipped).toEqual([
      {
        slo: 'consumers-up',
        reason:
          'its 7d window holds 10080 slices of 1m; promtool test rules reads at most 4000 a window (it loads at most 10000 samples a query)',
      },
    ]);
  });

  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'slo-slices-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(cases)(
    '%s: every alert fires on its scenario and only there',
    async (name, slos) => {
      const base = name.replace(/[^a-z]+/gi, '-');
      const tests = generatePromtoolTests(slos, `${base}.rules.yaml`);
      expect(tests.skipped).toEqual([]);
      writeFileSync(
        join(dir, `${base}.rules.yaml`),
        renderYaml(generatePrometheusRules(slos)),
      );
      writeFileSync(join(dir, `${base}.tests.yaml`), renderYaml(tests.file));
      const check = await promtool(
        ['check', 'rules', `${base}.rules.yaml`],
        dir,
      );
      expect(check.ok).toBe(true);

      for (const slo of slos.filter(s => s.budgetingMethod === 'Timeslices')) {
        const mine = tests.file.tests.filter(t =>
          t.name.startsWith(`${slo.name}:`),
        );
        expect(mine.length).toBeGreaterThanOrEqual(3);
        const fired = mine.map(t =>
          t.alert_rule_test[0].exp_alerts.map(
            a => `${a.exp_labels.long_window}/${a.exp_labels.short_window}`,
          ),
        );
        // Each pair fires in some scenario, and some scenario fires nothing.
        for (const pair of sloAlertWindowPairs(slo)) {
          const key = formatPromDuration(pair.longWindowSeconds);
          expect(fired.flat().some(f => f.startsWith(`${key}/`))).toBe(true);
        }
        expect(fired.some(f => f.length === 0)).toBe(true);
        expect(
          fired.some(
            f => f.length > 0 && f.length < sloAlertWindowPairs(slo).length,
          ),
        ).toBe(true);
      }

      const result = await promtool(
        ['test', 'rules', `${base}.tests.yaml`],
        dir,
      );
      expect(result.output).toContain('SUCCESS');
      expect(result.ok).toBe(true);

      // A scenario expecting the wrong alerts fails.
      const silent = tests.file.tests.find(
        t =>
          t.alert_rule_test[0].exp_alerts.length === 0 &&
          slos.some(
            s =>
              s.budgetingMethod === 'Timeslices' &&
              t.name.startsWith(`${s.name}:`),
          ),
      )!;
      const firing = tests.file.tests.find(
        t =>
          t.name.startsWith(silent.name.split(':')[0]) &&
          t.alert_rule_test[0].exp_alerts.length > 0,
      )!;
      const broken = structuredClone(silent);
      broken.alert_rule_test[0].exp_alerts =
        firing.alert_rule_test[0].exp_alerts;
      writeFileSync(
        join(dir, `${base}.broken.yaml`),
        renderYaml({ ...tests.file, tests: [broken] }),
      );
      const failed = await promtool(
        ['test', 'rules', `${base}.broken.yaml`],
        dir,
      );
      expect(failed.ok).toBe(false);
      expect(failed.output).toContain('FAILED');
    },
  );
});
