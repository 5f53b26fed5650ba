import { InputError } from '@backstage/errors';
import { parse } from 'yaml';
import { generateGithubActionsWorkflow } from '../pipeline/githubActions';
import { explainUnsafeText } from '../pipeline/safeText';
import { examples } from './ciGithubActions.examples';
import { createPipelineAction } from './ciPipelineAction';

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
  return createPipelineAction({
    id: 'opsdeck:ci:github-actions',
    description:
      'Writes a hardened GitHub Actions CI/CD workflow (pinned actions, least-privilege permissions, OIDC cloud access, sharded tests, caching, security scans, ordered deploys) to .github/workflows/',
    examples,
    extraInput: {
      workflowFile: z =>
        z
          .string()
          .optional()
          .describe(
            'Workflow file name under .github/workflows (default ci.yml)',
          ),
    },
    pathDescription: 'Path of the workflow, relative to the repository',
    partsOutput: { name: 'jobs', description: 'Job ids in the workflow' },
    render(parameters, input) {
      const workflowFile = input.workflowFile ?? 'ci.yml';
      if (typeof workflowFile !== 'string') {
        throw new InputError('workflowFile must be a string');
      }
      const problem = explainUnsafeText(workflowFile, WORKFLOW_FILE);
      if (problem) {
        throw new InputError(`workflowFile ${problem}`);
      }
      const content = generateGithubActionsWorkflow(parameters);
      return {
        relativePath: `.github/workflows/${workflowFile}`,
        content,
        parts: Object.keys(parse(content).jobs),
      };
    },
  });
}
