import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples of `opsdeck:ci:github-actions`, shown on the installed-actions page. */
export const examples: TemplateExample[] = [
  {
    description:
      'A Node.js service with three test shards, an image on GHCR, canary deploys to AWS through OIDC, reporting to the portal and the error-budget gate before production',
    example: yaml.stringify(
      yaml.parse(`steps:
  - id: pipeline
    action: opsdeck:ci:github-actions
    name: Generate the CI/CD workflow
    input:
      name: checkout
      language: node
      buildTool: pnpm
      testShards: 3
      container:
        registry: ghcr.io
        image: acme/checkout
        target: runtime
      strategy: canary
      cloud:
        provider: aws
        roleArn: arn:aws:iam::123456789012:role/checkout-deploy
        region: eu-west-1
      portal:
        baseUrl: https://portal.example.com
        auth: oidc`),
    ),
  },
  {
    description:
      'A Python library: lint and tests only, no container and no deploy',
    example: yaml.stringify(
      yaml.parse(`steps:
  - id: pipeline
    action: opsdeck:ci:github-actions
    name: Generate the CI workflow
    input:
      name: pricing-lib
      language: python
      buildTool: poetry
      languageVersion: '3.12'
      environments: []
      workflowFile: ci.yml`),
    ),
  },
];
