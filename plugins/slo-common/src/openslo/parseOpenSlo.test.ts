import { readFileSync } from 'fs';
import { resolve } from 'path';
import { parseOpenSlo } from './parseOpenSlo';
import { OpenSloError } from './OpenSloError';

const examples = resolve(__dirname, '../../../../examples/slo');
const read = (name: string) => readFileSync(resolve(examples, name), 'utf8');

function problems(text: string): string[] {
  try {
    parseOpenSlo(text, 'slo.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(OpenSloError);
    return (error as OpenSloError).issues.map(
      i => `${i.file}: ${i.field}: ${i.problem}`,
    );
  }
  throw new Error('expected the file to be rejected');
}

const validSlo = (
  overrides: { spec?: string; target?: string; query?: string } = {},
) => `
apiVersion: openslo/v1
kind: SLO
metadata:
  name: api-availability
spec:
  service: api
  indicator:
    metadata:
      name: api-requests
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec:
              query: ${overrides.query ?? 'http_requests_total{code!~"5.."}'}
        total:
          metricSource:
            type: Prometheus
            spec:
              query: http_requests_total
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: ${overrides.target ?? '0.999'}
${overrides.spec ?? ''}`;

describe('parseOpenSlo', () => {
  it('reads the example files', () => {
    const checkout = parseOpenSlo(
      read('checkout-service.openslo.yaml'),
      'checkout',
    );
    expect(checkout).toHaveLength(1);
    expect(checkout[0]).toMatchObject({
      name: 'checkout-availability',
      service: 'checkout-service',
      indicatorName: 'checkout-requests',
      timeWindow: { kind: 'rolling', seconds: 30 * 86400 },
      objective: { target: 0.999 },
      indicator: {
        kind: 'ratio',
        total: { query: 'http_requests_total{service="checkout-service"}' },
      },
    });
    expect(checkout[0].alertPolicies[0].conditions[0]).toEqual({
      name: 'checkout-slow-burn',
      severity: 'ticket',
      threshold: 1.5,
      lookbackWindowSeconds: 86400,
      alertAfterSeconds: 300,
    });

    const payments = parseOpenSlo(
      read('payments-api.openslo.yaml'),
      'payments',
    );
    expect(payments.map(s => s.name)).toEqual([
      'payments-availability',
      'payments-latency',
    ]);
    expect(payments[0].objective.target).toBeCloseTo(0.9995, 12);
    expect(payments[0].timeWindow).toEqual({
      kind: 'calendar',
      duration: '1M',
      count: 1,
      unit: 'M',
      startTime: '2024-01-01 00:00:00',
      timeZone: 'UTC',
    });

    const search = parseOpenSlo(read('search-service.openslo.yaml'), 'search');
    expect(search[1]).toMatchObject({
      budgetingMethod: 'Timeslices',
      indicator: { kind: 'threshold' },
      objective: { op: 'lt', value: 600, timeSliceWindowSeconds: 300 },
    });
  });

  it('names the file, the field and the problem', () => {
    expect(problems(validSlo({ target: '1' }))).toEqual([
      'slo.yaml: SLO api-availability: spec.objectives[0].target: must be below 1 (a 100% objective has no error budget)',
    ]);
  });

  it('rejects YAML that does not parse, with the line', () => {
    expect(problems('apiVersion: openslo/v1\nkind: [SLO\n')[0]).toMatch(
      /^slo\.yaml: document 1 \(line \d+, column \d+\): is not valid YAML/,
    );
  });

  it('rejects other OpenSLO versions and unknown kinds', () => {
    expect(
      problems(validSlo().replace('openslo/v1', 'openslo/v1alpha')),
    ).toEqual([
      'slo.yaml: document 1: apiVersion: must be openslo/v1 (got "openslo/v1alpha")',
    ]);
    expect(
      problems(validSlo().replace('kind: SLO', 'kind: Service'))[0],
    ).toContain(
      'kind: must be one of SLO, SLI, AlertPolicy, AlertCondition, DataSource',
    );
  });

  it('rejects hostile and malformed queries', () => {
    for (const query of [
      '"${{ github.token }}"',
      '"$(curl evil)"',
      '"sum(rate(x[5m]))"',
      '"x{a=\\"1\\"}\\ny{}"',
      '"x{a=\\"\\u0007\\"}"',
    ]) {
      const found = problems(validSlo({ query })).join('\n');
      expect(found).toMatch(
        /good\.metricSource\.spec\.query: (must be a counter selector|must not contain control characters)/,
      );
    }
  });

  it('rejects NaN, huge and negative targets and names with ../', () => {
    expect(problems(validSlo({ target: '.nan' })).join()).toContain(
      'spec.objectives[0].target',
    );
    expect(problems(validSlo({ target: '1e308' })).join()).toContain(
      'must be below 1',
    );
    expect(problems(validSlo({ target: '-0.5' })).join()).toContain(
      'spec.objectives[0].target',
    );
    expect(
      problems(validSlo().replace('name: api-availability', 'name: ../etc'))[0],
    ).toContain('metadata.name: must be a lowercase RFC 1123 label');
  });

  it('rejects semantic mistakes', () => {
    expect(
      problems(
        validSlo().replace(
          'budgetingMethod: Occurrences',
          'budgetingMethod: Timeslices',
        ),
      ),
    ).toEqual([
      'slo.yaml: SLO api-availability: spec.objectives[0].timeSliceTarget: is required with Timeslices budgeting',
      'slo.yaml: SLO api-availability: spec.objectives[0].timeSliceWindow: is required with Timeslices budgeting',
    ]);
    expect(
      problems(
        validSlo({
          spec: '  alertPolicies:\n    - alertPolicyRef: missing-policy',
        }),
      ),
    ).toEqual([
      'slo.yaml: SLO api-availability: spec.alertPolicies[0].alertPolicyRef: names AlertPolicy missing-policy, which is not in this file',
    ]);
    expect(
      problems(
        validSlo().replace(
          'duration: 30d\n      isRolling: true',
          'duration: 1M\n      isRolling: true',
        ),
      ),
    ).toEqual([
      'slo.yaml: SLO api-availability: spec.timeWindow[0].duration: a rolling window needs a fixed length (m, h, d or w), not months, quarters or years',
    ]);
    expect(
      problems(validSlo().replace('isRolling: true', 'isRolling: false')),
    ).toEqual([
      'slo.yaml: SLO api-availability: spec.timeWindow[0].calendar: is required when isRolling is false',
    ]);
    expect(problems(`${validSlo()}\n---\n${validSlo()}`)).toEqual([
      'slo.yaml: SLO api-availability: metadata.name: is used by another SLO in this file',
    ]);
  });

  it('rejects files without SLOs, scalars and huge files', () => {
    expect(problems('')).toEqual([
      'slo.yaml: file: holds no SLO document (kind: SLO, apiVersion: openslo/v1)',
    ]);
    expect(problems('just text')).toEqual([
      'slo.yaml: document 1: must be a mapping with apiVersion, kind, metadata and spec',
    ]);
    expect(problems(`# ${'x'.repeat(600 * 1024)}`)[0]).toMatch(
      /^slo\.yaml: file: is \d+ characters long/,
    );
  });

  it('does not expand alias bombs', () => {
    const bomb = `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n`;
    expect(() => parseOpenSlo(bomb, 'slo.yaml')).toThrow();
  });
});
