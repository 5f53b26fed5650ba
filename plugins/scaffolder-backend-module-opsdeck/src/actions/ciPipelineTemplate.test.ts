import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { runActionAndRead } from '../__testUtils__/runAction';
import { createCiGithubActionsAction } from './ciGithubActions';
import { createCiGitlabAction } from './ciGitlab';
import { createCiJenkinsAction } from './ciJenkins';

const templateFile = path.resolve(
  __dirname,
  '../../../../templates/ci-pipeline/template.yaml',
);

/** Replaces `${{ parameters.x }}` by the form value, keeping its type when it is the whole string. */
function render(value: unknown, parameters: Record<string, unknown>): unknown {
  if (typeof value === 'string') {
    const whole = /^\$\{\{ parameters\.(\w+) \}\}$/.exec(value);
    if (whole) return parameters[whole[1]];
    return value.replace(/\$\{\{ parameters\.(\w+) \}\}/g, (_m, key) =>
      String(parameters[key]),
    );
  }
  if (Array.isArray(value)) return value.map(v => render(v, parameters));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, render(v, parameters)]),
    );
  }
  return value;
}

describe('templates/ci-pipeline', () => {
  const template = parse(fs.readFileSync(templateFile, 'utf8'));
  const defaults: Record<string, unknown> = {
    name: 'checkout',
    owner: 'group:default/platform',
  };
  for (const page of template.spec.parameters) {
    for (const [key, field] of Object.entries<any>(page.properties)) {
      if (field.default !== undefined) defaults[key] = field.default;
    }
  }
  const actions = [
    createCiGithubActionsAction(),
    createCiGitlabAction(),
    createCiJenkinsAction(),
  ];
  const workspace = createMockDirectory();

  it('has one step per CI system, each selected by ciSystem', () => {
    const ids = template.spec.steps.map((s: any) => s.action);
    for (const action of actions) {
      expect(ids).toContain(action.id);
    }
    expect(ids).toEqual(
      expect.arrayContaining([
        'publish:github',
        'publish:gitlab',
        'fetch:template',
      ]),
    );
  });

  it.each(['github', 'gitlab', 'jenkins'])(
    'generates a pipeline from the form defaults for %s',
    async ciSystem => {
      workspace.clear();
      const step = template.spec.steps.find(
        (s: any) => s.if === `\${{ parameters.ciSystem == '${ciSystem}' }}`,
      );
      const action = actions.find(a => a.id === step.action)!;
      const { content } = await runActionAndRead(
        action,
        render(step.input, { ...defaults, ciSystem }),
        workspace.path,
      );
      expect(content).toContain('/api/deployments/events');
      expect(content).toContain('/api/slo/gate');
    },
  );
});
