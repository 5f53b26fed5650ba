import { startScaffolder } from './__testUtils__/templateDryRun';

jest.setTimeout(120_000);

describe('scaffolderModuleOpsdeck in a scaffolder backend', () => {
  it('lists the three opsdeck:ci actions with their examples on the installed-actions endpoint', async () => {
    const { backend } = await startScaffolder();
    try {
      const response = await fetch(
        `http://localhost:${backend.server.port()}/api/scaffolder/v2/actions`,
      );
      expect(response.status).toBe(200);
      const body = await response.json();
      const ours = body.filter((a: { id: string }) =>
        a.id.startsWith('opsdeck:ci:'),
      );
      expect(ours.map((a: { id: string }) => a.id).sort()).toEqual([
        'opsdeck:ci:github-actions',
        'opsdeck:ci:gitlab',
        'opsdeck:ci:jenkins',
      ]);
      for (const action of ours) {
        expect(action.examples.length).toBeGreaterThan(0);
        expect(action.schema.input.properties.name).toBeDefined();
      }
    } finally {
      await backend.stop();
    }
  });

  it.each(['github', 'jenkins'])(
    'dry-runs templates/ci-pipeline for %s like the template editor does',
    async ciSystem => {
      const { backend, dryRun } = await startScaffolder();
      try {
        const result = await dryRun('ci-pipeline', {
          name: 'checkout',
          owner: 'group:default/platform',
          language: 'node',
          buildTool: 'npm',
          ciSystem,
          testShards: 2,
          registry: 'ghcr.io',
          image: 'acme/checkout',
          strategy: 'canary',
          portalUrl: 'http://localhost:7007',
          portalAuth: 'token',
          repoUrl: 'github.com?owner=acme&repo=checkout',
        });
        expect({ status: result.status, body: result.body }).toMatchObject({
          status: 200,
        });
        const expected =
          ciSystem === 'github' ? '.github/workflows/ci.yml' : 'Jenkinsfile';
        expect(Object.keys(result.files)).toContain(expected);
        expect(Object.keys(result.files)).toContain('catalog-info.yaml');
        expect(result.log).toContain(`Wrote ${expected}`);
        expect(result.log).toContain('[dry run]');
      } finally {
        await backend.stop();
      }
    },
  );

  it('adds the markdown template filters, with descriptions for the template editor', async () => {
    const { backend } = await startScaffolder();
    try {
      const response = await fetch(
        `http://localhost:${backend.server.port()}/api/scaffolder/v2/templating-extensions`,
      );
      expect(response.status).toBe(200);
      const { filters } = await response.json();
      for (const id of ['opsdeckMarkdownText', 'opsdeckMarkdownLines']) {
        expect(filters[id].description).toContain('markdown');
        expect(filters[id].examples.length).toBeGreaterThan(0);
      }
    } finally {
      await backend.stop();
    }
  });
});
