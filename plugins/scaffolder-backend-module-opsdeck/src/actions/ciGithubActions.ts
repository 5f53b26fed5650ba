import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { parse } from 'yaml';
import { generateGithubActionsWorkflow } from '../pipeline/githubActions';
import { explainUnsafeText } from '../pipeline/safeText';
import { examples } from './ciGithubActions.examples';
import {
  pipelineInputSchema,
  pipelineParametersOf,
} from './pipelineInputSchema';
import { writeAndReport } from './writePipelineFile';

const WORKFLOW_FILE = {
  description: 'a file name ending in .yml or .yaml, e.g. ci.yml',
  pattern: /^[a-z0-9][a-z0-9._-]*\.ya?ml$/,
  maxLength: 64,
};

/**
 * `opsdeck:ci:github-actions`: writes a hardened GitHub Actions workflow to
 * `.github/workflows/<workflowFile>`.
 *
 * @public
 */
export function createCiGithubActionsAction() {
  return createTemplateAction({
    id: 'opsdeck:ci:github-actions',
    description:
      'Writes a hardened GitHub Actions CI/CD workflow (pinned actions, least-privilege permissions, OIDC cloud access, sharded tests, caching, security scans, ordered deploys) to .github/workflows/',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        ...pipelineInputSchema,
        workflowFile: z =>
          z
            .string()
            .optional()
            .describe(
              'Workflow file name under .github/workflows (default ci.yml)',
            ),
      },
      output: {
        path: z =>
          z
            .string()
            .describe('Path of the workflow, relative to the repository'),
        jobs: z => z.array(z.string()).describe('Job ids in the workflow'),
      },
    },
    async handler(ctx) {
      const workflowFile = ctx.input.workflowFile ?? 'ci.yml';
      const problem = explainUnsafeText(workflowFile, WORKFLOW_FILE);
      if (problem) {
        throw new InputError(`workflowFile ${problem}`);
      }
      const content = generateGithubActionsWorkflow(
        pipelineParametersOf(ctx.input),
      );
      const relativePath = `.github/workflows/${workflowFile}`;
      const jobs = Object.keys(parse(content).jobs);
      await writeAndReport(ctx, ctx.input.targetPath, relativePath, content, {
        label: 'jobs',
        names: jobs,
      });
      ctx.output('jobs', jobs);
    },
  });
}
