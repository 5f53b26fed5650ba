import {
  createMockDirectory,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { scaffolderTemplatingExtensionPoint } from '@backstage/plugin-scaffolder-node/alpha';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { scaffolderModuleOpsdeck } from '../module';
import { createCiGithubActionsAction } from './ciGithubActions';
import { createCiGitlabAction } from './ciGitlab';
import { createCiJenkinsAction } from './ciJenkins';
import { createCatalogAnnotateAction } from './catalogAnnotate';
import { createDockerfileAction } from './dockerfile';
import { createVaultPolicyAction } from './vaultPolicy';
import { createKubernetesManifestsAction } from './kubernetesManifests';
import { createSloRulesAction } from './sloRules';
import { createTerraformEnvironmentAction } from './terraformEnvironment';

/**
 * Every action the module registers. Add a new action here and each of its
 * examples runs below; the last test fails while one is missing.
 */
const ACTIONS: TemplateAction<any, any, any>[] = [
  createCiGithubActionsAction(),
  createCiGitlabAction(),
  createCiJenkinsAction(),
  createTerraformEnvironmentAction(),
  createKubernetesManifestsAction(),
  createSloRulesAction(),
  createDockerfileAction(),
  createVaultPolicyAction(),
  createCatalogAnnotateAction(),
];

/**
 * Files an action's examples expect in the workspace, as an earlier step of
 * the template (e.g. fetch:plain) would have left them. Examples whose
 * description names one of `exceptFor` start from an empty workspace.
 */
const WORKSPACE_BEFORE: Record<
  string,
  { files: Record<string, string>; exceptFor?: RegExp }
> = {
  'opsdeck:slo:rules': {
    files: {
      'openslo.yaml': fs.readFileSync(
        path.resolve(
          __dirname,
          '../../../../examples/slo/checkout-service.openslo.yaml',
        ),
        'utf8',
      ),
    },
  },
  'opsdeck:catalog:annotate': {
    exceptFor: /has none/,
    files: {
      'catalog-info.yaml': [
        '# The checkout service',
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata:',
        '  name: checkout',
        'spec:',
        '  type: service',
        '  lifecycle: production',
        '  owner: group:default/checkout-team',
        '',
      ].join('\n'),
    },
  },
};

type ExampleStep = { id?: string; action: string; input?: unknown };

function stepsOf(example: string): ExampleStep[] {
  const parsed = yaml.parse(example);
  return Array.isArray(parsed?.steps) ? parsed.steps : [];
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

describe.each(ACTIONS.map(action => [action.id, action] as const))(
  'the examples of %s',
  (_id, action) => {
    const workspace = createMockDirectory();
    const examples = action.examples ?? [];

    it('has at least one example', () => {
      expect(examples.length).toBeGreaterThan(0);
    });

    it.each(examples.map(e => [e.description, e.example]))(
      'runs: %s',
      async (description, example) => {
        const steps = stepsOf(example);
        expect(steps.length).toBeGreaterThan(0);
        for (const step of steps) {
          expect(step.action).toBe(action.id);
          workspace.clear();
          const prepared = WORKSPACE_BEFORE[action.id];
          if (prepared && !prepared.exceptFor?.test(description)) {
            workspace.addContent(prepared.files);
          }
          const before = new Map(
            filesUnder(workspace.path).map(file => [
              file,
              fs.readFileSync(file, 'utf8'),
            ]),
          );
          const ctx = createMockActionContext({
            input: step.input as any,
            workspacePath: workspace.path,
          });
          await action.handler(ctx as any);

          const outputs = new Map(
            (ctx.output as jest.Mock).mock.calls.map(
              ([name, value]) => [name, value] as const,
            ),
          );
          const declared = Object.keys(
            (action.schema?.output as { properties?: object })?.properties ??
              {},
          );
          for (const name of outputs.keys()) {
            expect(declared).toContain(name);
          }

          // Files the action created or changed.
          const written = filesUnder(workspace.path).filter(
            file => before.get(file) !== fs.readFileSync(file, 'utf8'),
          );
          expect(written.length + outputs.size).toBeGreaterThan(0);
          for (const file of written) {
            expect(fs.statSync(file).size).toBeGreaterThan(0);
          }
          const reportedPaths = [outputs.get('path')].filter(
            (value): value is string => typeof value === 'string',
          );
          // A reported path is a file or directory the action wrote.
          for (const reported of reportedPaths) {
            const full = path.join(workspace.path, reported);
            expect(
              written.some(
                file => file === full || file.startsWith(`${full}${path.sep}`),
              ),
            ).toBe(true);
          }
        }
      },
    );
  },
);

describe('the list of actions whose examples run', () => {
  it('holds every action the module registers', async () => {
    const registered: string[] = [];
    const backend = await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          {
            addActions: (...actions: { id: string }[]) =>
              registered.push(...actions.map(a => a.id)),
          },
        ],
        [
          scaffolderTemplatingExtensionPoint,
          { addTemplateFilters: () => {}, addTemplateGlobals: () => {} },
        ],
      ],
      features: [scaffolderModuleOpsdeck],
    });
    try {
      expect(registered.length).toBeGreaterThan(0);
      expect(ACTIONS.map(a => a.id).sort()).toEqual([...registered].sort());
    } finally {
      await backend.stop();
    }
  });
});
