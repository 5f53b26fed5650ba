import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples of `opsdeck:docker:dockerfile`, shown on the installed-actions page. */
export const examples: TemplateExample[] = [
  {
    description:
      'A Node.js service built with pnpm, run on distroless Node.js 22 on port 3000 with a health check on /healthz',
    example: yaml.stringify(
      yaml.parse(`steps:
  - id: dockerfile
    action: opsdeck:docker:dockerfile
    name: Write the Dockerfile
    input:
      name: checkout
      language: node
      buildTool: pnpm
      languageVersion: '22'
      port: 3000`),
    ),
  },
  {
    description:
      'A Go service with both base images pinned by digest, compiled from ./cmd/ledger onto distroless static',
    example: yaml.stringify(
      yaml.parse(`steps:
  - id: dockerfile
    action: opsdeck:docker:dockerfile
    name: Write the Dockerfile
    input:
      name: ledger
      language: go
      entrypoint: ./cmd/ledger
      digests:
        builder: sha256:${'0'.repeat(64)}
        runtime: sha256:${'1'.repeat(64)}`),
    ),
  },
  {
    description: 'A Java service built with Gradle, on a slim JRE image',
    example: yaml.stringify(
      yaml.parse(`steps:
  - id: dockerfile
    action: opsdeck:docker:dockerfile
    name: Write the Dockerfile
    input:
      name: billing
      language: java
      buildTool: gradle
      runtime: slim`),
    ),
  },
];
