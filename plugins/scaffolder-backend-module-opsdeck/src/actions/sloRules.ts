import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { generateSloArtifacts } from '@opsdeck/plugin-slo-common';
import path from 'node:path';
import { readOpenSloInput } from '../slo/readOpenSloInput';
import { parseSloRulesParameters } from '../slo/sloRulesParameters';
import { examples } from './sloRules.examples';
import { writePipelineFile } from './writePipelineFile';

const RULES_FILE = 'slo-rules.yaml';
const TESTS_FILE = 'slo-rules.test.yaml';
const DASHBOARD_FILE = 'slo-dashboard.json';

/**
 * `opsdeck:slo:rules`: from an OpenSLO file, writes the Prometheus recording
 * and multi-window burn-rate alerting rules, a `promtool test rules` file
 * proving the alerts, and a Grafana dashboard reading the rules.
 *
 * @public
 */
export function createSloRulesAction() {
  return createTemplateAction({
    id: 'opsdeck:slo:rules',
    description:
      'Generates Prometheus recording and multi-window multi-burn-rate alerting rules, a promtool test file proving each alert, and a Grafana dashboard from an OpenSLO file',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        openSloPath: z =>
          z
            .string()
            .optional()
            .describe(
              'OpenSLO file, relative to targetPath (give this or openSlo)',
            ),
        openSlo: z =>
          z
            .string()
            .optional()
            .describe('OpenSLO YAML given inline (give this or openSloPath)'),
        outputDir: z =>
          z
            .string()
            .optional()
            .describe(
              'Folder the files are written to, relative to targetPath (default slo)',
            ),
        targetPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Workspace sub-directory holding the repository (default .)',
            ),
        dashboardTitle: z =>
          z
            .string()
            .optional()
            .describe('Title of the Grafana dashboard (default: the services)'),
      },
      output: {
        rulesPath: z =>
          z
            .string()
            .describe('Prometheus rules file, relative to the repository'),
        testsPath: z =>
          z
            .string()
            .describe('promtool test rules file, relative to the repository'),
        dashboardPath: z =>
          z
            .string()
            .describe('Grafana dashboard JSON, relative to the repository'),
        slos: z => z.array(z.string()).describe('Names of the SLOs'),
        recordingRules: z => z.number().describe('Number of recording rules'),
        alertingRules: z => z.number().describe('Number of alerting rules'),
      },
    },
    async handler(ctx) {
      const parameters = parseSloRulesParameters(ctx.input);
      const { slos, file } = await readOpenSloInput(
        ctx.workspacePath,
        parameters.targetPath ?? '.',
        parameters.source,
      );
      const artifacts = generateSloArtifacts(slos, {
        rulesFileName: RULES_FILE,
        dashboardTitle: parameters.dashboardTitle,
      });
      const files = [
        [RULES_FILE, artifacts.rules],
        [TESTS_FILE, artifacts.promtoolTests],
        [DASHBOARD_FILE, artifacts.dashboard],
      ] as const;
      const written: string[] = [];
      for (const [name, content] of files) {
        const relativePath = path.posix.join(parameters.outputDir, name);
        await writePipelineFile(
          ctx.workspacePath,
          parameters.targetPath,
          relativePath,
          content,
        );
        written.push(relativePath);
      }
      ctx.logger.info(
        `Read ${slos.length} SLO(s) from ${file}: ${slos
          .map(s => `${s.service}/${s.name}`)
          .join(', ')}`,
      );
      ctx.logger.info(
        `Wrote ${written.join(', ')}: ${
          artifacts.recordingRules
        } recording rules, ${artifacts.alertingRules} alerting rules, ${
          artifacts.testScenarios
        } promtool scenarios${ctx.isDryRun ? ' [dry run]' : ''}`,
      );
      for (const skipped of artifacts.skippedScenarios) {
        ctx.logger.warn(
          `No promtool scenario for SLO ${skipped.slo}: ${skipped.reason}`,
        );
      }
      ctx.output('rulesPath', written[0]);
      ctx.output('testsPath', written[1]);
      ctx.output('dashboardPath', written[2]);
      ctx.output(
        'slos',
        slos.map(s => s.name),
      );
      ctx.output('recordingRules', artifacts.recordingRules);
      ctx.output('alertingRules', artifacts.alertingRules);
    },
  });
}
