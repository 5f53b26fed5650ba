import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createFetchTemplateAction } from '@backstage/plugin-scaffolder-backend';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { opsdeckTemplateFilters } from '@opsdeck/plugin-scaffolder-backend-module-opsdeck';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';

jest.setTimeout(30_000);

const templateFile = path.resolve(
  __dirname,
  '../../../templates/post-incident-review/template.yaml',
);

describe('post-incident-review template', () => {
  const template = parse(fs.readFileSync(templateFile, 'utf8'));
  const step = template.spec.steps[0];

  it('renders a postmortem through fetch:template with timeline, impact and action items', async () => {
    const workspacePath = fs.mkdtempSync(path.join(os.tmpdir(), 'pir-'));
    const action = createFetchTemplateAction({
      reader: mockServices.urlReader.mock(),
      integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
      // The filters the Opsdeck scaffolder module adds to the scaffolder.
      additionalTemplateFilters: opsdeckTemplateFilters,
    });
    const values = {
      incidentId: '4f9c2d1e-aaaa-bbbb-cccc-000000000001',
      title: 'Search latency p99 above 2 s',
      entityRef: 'component:default/search-service',
      severity: 'error',
      triggeredAt: '2026-03-01T10:00:00Z',
      acknowledgedAt: '2026-03-01T10:04:00Z',
      resolvedAt: '2026-03-01T10:40:00Z',
      deploymentId: 'deploy-42',
      timeline: [
        { at: '2026-03-01T10:00:00Z', entry: 'Triggered by barbara.liskov' },
        { at: '2026-03-01T10:12:00Z', entry: 'Paused the rebuild job' },
        // A multi-line note: one list item, its markup shown as text.
        {
          at: '2026-03-01T10:20:00.000Z',
          entry: 'ada.lovelace: Errors down.\n# Next: [runbook](https://x)',
        },
      ],
      impact: 'Searches took 2.4 s at p99 for 40 minutes.',
      errorBudgetConsumed: '18% of the 30-day budget',
      actionItems: [
        {
          action: 'Move the rebuild to 03:00 UTC',
          owner: 'group:default/search-team',
          due: '2026-03-08',
        },
      ],
      author: 'user:default/edsger.dijkstra',
    };
    await action.handler(
      createMockActionContext({
        workspacePath,
        input: {
          url: step.input.url,
          targetPath: step.input.targetPath,
          values,
        },
        templateInfo: {
          entityRef: 'template:default/post-incident-review',
          baseUrl: pathToFileURL(templateFile).toString(),
        },
      }),
    );
    const doc = fs.readFileSync(
      path.join(workspacePath, 'docs/postmortems', `${values.incidentId}.md`),
      'utf8',
    );
    expect(doc).toContain('# Postmortem: Search latency p99 above 2 s');
    expect(doc).toContain('| Linked deployment | `deploy-42` |');
    expect(doc).toContain(
      '| Error budget consumed | 18% of the 30-day budget |',
    );
    expect(doc).toContain('- **2026-03-01T10:12:00Z**: Paused the rebuild job');
    expect(doc).toContain(
      '- **2026-03-01T10:20:00.000Z**: ada.lovelace: Errors down. \\# Next: \\[runbook\\](https\\://x)\n',
    );
    expect(doc).toContain('Searches took 2.4 s at p99 for 40 minutes.');
    expect(doc).toContain(
      '| Move the rebuild to 03:00 UTC | group:default/search-team | 2026-03-08 |',
    );
    expect(doc).toContain('## Summary\n\n_To be written._');
    fs.rmSync(workspacePath, { recursive: true, force: true });
  });

  it('accepts only safe incident ids, since the id names the file', () => {
    const pattern = new RegExp(
      template.spec.parameters[0].properties.incidentId.pattern,
    );
    expect(
      [
        '../../etc/passwd',
        'a/b',
        '${{ x }}',
        '$(id)',
        '',
        'x'.repeat(65),
      ].filter(v => pattern.test(v)),
    ).toEqual([]);
    expect(pattern.test('4f9c2d1e-aaaa-bbbb-cccc-000000000001')).toBe(true);
  });
});
