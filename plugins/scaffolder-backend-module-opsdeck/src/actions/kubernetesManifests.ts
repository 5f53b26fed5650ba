import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import path from 'node:path';
import { generateKubernetesManifests } from '../kubernetes/generateKubernetesManifests';
import { explainUnsafeText, REPO_PATH } from '../pipeline/safeText';
import { examples } from './kubernetesManifests.examples';
import {
  KUBERNETES_FILE_INPUT_KEYS,
  kubernetesManifestsInputSchema,
} from './kubernetesManifestsInputSchema';
import { writePipelineFile } from './writePipelineFile';

function manifestParametersOf(
  input: Record<string, unknown>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(input).filter(
      ([key, value]) =>
        value !== undefined &&
        !(KUBERNETES_FILE_INPUT_KEYS as readonly string[]).includes(key),
    ),
  );
}

/**
 * `opsdeck:kubernetes:manifests`: writes hardened Kubernetes manifests as a
 * kustomize base with one overlay per environment.
 *
 * @public
 */
export function createKubernetesManifestsAction() {
  return createTemplateAction({
    id: 'opsdeck:kubernetes:manifests',
    description:
      'Writes hardened Kubernetes manifests as kustomize base/ and overlays/<environment>/: a Pod Security restricted namespace per environment with quota and limits, ServiceAccount, Deployment or Argo Rollouts canary/blue-green with SLO analysis, Service, HPA, PDB and default-deny NetworkPolicies',
    examples,
    supportsDryRun: true,
    schema: {
      input: kubernetesManifestsInputSchema,
      output: {
        path: z =>
          z
            .string()
            .describe(
              'Directory of the kustomize tree, relative to the repository',
            ),
        files: z =>
          z.array(z.string()).describe('Files written, relative to path'),
        overlays: z =>
          z
            .array(z.string())
            .describe(
              'Overlay directories (kubectl apply -k <path>/<overlay>)',
            ),
        namespaces: z =>
          z.array(z.string()).describe('Namespace of each environment'),
      },
    },
    async handler(ctx) {
      const directory = ctx.input.directory ?? 'kubernetes';
      const problem = explainUnsafeText(directory, REPO_PATH);
      if (problem) {
        throw new InputError(`directory ${problem}`);
      }
      const manifests = generateKubernetesManifests(
        manifestParametersOf(ctx.input),
      );
      const base = ctx.input.targetPath ?? '.';
      const baseProblem =
        base === '.' ? undefined : explainUnsafeText(base, REPO_PATH);
      if (baseProblem) {
        throw new InputError(`targetPath ${baseProblem}`);
      }
      for (const file of manifests.files) {
        resolveSafeChildPath(
          ctx.workspacePath,
          path.join(base, directory, file.path),
        );
      }
      let bytes = 0;
      for (const file of manifests.files) {
        await writePipelineFile(
          ctx.workspacePath,
          ctx.input.targetPath,
          `${directory}/${file.path}`,
          file.content,
        );
        bytes += Buffer.byteLength(file.content);
      }
      const objects = manifests.files.flatMap(f => f.objects);
      ctx.logger.info(
        `Wrote ${
          manifests.files.length
        } files (${bytes} bytes) to ${directory}/: ${
          objects.length
        } objects (${[...new Set(objects.map(o => o.kind))].join(
          ', ',
        )}); overlays ${manifests.overlays.join(
          ', ',
        )} for namespaces ${manifests.namespaces.join(', ')}${
          ctx.isDryRun ? ' [dry run]' : ''
        }`,
      );
      ctx.output('path', directory);
      ctx.output(
        'files',
        manifests.files.map(f => f.path),
      );
      ctx.output('overlays', manifests.overlays);
      ctx.output('namespaces', manifests.namespaces);
    },
  });
}
