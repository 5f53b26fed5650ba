import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { generateJenkinsfile } from '../pipeline/jenkinsfile';
import { examples } from './ciJenkins.examples';
import {
  pipelineInputSchema,
  pipelineParametersOf,
} from './pipelineInputSchema';
import { writeAndReport } from './writePipelineFile';

/**
 * `opsdeck:ci:jenkins`: writes a declarative `Jenkinsfile`.
 *
 * @public
 */
export function createCiJenkinsAction() {
  return createTemplateAction({
    id: 'opsdeck:ci:jenkins',
    description:
      'Writes a declarative Jenkinsfile: no Groovy interpolation in sh steps, withCredentials for the portal token and cloud OIDC tokens, input approval before protected environments, builds queued never aborted, parallel test shards, security scans',
    examples,
    supportsDryRun: true,
    schema: {
      input: pipelineInputSchema,
      output: {
        path: z =>
          z
            .string()
            .describe('Path of the Jenkinsfile, relative to the repository'),
        stages: z => z.array(z.string()).describe('Top-level stage names'),
      },
    },
    async handler(ctx) {
      const content = generateJenkinsfile(pipelineParametersOf(ctx.input));
      const relativePath = 'Jenkinsfile';
      const stages = [...content.matchAll(/^ {4}stage\('([^']+)'\)/gm)].map(
        match => match[1],
      );
      await writeAndReport(ctx, ctx.input.targetPath, relativePath, content, {
        label: 'stages',
        names: stages,
      });
      ctx.output('stages', stages);
    },
  });
}
