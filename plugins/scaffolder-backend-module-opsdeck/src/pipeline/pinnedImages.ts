import type { BuildTool } from './parameters';

/**
 * Container images used by generated GitLab CI and Jenkins pipelines, in one
 * table. Tool images carry an explicit version tag; platform teams that
 * mirror images can replace these with `name@sha256:<digest>` references.
 *
 * @public
 */
export const PINNED_IMAGES = {
  docker: 'docker:27.5.1-cli',
  dockerDaemon: 'docker:27.5.1-dind',
  trivy: 'aquasec/trivy:0.58.2',
  syft: 'anchore/syft:v1.19.0-debug',
  gitleaks: 'zricethezav/gitleaks:v8.23.3',
  semgrep: 'semgrep/semgrep:1.106.0',
  aws: 'amazon/aws-cli:2.24.5',
  gcp: 'google/cloud-sdk:510.0.0-slim',
  azure: 'mcr.microsoft.com/azure-cli:2.69.0',
  reporter: 'alpine:3.21.3',
} as const;

/** The image deploy jobs run in: the cloud's CLI, or a small base image. */
export function deployImage(provider?: 'aws' | 'gcp' | 'azure'): string {
  switch (provider) {
    case 'aws':
      return PINNED_IMAGES.aws;
    case 'gcp':
      return PINNED_IMAGES.gcp;
    case 'azure':
      return PINNED_IMAGES.azure;
    default:
      return PINNED_IMAGES.reporter;
  }
}

/** The build image for a language toolchain at a version. */
export function toolchainImage(tool: BuildTool, version: string): string {
  switch (tool) {
    case 'npm':
    case 'pnpm':
    case 'yarn':
      return `node:${version}-bookworm-slim`;
    case 'pip':
    case 'poetry':
      return `python:${version}-slim-bookworm`;
    case 'go':
      return `golang:${version}-bookworm`;
    case 'maven':
      return `maven:3.9-eclipse-temurin-${version}`;
    case 'gradle':
      return `gradle:8.12-jdk${version}`;
    default:
      throw new Error(`unknown build tool ${tool satisfies never}`);
  }
}
