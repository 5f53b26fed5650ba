import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { InputError } from '@backstage/errors';
import path from 'node:path';
import { explainUnsafeText, REPO_PATH } from '../pipeline/safeText';
import { generateTerraformEnvironment } from '../terraform/generateTerraformEnvironment';
import { DEFAULT_TERRAFORM_DIRECTORY } from '../terraform/model';
import { examples } from './terraformEnvironment.examples';
import { terraformEnvironmentInputSchema } from './terraformEnvironmentInputSchema';
import { writePipelineFile } from './writePipelineFile';

/**
 * `opsdeck:terraform:environment`: writes Terraform modules and one root
 * module per environment for AWS, Google Cloud or Azure.
 *
 * @public
 */
export function createTerraformEnvironmentAction() {
  return createTemplateAction({
    id: 'opsdeck:terraform:environment',
    description:
      'Writes Terraform for a service: reusable modules (private network, managed Kubernetes with autoscaling nodes, PostgreSQL with optional read replica, private object bucket, workload identity without static keys) and a root module per environment with pinned providers, remote state with locking and cost-allocation tags',
    examples,
    supportsDryRun: true,
    schema: {
      input: terraformEnvironmentInputSchema,
      output: {
        directory: z =>
          z
            .string()
            .describe('Directory of the Terraform, relative to the workspace'),
        files: z =>
          z
            .array(z.string())
            .describe('Files written, relative to the workspace'),
        environments: z =>
          z
            .array(z.string())
            .describe('Root module directories, relative to the workspace'),
      },
    },
    async handler(ctx) {
      const { targetPath, ...parameters } = ctx.input;
      const directory = targetPath ?? DEFAULT_TERRAFORM_DIRECTORY;
      const problem = explainUnsafeText(directory, REPO_PATH);
      if (problem) {
        throw new InputError(`targetPath ${problem}`);
      }
      const files = generateTerraformEnvironment(
        Object.fromEntries(
          Object.entries(parameters).filter(([, v]) => v !== undefined),
        ),
      );
      // Every destination is checked before the first file is written.
      for (const file of files) {
        resolveSafeChildPath(
          ctx.workspacePath,
          path.posix.join(directory, file.path),
        );
      }
      const written: string[] = [];
      for (const file of files) {
        await writePipelineFile(
          ctx.workspacePath,
          directory,
          file.path,
          file.content,
        );
        const relative = path.posix.join(directory, file.path);
        written.push(relative);
        ctx.logger.info(
          `Wrote ${relative} (${Buffer.byteLength(file.content)} bytes)`,
        );
      }
      const environments = [
        ...new Set(
          files
            .filter(f => f.path.startsWith('environments/'))
            .map(f => path.posix.join(directory, path.posix.dirname(f.path))),
        ),
      ];
      ctx.logger.info(
        `Wrote ${written.length} Terraform files for ${
          ctx.input.cloud
        }: modules in ${path.posix.join(
          directory,
          'modules',
        )}, root modules ${environments.join(', ')}${
          ctx.isDryRun ? ' [dry run]' : ''
        }`,
      );
      ctx.output('directory', directory);
      ctx.output('files', written);
      ctx.output('environments', environments);
    },
  });
}
