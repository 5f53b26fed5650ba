import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import fs from 'node:fs';
import os from 'node:os';
import { scaffolderModuleOpsdeck } from '../module';
import { validateTerraform } from '../terraform/__testUtils__/terraformValidation';

jest.setTimeout(120_000);

/** A template using the action the way a golden-path template does. */
const template = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'terraform-environment-test' },
  spec: {
    owner: 'group:default/platform',
    type: 'service',
    parameters: [],
    steps: [
      {
        id: 'terraform',
        name: 'Terraform',
        action: 'opsdeck:terraform:environment',
        input: {
          name: '${{ parameters.name }}',
          owner: '${{ parameters.owner }}',
          system: '${{ parameters.system }}',
          cloud: '${{ parameters.cloud }}',
          region: '${{ parameters.region }}',
          gcpProject: '${{ parameters.gcpProject }}',
          state: { bucket: '${{ parameters.stateBucket }}' },
          environments: [
            { name: 'dev' },
            { name: 'production', readReplica: true },
          ],
          targetPath: 'infra',
        },
      },
    ],
    output: {
      text: [
        {
          title: 'files',
          content: '${{ steps.terraform.output.files | join(", ") }}',
        },
      ],
    },
  },
};

describe('opsdeck:terraform:environment in a scaffolder backend', () => {
  async function start() {
    const workingDirectory = fs.mkdtempSync(
      `${os.tmpdir()}/opsdeck-terraform-`,
    );
    return startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleOpsdeck,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: { backend: { workingDirectory } },
        }),
      ],
    });
  }

  it('is listed with its input schema and examples, and dry-runs a template into valid Terraform', async () => {
    const backend = await start();
    try {
      const base = `http://localhost:${backend.server.port()}/api/scaffolder/v2`;
      const actions = await (await fetch(`${base}/actions`)).json();
      const action = actions.find(
        (a: { id: string }) => a.id === 'opsdeck:terraform:environment',
      );
      expect(action.examples.length).toBe(3);
      expect(Object.keys(action.schema.input.properties).sort()).toEqual([
        'azureSubscriptionId',
        'cloud',
        'environments',
        'gcpProject',
        'kubernetesVersion',
        'name',
        'namespace',
        'owner',
        'postgresVersion',
        'region',
        'serviceAccount',
        'state',
        'system',
        'targetPath',
      ]);
      expect(action.schema.input.required.sort()).toEqual([
        'cloud',
        'name',
        'owner',
        'region',
        'state',
        'system',
      ]);
      expect(Object.keys(action.schema.output.properties).sort()).toEqual([
        'directory',
        'environments',
        'files',
      ]);

      const response = await fetch(`${base}/dry-run`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          template,
          values: {
            name: 'ledger',
            owner: 'group:default/finance',
            system: 'accounting',
            cloud: 'gcp',
            region: 'europe-west1',
            gcpProject: 'acme-ledger',
            stateBucket: 'acme-ledger-state',
          },
          directoryContents: [],
        }),
      });
      const body = await response.json();
      expect({ status: response.status, body }).toMatchObject({ status: 200 });
      const files = body.directoryContents.map(
        (f: { path: string; base64Content: string }) => ({
          path: f.path.replace(/^infra\//, ''),
          content: Buffer.from(f.base64Content, 'base64').toString('utf8'),
        }),
      );
      expect(files.map((f: { path: string }) => f.path)).toEqual(
        expect.arrayContaining([
          'modules/kubernetes/main.tf',
          'environments/dev/main.tf',
          'environments/production/versions.tf',
        ]),
      );
      expect(await validateTerraform(files)).toEqual([]);
      const log = JSON.stringify(body.log);
      expect(log).toContain('Wrote infra/environments/production/main.tf');
      expect(log).toContain('[dry run]');
      expect(JSON.stringify(body.output)).toContain(
        'infra/modules/network/main.tf',
      );
    } finally {
      await backend.stop();
    }
  });

  it('runs the same template for AWS with the Google Cloud parameter left out', async () => {
    const backend = await start();
    try {
      const base = `http://localhost:${backend.server.port()}/api/scaffolder/v2`;
      const response = await fetch(`${base}/dry-run`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          template,
          values: {
            name: 'ledger',
            owner: 'finance',
            system: 'accounting',
            cloud: 'aws',
            region: 'eu-central-1',
            stateBucket: 'acme-ledger-state',
          },
          directoryContents: [],
        }),
      });
      const body = await response.json();
      expect(JSON.stringify(body.log)).toContain('Terraform files for aws');
      expect(body.directoryContents.length).toBeGreaterThan(20);
    } finally {
      await backend.stop();
    }
  });
});
