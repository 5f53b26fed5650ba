import { Dashboard, Panel, ThresholdsMode } from '@grafana/schema';
import { parser } from '@prometheus-io/lezer-promql';
import { execFile } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { promisify } from 'util';
import {
  GrafanaDashboard,
  GrafanaQueryPanel,
  generateGrafanaDashboard,
  recordedErrorRatio,
} from './grafanaDashboard';
import { parseOpenSlo } from './openslo/parseOpenSlo';
import { generatePrometheusRules, renderYaml } from './prometheusRules';

const examples = resolve(__dirname, '../../../examples/slo');
const load = (file: string) =>
  parseOpenSlo(readFileSync(join(examples, file), 'utf8'), file);
const allSlos = [
  ...load('checkout-service.openslo.yaml'),
  ...load('payments-api.openslo.yaml'),
  ...load('search-service.openslo.yaml'),
];

/** Syntax errors lezer-promql finds in an expression (empty when it parses). */
function promqlErrors(expr: string): string[] {
  const errors: string[] = [];
  parser.parse(expr).iterate({
    enter: node => {
      if (node.type.isError) {
        errors.push(
          `at ${node.from}: ${expr.slice(node.from, node.from + 30)}`,
        );
      }
    },
  });
  return errors;
}

function queryPanels(dashboard: { panels: unknown[] }): GrafanaQueryPanel[] {
  return dashboard.panels.filter(
    (p): p is GrafanaQueryPanel => (p as { type: string }).type !== 'row',
  );
}

/**
 * The dashboard as Grafana's own model types it: tsc rejects any field Grafana
 * does not know or any value of the wrong type. Grafana types the thresholds
 * mode as an enum, whose value is the string the generator writes.
 */
function asGrafanaModel(generated: GrafanaDashboard): Dashboard {
  return {
    ...generated,
    panels: generated.panels.map(panel =>
      panel.type === 'row'
        ? panel
        : {
            ...panel,
            fieldConfig: {
              ...panel.fieldConfig,
              defaults: {
                ...panel.fieldConfig.defaults,
                thresholds: {
                  ...panel.fieldConfig.defaults.thresholds,
                  mode: ThresholdsMode.Absolute,
                },
              },
            },
          },
    ),
  };
}

describe('generateGrafanaDashboard', () => {
  const generated = generateGrafanaDashboard(allSlos);
  const dashboard = asGrafanaModel(generated);

  it('is a Grafana dashboard with one row and four panels per SLO', () => {
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(39);
    expect(dashboard.uid!.length).toBeLessThanOrEqual(40);
    const panels = dashboard.panels!;
    expect(panels.filter(p => p.type === 'row')).toHaveLength(allSlos.length);
    expect(panels).toHaveLength(allSlos.length * 5);
    const ids = panels.map(p => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const firstRow = panels
      .filter(p => p.type !== 'row')
      .slice(0, 4) as Panel[];
    expect(firstRow.map(p => p.title)).toEqual([
      'SLI over 30d',
      'Error budget remaining over 30d',
      'SLI and error budget remaining',
      'Burn rate per window',
    ]);
    // Panels of one SLO never overlap.
    const boxes = firstRow.map(p => p.gridPos!);
    for (const a of boxes) {
      for (const b of boxes) {
        if (a === b) continue;
        const overlap =
          a.x < b.x + b.w &&
          b.x < a.x + a.w &&
          a.y < b.y + b.h &&
          b.y < a.y + a.h;
        expect(overlap).toBe(false);
      }
    }
    expect(JSON.parse(JSON.stringify(dashboard))).toEqual(dashboard);
    // Only the enum type changed: the JSON is the generator's own.
    expect(dashboard).toEqual(generated);
  });

  it('reads the recording rules: SLI, budget and a burn rate per alert window', () => {
    const [checkout] = allSlos;
    const [sli, remaining, , burn] = queryPanels(generated);
    const ratio30d = recordedErrorRatio(checkout, 30 * 86400);
    expect(sli.targets[0].expr).toBe(`1 - ${ratio30d}`);
    expect(remaining.targets[0].expr).toBe(`1 - ${ratio30d} / 0.001`);
    expect(burn.targets.map(t => t.legendFormat)).toEqual([
      '5m',
      '30m',
      '1h',
      '2h',
      '6h',
      '1d',
      '3d',
    ]);
    expect(burn.targets[2].expr).toBe(
      '(opsdeck_slo:sli_errors:increase{opsdeck_slo="checkout-availability", opsdeck_service="checkout-service", slo_window="1h"} / opsdeck_slo:sli_total:increase{opsdeck_slo="checkout-availability", opsdeck_service="checkout-service", slo_window="1h"}) / 0.001',
    );
    expect(sli.fieldConfig.defaults.thresholds.steps[1].value).toBe(0.999);
  });

  it('names the window it shows for a calendar SLO', () => {
    const calendar = allSlos.find(s => s.timeWindow.kind === 'calendar')!;
    const [sli] = queryPanels(generateGrafanaDashboard([calendar]));
    expect(sli.title).toBe('SLI over 3d');
    expect(sli.description).toContain('calendar window is not recorded');
  });

  it('reads only series the generated rules record', () => {
    const recorded = new Set(
      generatePrometheusRules(allSlos)
        .groups.flatMap(g => g.rules)
        .filter(r => 'record' in r)
        .map(r => {
          const labels = (r as { labels: Record<string, string> }).labels;
          return `${labels.opsdeck_service}/${labels.opsdeck_slo}/${labels.slo_window}`;
        }),
    );
    const read = queryPanels(generated).flatMap(p =>
      p.targets.flatMap(t =>
        [
          ...t.expr.matchAll(
            /opsdeck_slo="([^"]+)", opsdeck_service="([^"]+)", slo_window="([^"]+)"/g,
          ),
        ].map(m => `${m[2]}/${m[1]}/${m[3]}`),
      ),
    );
    expect(read.length).toBeGreaterThan(0);
    expect(read.filter(key => !recorded.has(key))).toEqual([]);
  });

  it('writes PromQL that lezer-promql and promtool parse', async () => {
    const exprs = queryPanels(generated).flatMap(p =>
      p.targets.map(t => t.expr),
    );
    for (const expr of exprs) {
      expect(promqlErrors(expr)).toEqual([]);
    }
    // The parser does see errors: a broken expression is caught.
    expect(promqlErrors('1 - (foo{a="b"} / ')).not.toEqual([]);

    const dir = mkdtempSync(join(tmpdir(), 'slo-dashboard-'));
    try {
      const rules = {
        groups: [
          {
            name: 'dashboard-expressions',
            rules: exprs.map((expr, i) => ({
              record: `opsdeck_dashboard:expr_${i}`,
              expr,
            })),
          },
        ],
      };
      writeFileSync(join(dir, 'exprs.yaml'), renderYaml(rules));
      const { stdout } = await promisify(execFile)(
        'promtool',
        ['check', 'rules', 'exprs.yaml'],
        { cwd: dir },
      );
      expect(stdout).toContain(`SUCCESS: ${exprs.length} rules found`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an empty SLO list', () => {
    expect(() => generateGrafanaDashboard([])).toThrow(
      'a dashboard needs at least one SLO',
    );
  });
});
