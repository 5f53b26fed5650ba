import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { ciActionExample } from './ciActionExample';

const ACTION = 'opsdeck:ci:github-actions';

/** Examples of `opsdeck:ci:github-actions`, shown on the installed-actions page. */
export const examples: TemplateExample[] = [
  ciActionExample(
    ACTION,
    'A Node.js service with three test shards, an image on GHCR, canary deploys to AWS through OIDC, reporting to the portal and the error-budget gate before production',
    'Generate the CI/CD workflow',
    {
      name: 'checkout',
      language: 'node',
      buildTool: 'pnpm',
      testShards: 3,
      container: {
        registry: 'ghcr.io',
        image: 'acme/checkout',
        target: 'runtime',
      },
      strategy: 'canary',
      canaryWeights: [10, 50, 100],
      cloud: {
        provider: 'aws',
        roleArn: 'arn:aws:iam::123456789012:role/checkout-deploy',
        region: 'eu-west-1',
      },
      portal: { baseUrl: 'https://portal.example.com', auth: 'oidc' },
    },
  ),
  ciActionExample(
    ACTION,
    'A Python library: lint and tests only, no container and no deploy',
    'Generate the CI workflow',
    {
      name: 'pricing-lib',
      language: 'python',
      buildTool: 'poetry',
      languageVersion: '3.12',
      environments: [],
      workflowFile: 'ci.yml',
    },
  ),
];
