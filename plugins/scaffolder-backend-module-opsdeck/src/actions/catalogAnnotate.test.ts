import { createMockDirectory } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { exampleRows, runExample } from '../__testUtils__/runExample';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { createCatalogAnnotateAction } from './catalogAnnotate';
import { examples } from './catalogAnnotate.examples';

const EXISTING = `# checkout
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout # name
spec:
  type: service
  lifecycle: production
  owner: payments
`;

describe('opsdeck:catalog:annotate', () => {
  const workspace = createMockDirectory();
  const action = createCatalogAnnotateAction();
  const file = () =>
    fs.readFileSync(path.join(workspace.path, 'catalog-info.yaml'), 'utf8');

  beforeEach(() => workspace.clear());

  it.each(exampleRows(examples))(
    'runs the example: %s',
    async (_description, example) => {
      if (!yaml.parse(example).steps[0].input.create) {
        workspace.setContent({ 'catalog-info.yaml': EXISTING });
      }
      const { input: stepInput } = await runExample(
        action,
        example,
        workspace.path,
      );
      const step = { input: stepInput };
      const entity = yaml.parse(file());
      expect(Object.keys(entity.metadata.annotations)).toHaveLength(
        Object.keys(step.input.annotations).length,
      );
      // An existing file keeps its comments; a created one has none.
      const kept = ['# checkout', '# name'].filter(c => file().includes(c));
      expect(kept).toEqual(step.input.create ? [] : ['# checkout', '# name']);
    },
  );

  it('reports what it set and what was already there, and writes nothing when nothing changes', async () => {
    workspace.setContent({ 'svc/catalog-info.yaml': EXISTING });
    const input = {
      targetPath: 'svc',
      annotations: { kubernetesId: 'checkout' },
    };
    const first = createMockActionContext({
      input,
      workspacePath: workspace.path,
    });
    const info = jest.spyOn(first.logger, 'info');
    await action.handler(first);
    expect(info).toHaveBeenCalledWith(
      'Updated catalog-info.yaml for component:default/checkout: set backstage.io/kubernetes-id',
    );
    expect(first.output).toHaveBeenCalledWith('annotations', {
      'backstage.io/kubernetes-id': 'checkout',
    });
    const written = path.join(workspace.path, 'svc/catalog-info.yaml');
    const before = fs.statSync(written).mtimeMs;
    const second = {
      ...createMockActionContext({ input, workspacePath: workspace.path }),
      isDryRun: true,
    };
    const info2 = jest.spyOn(second.logger, 'info');
    await action.handler(second as any);
    expect(info2).toHaveBeenCalledWith(
      'Updated catalog-info.yaml for component:default/checkout: nothing to change; already set: backstage.io/kubernetes-id [dry run]',
    );
    expect(fs.statSync(written).mtimeMs).toBe(before);
  });

  it.each([
    [
      { path: '../catalog-info.yaml', annotations: { kubernetesId: 'a' } },
      "path must not contain '..'",
    ],
    [
      { targetPath: '/etc', annotations: { kubernetesId: 'a' } },
      'targetPath must be a relative path',
    ],
    [{ annotations: { kubernetesId: 'a"\nb' } }, 'annotations.kubernetesId'],
    [{ annotations: { slo: './other.yaml' } }, 'set overwrite to replace them'],
  ])('leaves the file untouched for %j', async (input, message) => {
    const original = EXISTING.replace(
      'metadata:\n',
      'metadata:\n  annotations:\n    opsdeck.io/slo: ./slo.yaml\n',
    );
    workspace.setContent({ 'catalog-info.yaml': original });
    const ctx = createMockActionContext({
      input: input as any,
      workspacePath: workspace.path,
    });
    await expect(action.handler(ctx)).rejects.toThrow(InputError);
    await expect(action.handler(ctx)).rejects.toThrow(message);
    expect(file()).toBe(original);
  });

  it('refuses a catalog file that is a symlink out of the workspace', async () => {
    const outside = createMockDirectory();
    outside.setContent({ 'catalog-info.yaml': EXISTING });
    fs.symlinkSync(
      path.join(outside.path, 'catalog-info.yaml'),
      path.join(workspace.path, 'catalog-info.yaml'),
    );
    const ctx = createMockActionContext({
      input: { annotations: { kubernetesId: 'checkout' } },
      workspacePath: workspace.path,
    });
    await expect(action.handler(ctx)).rejects.toThrow();
    expect(
      fs.readFileSync(path.join(outside.path, 'catalog-info.yaml'), 'utf8'),
    ).toBe(EXISTING);
  });
});
