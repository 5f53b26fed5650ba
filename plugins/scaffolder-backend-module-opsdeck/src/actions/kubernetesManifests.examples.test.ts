import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { checkKubernetesManifests } from '../kubernetes/manifestChecker';
import { kustomizeBuild } from '../kubernetes/__testUtils__/kubernetesValidators';
import { createKubernetesManifestsAction } from './kubernetesManifests';

jest.setTimeout(120_000);
import { examples } from './kubernetesManifests.examples';

describe('kubernetesManifests examples', () => {
  const workspace = createMockDirectory();
  const action = createKubernetesManifestsAction();

  it.each(examples.map(e => [e.description, e.example]))(
    'runs the example and kustomize renders it clean: %s',
    async (_description, example) => {
      workspace.clear();
      const step = yaml.parse(example).steps[0];
      expect(step.action).toBe(action.id);
      const ctx = createMockActionContext({
        input: step.input,
        workspacePath: workspace.path,
      });
      await action.handler(ctx as any);
      const output = Object.fromEntries(
        (ctx.output as jest.Mock).mock.calls,
      ) as Record<string, any>;
      const directory = step.input.directory ?? 'kubernetes';
      expect(output.path).toBe(directory);
      expect(output.files).toContain('base/kustomization.yaml');
      for (const file of output.files as string[]) {
        const content = fs.readFileSync(
          path.join(workspace.path, directory, file),
          'utf8',
        );
        expect(
          yaml.parseAllDocuments(content).every(d => !d.errors.length),
        ).toBe(true);
      }
      const workload = output.files.includes('base/rollout.yaml')
        ? 'base/rollout.yaml'
        : 'base/deployment.yaml';
      const spec = yaml.parse(
        fs.readFileSync(path.join(workspace.path, directory, workload), 'utf8'),
      ).spec;
      expect(spec.template.spec.containers[0].image).toBe(step.input.image);
      expect(output.namespaces).toEqual(
        (
          step.input.environments ?? [
            { name: 'staging' },
            { name: 'production' },
          ]
        ).map((e: { name: string }) => `${step.input.name}-${e.name}`),
      );
      for (const overlay of output.overlays as string[]) {
        const objects = await kustomizeBuild(
          path.join(workspace.path, directory, overlay),
        );
        expect({
          overlay,
          findings: checkKubernetesManifests(objects),
        }).toEqual({ overlay, findings: [] });
      }
    },
  );
});
