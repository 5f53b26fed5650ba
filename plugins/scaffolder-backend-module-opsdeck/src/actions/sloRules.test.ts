import { createMockDirectory } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import yaml from 'yaml';
import { createSloRulesAction } from './sloRules';

jest.setTimeout(15 * 60 * 1000);

const examplesDir = path.resolve(__dirname, '../../../../examples/slo');
const example = (name: string) =>
  fs.readFileSync(path.join(examplesDir, name), 'utf8');

async function promtool(args: string[], cwd: string) {
  try {
    const { stdout } = await promisify(execFile)('promtool', args, { cwd });
    return { ok: true, output: stdout };
  } catch (error: any) {
    return { ok: false, output: `${error.stdout}${error.stderr}` };
  }
}

/** Every file under `dir`, relative to it. */
function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter(entry => !entry.isDirectory())
    .map(entry => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe('opsdeck:slo:rules', () => {
  const workspace = createMockDirectory();
  beforeEach(() => workspace.clear());
  const action = createSloRulesAction();

  async function run(input: Record<string, unknown>) {
    const ctx = createMockActionContext({
      input: input as any,
      workspacePath: workspace.path,
    });
    const info = jest.spyOn(ctx.logger, 'info');
    await action.handler(ctx as any);
    return {
      info,
      outputs: Object.fromEntries((ctx.output as jest.Mock).mock.calls),
    };
  }

  it('writes rules, promtool tests and a dashboard that promtool accepts', async () => {
    workspace.addContent({
      'repo/openslo.yaml': example('checkout-service.openslo.yaml'),
    });
    const { info, outputs } = await run({
      openSloPath: 'openslo.yaml',
      targetPath: 'repo',
      outputDir: 'monitoring/slo',
    });
    expect(outputs).toEqual({
      rulesPath: 'monitoring/slo/slo-rules.yaml',
      testsPath: 'monitoring/slo/slo-rules.test.yaml',
      dashboardPath: 'monitoring/slo/slo-dashboard.json',
      slos: ['checkout-availability'],
      recordingRules: 16,
      alertingRules: 4,
    });
    const dir = path.join(workspace.path, 'repo/monitoring/slo');
    const check = await promtool(['check', 'rules', 'slo-rules.yaml'], dir);
    expect(check.output).toContain('SUCCESS: 20 rules found');
    expect(check.ok).toBe(true);
    const tests = await promtool(['test', 'rules', 'slo-rules.test.yaml'], dir);
    expect(tests.output).toContain('SUCCESS');
    expect(tests.ok).toBe(true);
    const dashboard = JSON.parse(
      fs.readFileSync(path.join(dir, 'slo-dashboard.json'), 'utf8'),
    );
    expect(dashboard.title).toBe('SLOs: checkout-service');
    expect(dashboard.panels.map((p: any) => p.type)).toEqual([
      'row',
      'stat',
      'stat',
      'timeseries',
      'timeseries',
    ]);
    expect(info).toHaveBeenCalledWith(
      'Read 1 SLO(s) from openslo.yaml: checkout-service/checkout-availability',
    );
  });

  it('takes inline OpenSLO, with threshold and Timeslices SLOs, and writes to slo/ by default', async () => {
    const { outputs } = await run({
      openSlo: example('search-service.openslo.yaml'),
      dashboardTitle: 'Search',
    });
    expect(outputs.slos).toEqual([
      'search-availability',
      'search-index-freshness',
    ]);
    expect(listFiles(workspace.path)).toEqual([
      'slo/slo-dashboard.json',
      'slo/slo-rules.test.yaml',
      'slo/slo-rules.yaml',
    ]);
    const dir = path.join(workspace.path, 'slo');
    const tests = yaml.parse(
      fs.readFileSync(path.join(dir, 'slo-rules.test.yaml'), 'utf8'),
    );
    expect(tests.rule_files).toEqual(['slo-rules.yaml']);
    const check = await promtool(['check', 'rules', 'slo-rules.yaml'], dir);
    expect(check.ok).toBe(true);
    const run$ = await promtool(['test', 'rules', 'slo-rules.test.yaml'], dir);
    expect(run$.output).toContain('SUCCESS');
    expect(run$.ok).toBe(true);
    expect(
      JSON.parse(fs.readFileSync(path.join(dir, 'slo-dashboard.json'), 'utf8'))
        .title,
    ).toBe('Search');
  });

  describe('refuses bad input with an InputError and writes nothing', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-outside-'));
    fs.writeFileSync(
      path.join(outside, 'secret.yaml'),
      example('checkout-service.openslo.yaml'),
    );
    afterAll(() => fs.rmSync(outside, { recursive: true, force: true }));

    const bad: Array<[string, Record<string, unknown>, string | RegExp]> = [
      [
        'a path leaving the workspace with ..',
        { openSloPath: '../secret.yaml' },
        "openSloPath must not contain '..'",
      ],
      [
        'an absolute path',
        { openSloPath: '/etc/passwd' },
        'openSloPath must be a relative path inside the repository',
      ],
      [
        'a path through a symbolic link out of the workspace',
        { openSloPath: 'link/secret.yaml' },
        'openSloPath link/secret.yaml leaves the workspace',
      ],
      [
        'a missing file',
        { openSloPath: 'nothing-here.yaml' },
        'openSloPath nothing-here.yaml does not exist in the workspace',
      ],
      [
        'a folder instead of a file',
        { openSloPath: 'folder' },
        'openSloPath folder is not a file',
      ],
      [
        'malformed YAML',
        { openSloPath: 'malformed.yaml' },
        /^malformed\.yaml: document 1 \(line \d+, column \d+\): is not valid YAML/,
      ],
      [
        'a semantically wrong SLO (target above 1)',
        {
          openSlo: example('checkout-service.openslo.yaml').replace(
            'target: 0.999',
            'target: 1.5',
          ),
        },
        'openSlo (inline): SLO checkout-availability: spec.objectives[0].target',
      ],
      [
        'a document of an unknown kind',
        {
          openSlo:
            'apiVersion: openslo/v1\nkind: Service\nmetadata:\n  name: x\nspec: {}\n',
        },
        'openSlo (inline): document 1: kind: must be one of SLO',
      ],
      [
        'both a path and inline content',
        { openSloPath: 'openslo.yaml', openSlo: 'x: 1' },
        'give exactly one of openSloPath',
      ],
      [
        'neither a path nor inline content',
        {},
        'give exactly one of openSloPath',
      ],
      [
        'an output folder leaving the workspace',
        {
          openSlo: example('checkout-service.openslo.yaml'),
          outputDir: 'a/../../x',
        },
        "outputDir must not contain '..'",
      ],
      [
        'a target path with shell substitution',
        {
          openSlo: example('checkout-service.openslo.yaml'),
          targetPath: '$(id)',
        },
        "targetPath must not contain '$('",
      ],
      [
        'a dashboard title with a newline',
        {
          openSlo: example('checkout-service.openslo.yaml'),
          dashboardTitle: 'SLOs\n"}',
        },
        'dashboardTitle must not contain control characters',
      ],
      [
        'an unknown input field',
        { openSlo: example('checkout-service.openslo.yaml'), rules: 'x' },
        'Unrecognized key',
      ],
    ];

    it.each(bad)('%s', async (_name, input, message) => {
      workspace.addContent({
        'openslo.yaml': example('checkout-service.openslo.yaml'),
        'malformed.yaml': 'apiVersion: openslo/v1\nkind: [SLO\n',
        folder: {},
      });
      fs.symlinkSync(outside, path.join(workspace.path, 'link'));
      const before = listFiles(workspace.path);
      const promise = run(input);
      await expect(promise).rejects.toThrow(InputError);
      await expect(promise).rejects.toThrow(message);
      expect(listFiles(workspace.path)).toEqual(before);
      expect(fs.readdirSync(outside)).toEqual(['secret.yaml']);
    });
  });
});
