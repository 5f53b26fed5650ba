import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { ciActionExample } from './ciActionExample';

const ACTION = 'opsdeck:ci:gitlab';

/** Examples of `opsdeck:ci:gitlab`, shown on the installed-actions page. */
export const examples: TemplateExample[] = [
  ciActionExample(
    ACTION,
    'A Go service on the GitLab registry, blue-green deploys to Google Cloud with workload identity federation, reported to the portal (rolled back and reported on failure)',
    'Generate .gitlab-ci.yml',
    {
      name: 'ledger',
      language: 'go',
      testShards: 2,
      container: { registry: 'registry.gitlab.com', image: 'acme/ledger' },
      strategy: 'blue-green',
      cloud: {
        provider: 'gcp',
        workloadIdentityProvider:
          'projects/123456789/locations/global/workloadIdentityPools/gitlab/providers/acme',
        serviceAccount: 'deployer@acme-prod.iam.gserviceaccount.com',
      },
      portal: {
        baseUrl: 'https://portal.example.com',
        tokenSecretName: 'OPSDECK_TOKEN',
      },
    },
  ),
  ciActionExample(
    ACTION,
    'A Maven service with three environments, approval before each protected one',
    'Generate .gitlab-ci.yml',
    {
      name: 'billing',
      language: 'java',
      buildTool: 'maven',
      environments: [
        { name: 'dev' },
        { name: 'staging' },
        {
          name: 'production',
          approval: true,
          url: 'https://billing.example.com',
        },
      ],
    },
  ),
];
