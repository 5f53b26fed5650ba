import { startScaffolder } from '../__testUtils__/templateDryRun';

jest.setTimeout(120_000);

describe('the docker, vault and catalog actions in a scaffolder backend', () => {
  it('are listed with their examples and input schemas on the installed-actions endpoint', async () => {
    const { backend } = await startScaffolder();
    try {
      const response = await fetch(
        `http://localhost:${backend.server.port()}/api/scaffolder/v2/actions`,
      );
      expect(response.status).toBe(200);
      const actions: Array<{
        id: string;
        examples: unknown[];
        schema: { input: { properties: Record<string, unknown> } };
      }> = await response.json();
      const byId = Object.fromEntries(actions.map(a => [a.id, a]));
      expect(
        Object.keys(byId['opsdeck:docker:dockerfile'].schema.input.properties),
      ).toEqual(expect.arrayContaining(['name', 'language', 'digests']));
      expect(
        Object.keys(byId['opsdeck:vault:policy'].schema.input.properties),
      ).toEqual(expect.arrayContaining(['name', 'environments', 'access']));
      expect(
        Object.keys(byId['opsdeck:catalog:annotate'].schema.input.properties),
      ).toEqual(expect.arrayContaining(['annotations', 'overwrite', 'create']));
      for (const id of [
        'opsdeck:docker:dockerfile',
        'opsdeck:vault:policy',
        'opsdeck:catalog:annotate',
      ]) {
        expect(byId[id].examples.length).toBeGreaterThanOrEqual(2);
      }
    } finally {
      await backend.stop();
    }
  });
});
