import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { generateJenkinsfile } from '../pipeline/jenkinsfile';
import { examples } from './ciJenkins.examples';
import {
  pipelineInputSchema,
  pipelineParametersOf,
} from './pipelineInputSchema';
import { writePipelineFile } from './writePipelineFile';

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
      await writePipelineFile(
        ctx.workspacePath,
        ctx.input.targetPath,
        relativePath,
        content,
      );
      const stages = [...content.matchAll(/^ {4}stage\('([^']+)'\)/gm)].map(
        match => match[1],
      );
      ctx.logger.info(
        `Wrote ${relativePath} (${Buffer.byteLength(
          content,
        )} bytes) with stages: ${stages.join(', ')}${
          ctx.isDryRun ? ' [dry run]' : ''
        }`,
      );
      ctx.output('path', relativePath);
      ctx.output('stages', stages);
    },
  });
}
