import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  annotateCatalogInfo,
  MAX_CATALOG_FILE_BYTES,
} from '../catalog/annotateCatalogInfo';
import { explainUnsafeText, REPO_PATH } from '../pipeline/safeText';
import { examples } from './catalogAnnotate.examples';
import { pipelineInputSchema } from './pipelineInputSchema';
import { writePipelineFile } from './writePipelineFile';

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    const stat = await fs.lstat(file);
    if (!stat.isFile()) {
      throw new InputError(`${path.basename(file)} is not a regular file`);
    }
    if (stat.size > MAX_CATALOG_FILE_BYTES) {
      throw new InputError(
        `${path.basename(file)} is larger than ${MAX_CATALOG_FILE_BYTES} bytes`,
      );
    }
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * `opsdeck:catalog:annotate`: adds Opsdeck's annotations to a
 * `catalog-info.yaml` in the workspace, keeping its comments and content.
 *
 * @public
 */
export function createCatalogAnnotateAction() {
  return createTemplateAction({
    id: 'opsdeck:catalog:annotate',
    description:
      "Adds Opsdeck's annotations (SLO file, on-call rotation, cost allocation, deployments id, Argo CD app, Kubernetes id, PagerDuty service) to a catalog-info.yaml in the workspace, new or existing, keeping its comments and other content",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        annotations: z =>
          z
            .object({
              slo: z
                .string()
                .optional()
                .describe('opsdeck.io/slo: OpenSLO file, e.g. ./slo.yaml'),
              oncallRotation: z
                .string()
                .optional()
                .describe('opsdeck.io/oncall-rotation: rotation file'),
              costAllocation: z
                .string()
                .optional()
                .describe('opsdeck.io/cost-allocation: tag=value pairs'),
              deploymentsId: z
                .string()
                .optional()
                .describe('opsdeck.io/deployments-id: an entity ref'),
              argocdAppName: z
                .string()
                .optional()
                .describe('argocd/app-name: Argo CD application'),
              kubernetesId: z
                .string()
                .optional()
                .describe('backstage.io/kubernetes-id'),
              pagerdutyServiceId: z
                .string()
                .optional()
                .describe('pagerduty.com/service-id'),
            })
            .describe('Annotations to set (at least one)'),
        entityKind: z =>
          z
            .string()
            .optional()
            .describe('Kind to annotate (default Component)'),
        entityName: z =>
          z
            .string()
            .optional()
            .describe(
              'Entity to annotate when the file holds several of the kind; the name of a created entity',
            ),
        overwrite: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Replace annotations that have other values (default false)',
            ),
        create: z =>
          z
            .object({
              owner: z.string(),
              system: z.string().optional(),
              type: z.string().optional(),
              lifecycle: z.string().optional(),
            })
            .optional()
            .describe('Creates the file with this spec when it does not exist'),
        path: z =>
          z
            .string()
            .optional()
            .describe(
              'Catalog file in the repository (default catalog-info.yaml)',
            ),
        targetPath: pipelineInputSchema.targetPath,
      },
      output: {
        path: z => z.string().describe('The catalog file'),
        entityRef: z => z.string().describe('The annotated entity'),
        annotations: z =>
          z.record(z.string(), z.string()).describe('Annotations written'),
      },
    },
    async handler(ctx) {
      const {
        targetPath,
        path: file = 'catalog-info.yaml',
        ...parameters
      } = ctx.input;
      for (const [name, value] of [
        ['path', file],
        ['targetPath', targetPath ?? '.'],
      ] as const) {
        const problem =
          value === '.' ? undefined : explainUnsafeText(value, REPO_PATH);
        if (problem) throw new InputError(`${name} ${problem}`);
      }
      const relative = path.join(targetPath ?? '.', file);
      const absolute = resolveSafeChildPath(ctx.workspacePath, relative);
      const source = await readIfPresent(absolute);
      const result = annotateCatalogInfo(source, parameters);
      const keys = Object.keys(result.written);
      if (keys.length > 0 || result.created) {
        await writePipelineFile(
          ctx.workspacePath,
          targetPath,
          file,
          result.content,
        );
      }
      ctx.logger.info(
        `${result.created ? 'Created' : 'Updated'} ${file} for ${
          result.entity
        }: ${keys.length > 0 ? `set ${keys.join(', ')}` : 'nothing to change'}${
          result.unchanged.length > 0
            ? `; already set: ${result.unchanged.join(', ')}`
            : ''
        }${ctx.isDryRun ? ' [dry run]' : ''}`,
      );
      ctx.output('path', file);
      ctx.output('entityRef', result.entity);
      ctx.output('annotations', result.written);
    },
  });
}
