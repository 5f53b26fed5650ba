import { generateGrafanaDashboard } from './grafanaDashboard';
import { SloDefinition } from './model';
import { generatePrometheusRules, renderYaml } from './prometheusRules';
import { generatePromtoolTests } from './promtoolTests';

/** @public */
export interface SloArtifactOptions {
  /** File name of the rules file, as the promtool test file refers to it (same folder). */
  rulesFileName: string;
  dashboardTitle?: string;
}

/** The files generated from one OpenSLO file. @public */
export interface SloArtifacts {
  /** Prometheus rules file (recording and alerting rules), YAML. */
  rules: string;
  /** `promtool test rules` file for `rules`, YAML. */
  promtoolTests: string;
  /** Grafana dashboard, JSON. */
  dashboard: string;
  recordingRules: number;
  alertingRules: number;
  testScenarios: number;
  /** SLOs no promtool scenario could be written for, with the reason. */
  skippedScenarios: Array<{ slo: string; reason: string }>;
}

/**
 * Everything Opsdeck generates from SLOs: the Prometheus rules, the promtool
 * tests proving the alerts, and the Grafana dashboard reading the rules.
 *
 * @public
 */
export function generateSloArtifacts(
  slos: readonly SloDefinition[],
  options: SloArtifactOptions,
): SloArtifacts {
  const rules = generatePrometheusRules(slos);
  const tests = generatePromtoolTests(slos, options.rulesFileName);
  const dashboard = generateGrafanaDashboard(slos, {
    title: options.dashboardTitle,
  });
  const all = rules.groups.flatMap(g => g.rules);
  return {
    rules: renderYaml(rules),
    promtoolTests: renderYaml(tests.file),
    dashboard: `${JSON.stringify(dashboard, null, 2)}\n`,
    recordingRules: all.filter(r => 'record' in r).length,
    alertingRules: all.filter(r => 'alert' in r).length,
    testScenarios: tests.file.tests.length,
    skippedScenarios: tests.skipped,
  };
}
