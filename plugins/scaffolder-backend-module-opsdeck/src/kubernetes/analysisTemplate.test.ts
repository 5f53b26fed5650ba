import {
  generatePrometheusRules,
  parseOpenSlo,
} from '@opsdeck/plugin-slo-common';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import {
  analysisTemplate,
  maxErrorRatio,
  sloErrorRatioQuery,
} from './analysisTemplate';
import { parseKubernetesManifestsParameters } from './parameters';

jest.setTimeout(120_000);

const execFileAsync = promisify(execFile);

const EXAMPLE = path.resolve(
  __dirname,
  '../../../../examples/slo/checkout-service.openslo.yaml',
);

const [checkoutSlo] = parseOpenSlo(
  fs.readFileSync(EXAMPLE, 'utf8'),
  'checkout-service.openslo.yaml',
);

function parameters(slo: Record<string, unknown>) {
  return parseKubernetesManifestsParameters({
    name: 'checkout',
    owner: 'payments',
    image: 'ghcr.io/acme/checkout:1.0.0',
    strategy: 'canary',
    slo,
  });
}

const RECORDED = parameters({
  name: checkoutSlo.name,
  service: checkoutSlo.service,
  objective: checkoutSlo.objective.target,
});

const RAW = parameters({
  objective: checkoutSlo.objective.target,
  indicator: {
    good: (checkoutSlo.indicator as any).good.query,
    total: (checkoutSlo.indicator as any).total.query,
  },
});

describe('the analysis query against the SLO rules of slo-common in promtool', () => {
  /*
   * The checkout SLO of examples/ (OpenSLO, parsed by slo-common) gets its
   * recording rules from slo-common's generator. 1,000 requests a minute:
   * 2 server errors a minute for 30 minutes, then 50 a minute. Both forms of
   * the analysis query (recorded series and raw counters) must read an
   * error ratio of 0.002, then 0.05.
   */
  it('reads the same error ratio from the recorded series and from the raw counters', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-analysis-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'rules.yaml'),
        stringify(generatePrometheusRules([checkoutSlo])),
      );
      const expectations = [
        { at: '20m', ratio: 0.002 },
        { at: '40m', ratio: 0.05 },
      ];
      const test = {
        rule_files: ['rules.yaml'],
        evaluation_interval: '1m',
        tests: [
          {
            interval: '1m',
            input_series: [
              {
                series:
                  'http_requests_total{service="checkout-service",code="200"}',
                values: '0+998x30 29940+950x30',
              },
              {
                series:
                  'http_requests_total{service="checkout-service",code="500"}',
                values: '0+2x30 60+50x30',
              },
            ],
            promql_expr_test: [RECORDED, RAW].flatMap(p =>
              expectations.map(e => ({
                expr: `round(${sloErrorRatioQuery(p)} * 1000000)`,
                eval_time: e.at,
                exp_samples: [{ labels: '{}', value: e.ratio * 1000000 }],
              })),
            ),
          },
        ],
      };
      fs.writeFileSync(path.join(dir, 'test.yaml'), stringify(test));
      const result = await execFileAsync(
        'promtool',
        ['test', 'rules', 'test.yaml'],
        {
          cwd: dir,
        },
      ).catch(error => error);
      expect(`${result.stdout}${result.stderr ?? ''}`).toContain('SUCCESS');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('uses the recorded metric names and labels of slo-common', () => {
    expect(sloErrorRatioQuery(RECORDED)).toBe(
      'sum(opsdeck_slo:sli_errors:increase{opsdeck_slo="checkout-availability", opsdeck_service="checkout-service", slo_window="5m"}) / sum(opsdeck_slo:sli_total:increase{opsdeck_slo="checkout-availability", opsdeck_service="checkout-service", slo_window="5m"})',
    );
  });
});

describe('analysisTemplate', () => {
  it('fails above the error budget times the allowed burn rate, and passes windows without requests', () => {
    const template = analysisTemplate(RECORDED) as any;
    const metric = template.spec.metrics[0];
    expect(metric.successCondition).toBe(
      'isNaN(result[0]) || result[0] <= 0.001',
    );
    expect(metric.provider.prometheus.address).toBe(
      'http://prometheus-operated.monitoring.svc:9090',
    );
    expect(metric.count).toBe(5);
    expect(metric.interval).toBe('1m');
  });

  it.each([
    [0.999, 1, 0.001],
    [0.999, 14.4, 0.0144],
    [0.99, 2, 0.02],
    [0.9, 20, 1],
  ])(
    'objective %d with burn rate %d accepts an error ratio up to %d',
    (objective, maxBurnRate, expected) => {
      expect(maxErrorRatio({ ...RECORDED.slo!, objective, maxBurnRate })).toBe(
        expected,
      );
    },
  );
});
