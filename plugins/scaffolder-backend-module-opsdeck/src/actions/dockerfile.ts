import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  dockerfileImages,
  generateDockerfile,
  generateDockerignore,
} from '../docker/dockerfile';
import { examples } from './dockerfile.examples';
import { pipelineInputSchema } from './pipelineInputSchema';
import { writeFilesAndReport } from './writeGeneratedFiles';

/**
 * `opsdeck:docker:dockerfile`: writes a multi-stage `Dockerfile` and its
 * `.dockerignore`.
 *
 * @public
 */
export function createDockerfileAction() {
  return createTemplateAction({
    id: 'opsdeck:docker:dockerfile',
    description:
      'Writes a multi-stage Dockerfile (dependency layer cached apart from the sources, BuildKit cache mounts, distroless or slim runtime, numeric non-root user, optional digest-pinned base images, health check) and a .dockerignore',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: pipelineInputSchema.name,
        language: pipelineInputSchema.language,
        buildTool: pipelineInputSchema.buildTool,
        languageVersion: pipelineInputSchema.languageVersion,
        port: z =>
          z
            .number()
            .int()
            .optional()
            .describe('Port the service listens on (default 8080)'),
        runtime: z =>
          z
            .enum(['distroless', 'slim'])
            .optional()
            .describe(
              'Final image: distroless where one matches the language version (default), or Debian slim',
            ),
        healthcheck: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Add a HEALTHCHECK where the image can run one (node, python; default true)',
            ),
        healthcheckPath: z =>
          z
            .string()
            .optional()
            .describe('HTTP path the health check calls (default /healthz)'),
        entrypoint: z =>
          z
            .string()
            .optional()
            .describe(
              'node: script (default dist/index.js); python: module (default app); go: package (default .)',
            ),
        uid: z =>
          z
            .number()
            .int()
            .optional()
            .describe('Numeric user the service runs as (default 65532)'),
        digests: z =>
          z
            .object({
              builder: z.string().optional(),
              runtime: z.string().optional(),
            })
            .optional()
            .describe('sha256 digests pinning the build and runtime images'),
        targetPath: pipelineInputSchema.targetPath,
      },
      output: {
        path: z => z.string().describe('Path of the Dockerfile'),
        files: z => z.array(z.string()).describe('Files written'),
        builderImage: z => z.string().describe('Image the build stages use'),
        runtimeImage: z => z.string().describe('Image the service runs on'),
      },
    },
    async handler(ctx) {
      const { targetPath, ...parameters } = ctx.input;
      const dockerfile = generateDockerfile(parameters);
      const dockerignore = generateDockerignore(parameters);
      const images = dockerfileImages(parameters);
      await writeFilesAndReport(ctx, targetPath, [
        { path: 'Dockerfile', content: dockerfile },
        { path: '.dockerignore', content: dockerignore },
      ]);
      ctx.logger.info(
        `Dockerfile builds on ${images.builder} and runs on ${images.runtime}`,
      );
      ctx.output('path', 'Dockerfile');
      ctx.output('builderImage', images.builder);
      ctx.output('runtimeImage', images.runtime);
    },
  });
}
