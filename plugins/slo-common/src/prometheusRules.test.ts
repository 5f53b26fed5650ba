import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { promtool } from './testUtils/promtool';
import { parseOpenSlo } from './openslo/parseOpenSlo';
import { generatePrometheusRules, renderYaml } from './prometheusRules';
import { generatePromtoolTests } from './promtoolTests';

jest.setTimeout(15 * 60 * 1000);

const examples = resolve(__dirname, '../../../examples/slo');
const files = [
  'checkout-service.openslo.yaml',
  'payments-api.openslo.yaml',
  'search-service.openslo.yaml',
];

const load = (file: string) =>
  parseOpenSlo(readFileSync(join(examples, file), 'utf8'), file);

describe('generated rules on the example OpenSLO files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'slo-rules-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('pass promtool check rules', async () => {
    for (const file of files) {
      const rules = generatePrometheusRules(load(file));
      writeFileSync(join(dir, `${file}.rules.yaml`), renderYaml(rules));
      const ruleCount = rules.groups.reduce((n, g) => n + g.rules.length, 0);
      const check = await promtool(
        ['check', 'rules', `${file}.rules.yaml`],
        dir,
      );
      expect(check.output).toContain(`SUCCESS: ${ruleCount} rules found`);
      expect(check.ok).toBe(true);
    }
  });

  it('pass the generated promtool test rules scenarios, and a wrong expectation fails', async () => {
    const runs = files.map(async file => {
      const slos = load(file);
      const tests = generatePromtoolTests(slos, `${file}.tested-rules.yaml`);
      // Every SLO of the examples, threshold and Timeslices included, gets scenarios.
      expect(tests.skipped).toEqual([]);
      writeFileSync(
        join(dir, `${file}.tested-rules.yaml`),
        renderYaml(generatePrometheusRules(slos)),
      );
      const expected = tests.file.tests.map(
        t => t.alert_rule_test[0].exp_alerts.length,
      );
      expect(expected.some(n => n > 0)).toBe(true);
      expect(expected.some(n => n === 0)).toBe(true);
      writeFileSync(join(dir, `${file}.tests.yaml`), renderYaml(tests.file));
      const result = await promtool(
        ['test', 'rules', `${file}.tests.yaml`],
        dir,
      );
      expect(result.output).toContain('SUCCESS');
      expect(result.ok).toBe(true);
      return tests;
    });
    const [checkout] = await Promise.all(runs);

    const broken = structuredClone(
      checkout.file.tests.find(
        t => t.alert_rule_test[0].exp_alerts.length > 1,
      )!,
    );
    broken.alert_rule_test[0].exp_alerts.pop();
    writeFileSync(
      join(dir, 'broken.yaml'),
      renderYaml({ ...checkout.file, tests: [broken] }),
    );
    const result = await promtool(['test', 'rules', 'broken.yaml'], dir);
    expect(result.ok).toBe(false);
    expect(result.output).toContain('FAILED');
  });
});

describe('generatePrometheusRules', () => {
  it('records request-weighted counts per window and alerts on both windows', () => {
    const [slo] = load('checkout-service.openslo.yaml');
    const rules = generatePrometheusRules([slo]);
    const recorded = rules.groups
      .flatMap(g => g.rules)
      .filter(r => 'record' in r);
    const windows = recorded.map(r => (r as any).labels.slo_window);
    expect(new Set(windows)).toEqual(
      new Set(['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d']),
    );
    expect(recorded[0]).toEqual({
      record: 'opsdeck_slo:sli_errors:increase',
      expr: '(sum(increase(http_requests_total{service="checkout-service"}[5m])) - sum(increase(http_requests_total{service="checkout-service",code!~"5.."}[5m])))',
      labels: {
        opsdeck_slo: 'checkout-availability',
        opsdeck_service: 'checkout-service',
        slo_window: '5m',
      },
    });
    const alerts = rules.groups
      .flatMap(g => g.rules)
      .filter(r => 'alert' in r) as any[];
    expect(
      alerts.map(a => [
        a.labels.severity,
        a.labels.long_window,
        a.labels.short_window,
        a.for,
      ]),
    ).toEqual([
      ['page', '1h', '5m', undefined],
      ['page', '6h', '30m', undefined],
      ['ticket', '3d', '6h', undefined],
      ['ticket', '1d', '2h', '5m'],
    ]);
    expect(alerts[0].expr).toContain('> 0.0144');
    expect(alerts[1].expr).toContain('> 0.006');
  });

  it('refuses two SLOs with the same name for one service', () => {
    const [slo] = load('checkout-service.openslo.yaml');
    expect(() => generatePrometheusRules([slo, slo])).toThrow(
      'two SLOs named checkout-availability for service checkout-service',
    );
  });
});
