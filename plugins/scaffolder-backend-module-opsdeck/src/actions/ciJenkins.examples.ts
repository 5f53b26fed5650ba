import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { ciActionExample } from './ciActionExample';

const ACTION = 'opsdeck:ci:jenkins';

/** Examples of `opsdeck:ci:jenkins`, shown on the installed-actions page. */
export const examples: TemplateExample[] = [
  ciActionExample(
    ACTION,
    'A Gradle service deployed to Azure with a federated credential, rolling, with deployment reports',
    'Generate the Jenkinsfile',
    {
      name: 'orders',
      language: 'java',
      buildTool: 'gradle',
      testShards: 2,
      container: { registry: 'acme.azurecr.io', image: 'orders' },
      cloud: {
        provider: 'azure',
        clientId: '11111111-2222-3333-4444-555555555555',
        tenantId: '66666666-7777-8888-9999-000000000000',
        subscriptionId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
      },
      portal: {
        baseUrl: 'https://portal.example.com',
        tokenSecretName: 'OPSDECK_TOKEN',
        minRemainingBudget: 0.1,
      },
    },
  ),
  ciActionExample(
    ACTION,
    'A Node.js service with npm, no security scans, deployed to staging only',
    'Generate the Jenkinsfile',
    {
      name: 'web',
      language: 'node',
      security: {
        sast: false,
        secretScan: false,
        imageScan: false,
        sbom: false,
      },
      environments: [{ name: 'staging' }],
    },
  ),
];
