import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { parse } from 'yaml';
import { generateGitlabCi } from '../pipeline/gitlabCi';
import { examples } from './ciGitlab.examples';
import {
  pipelineInputSchema,
  pipelineParametersOf,
} from './pipelineInputSchema';
import { writeAndReport } from './writePipelineFile';

const GITLAB_KEYWORDS = new Set([
  'workflow',
  'stages',
  'variables',
  'default',
  'include',
]);

/**
 * `opsdeck:ci:gitlab`: writes a hardened `.gitlab-ci.yml`.
 *
 * @public
 */
export function createCiGitlabAction() {
  return createTemplateAction({
    id: 'opsdeck:ci:gitlab',
    description:
      'Writes a hardened GitLab CI/CD pipeline (.gitlab-ci.yml): id_tokens for cloud OIDC, protected environments with manual approval, resource groups that never cancel a deploy, sharded tests, caching, security scans',
    examples,
    supportsDryRun: true,
    schema: {
      input: pipelineInputSchema,
      output: {
        path: z =>
          z
            .string()
            .describe('Path of the pipeline, relative to the repository'),
        jobs: z => z.array(z.string()).describe('Job names in the pipeline'),
      },
    },
    async handler(ctx) {
      const content = generateGitlabCi(pipelineParametersOf(ctx.input));
      const relativePath = '.gitlab-ci.yml';
      const jobs = Object.keys(parse(content)).filter(
        key => !GITLAB_KEYWORDS.has(key),
      );
      await writeAndReport(ctx, ctx.input.targetPath, relativePath, content, {
        label: 'jobs',
        names: jobs,
      });
      ctx.output('jobs', jobs);
    },
  });
}
