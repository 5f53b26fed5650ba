import { InputError } from '@backstage/errors';
import type { BuildTool } from './parameters';

/**
 * A container image pinned by the digest of its multi-platform index. The
 * tag says what the digest is; the digest is what runs.
 *
 * @public
 */
export type PinnedImage = {
  /** Repository, e.g. `docker` or `mcr.microsoft.com/azure-cli`. */
  repository: string;
  /** The tag the digest was published under, e.g. `29-cli`. */
  tag: string;
  /** `sha256:` and 64 hex digits. */
  digest: string;
  /** The public record the digest was read from. */
  source: string;
};

const REPO_INFO =
  'docker-library/repo-info (the Docker official images record of every tag and digest)';

/*
 * The one place where the container images of generated GitLab CI and
 * Jenkins pipelines are pinned. Each entry records where its digest was read.
 *
 * Refresh: on a machine that can reach the registry, run
 *   docker buildx imagetools inspect <repository>:<tag>
 * (or `crane digest <repository>:<tag>`), take the digest of the index (the
 * "Digest:" line at the top, not a platform manifest), update `digest`, `tag`
 * and `source` together, and run the package tests. For official images the
 * digest can also be read without registry access from the first
 * `docker pull <name>@sha256:...` line of
 * repos/<name>/remote/<tag>.md in docker-library/repo-info.
 * Renovate's docker manager updates references of the form
 * `name:tag@sha256:digest`, which is how they are written into pipelines.
 */

/**
 * Tool and deploy images.
 *
 * @public
 */
export const PINNED_IMAGES = {
  /** Docker CLI with buildx (Docker 29.7.1) for the image build job. */
  docker: {
    repository: 'docker',
    tag: '29-cli',
    digest:
      'sha256:27a51d5ab1cd38d9eeaba7b415b8c07bc10c31e1cf1ec8d78f6413fcfab3f44f',
    source: `${REPO_INFO}, repos/docker/remote/29-cli.md at commit 47e7cda154b78d2818658dc1d0bab86632d6283b`,
  },
  /** Docker daemon (Docker 29.7.0) as the build job's service. */
  dockerDaemon: {
    repository: 'docker',
    tag: '29-dind',
    digest:
      'sha256:084e385b0c9b7ab35d5a46dfedd033721448c000dbec71adcf13da8a9e71baa8',
    source: `${REPO_INFO}, repos/docker/remote/29-dind.md at commit 12b0c3dbf84c77a5dfead9f2329bcc99308fe226`,
  },
  /** Image scan and SBOM (Trivy writes SPDX JSON too). */
  trivy: {
    repository: 'aquasec/trivy',
    tag: '0.74.0',
    digest:
      'sha256:62b1e65e8869bc4b4c6aa4fa2b21595256c7c2f6018a9d9ad61caf87187c1969',
    source:
      'quoted for aquasec/trivy:0.74.0 by ten independent public repositories found by content search (tool manifests, scan scripts; one notes it is the same digest on mirror.gcr.io and ghcr.io); one Makefile quoting sha256:ee940acb... for the tag is the outlier',
  },
  /** Secret scan over the git history. */
  gitleaks: {
    repository: 'zricethezav/gitleaks',
    tag: 'v8.29.1',
    digest:
      'sha256:aa036a2f4bdfe3cc3c55fa4326308efabb4a6be498c883c864fd1d0d5585438a',
    source:
      'quoted for gitleaks v8.29.1 by ten independent public repositories found by content search, for docker.io/zricethezav/gitleaks and ghcr.io/gitleaks/gitleaks alike',
  },
  /** Static analysis. */
  semgrep: {
    repository: 'semgrep/semgrep',
    tag: '1.177.0',
    digest:
      'sha256:acaac22ffc7b7cc5926de0751b223bce0b2491c33d18422fa72f632c78d81198',
    source:
      'quoted for semgrep/semgrep:1.177.0 by nine independent public repositories found by content search (scan scripts, policy tests); one Makefile quoting sha256:d1825c2c... for the tag is the outlier',
  },
  /** Google Cloud CLI (Alpine based) for GCP deploy jobs. */
  gcp: {
    repository: 'google/cloud-sdk',
    tag: '483.0.0-alpine',
    digest:
      'sha256:ff49f004e09981ea71e113ab7c3d7e7899cd5566ac8f50dd4fd613729ec2d684',
    source:
      'muehlemann-popp/gke-deploy-tools, Dockerfile at commit dde6e518e87db1c251edf18ff67281c919d33f1f (FROM google/cloud-sdk:483.0.0-alpine@sha256:ff49f004..., kept current by its dependency-update workflow)',
  },
  /** Azure CLI (Azure Linux 3) for Azure deploy jobs. */
  azure: {
    repository: 'mcr.microsoft.com/azure-cli',
    tag: '2.89.0',
    digest:
      'sha256:0926e9e5230a66eac8061beab122ffee5750c4fb924a7b5608c8d3cdd3511158',
    source:
      'a single public Dockerfile pinning its base image (FROM mcr.microsoft.com/azure-cli:2.89.0@sha256:0926e9e5...); no second source was found, confirm with imagetools inspect on the next refresh',
  },
  /**
   * Alpine 3.24.2: deploy jobs without a cloud, and AWS deploy jobs, which
   * add the AWS CLI from Alpine's signed packages (no tag-and-digest record
   * of amazon/aws-cli could be checked from public sources).
   */
  base: {
    repository: 'alpine',
    tag: '3.24',
    digest:
      'sha256:5b02b42e375f7426f8d65c3af331ca05d9878f9989230354504e0b9dfd431f60',
    source: `${REPO_INFO}, repos/alpine/remote/3.24.md at commit 1746b58749182f00f5d2c26a53fff697cfce2c81`,
  },
} as const satisfies Record<string, PinnedImage>;

/**
 * Build images per toolchain and language version. GitLab CI and Jenkins
 * accept only the versions listed here; GitHub Actions installs any version
 * with the pinned setup actions.
 *
 * @public
 */
export const PINNED_TOOLCHAIN_IMAGES = {
  node: {
    '22': {
      repository: 'node',
      tag: '22-bookworm-slim',
      digest:
        'sha256:f576cc608b02e6b04bb0700e13be83eb5ceb7bb24584c3181b0f4ecfa0cd0edf',
      source: `${REPO_INFO}, repos/node/remote/22-bookworm-slim.md at commit d45a2996653182e785789cd05d5d234bd0b5c927 (Node.js 22.23.2)`,
    },
    '24': {
      repository: 'node',
      tag: '24-bookworm-slim',
      digest:
        'sha256:a9f5f7c91a432850b2a8a7797adf5eadb6c733ceed61167806cee7ea7fbc29df',
      source: `${REPO_INFO}, repos/node/remote/24-bookworm-slim.md at commit e2e97043fc3e24482c19623a66ea8fc74d2546e0 (Node.js 24.19.0)`,
    },
  },
  python: {
    '3.12': {
      repository: 'python',
      tag: '3.12-slim-bookworm',
      digest:
        'sha256:4766d8b510c428e595d74b9cc5bbb2fae8e26316fffb4adc89908d79aacd58a2',
      source: `${REPO_INFO}, repos/python/remote/3.12-slim-bookworm.md at commit 3effc3eac4f65a99767fd721667a1bf157496ba4 (Python 3.12.13)`,
    },
    '3.13': {
      repository: 'python',
      tag: '3.13-slim-bookworm',
      digest:
        'sha256:cbd229d7b9bd041012af758ce5ffd807a6518d76493ce9035d208f1db9ceff1e',
      source: `${REPO_INFO}, repos/python/remote/3.13-slim-bookworm.md at commit bc9bbb47fc709dc4b29d3b128d66823b953b97a7 (Python 3.13.15)`,
    },
  },
  go: {
    '1.25': {
      repository: 'golang',
      tag: '1.25-bookworm',
      digest:
        'sha256:99bcb81b9acb15e54f799e68172da2e888ca7597475dbdaf04cd910defec78cc',
      source: `${REPO_INFO}, repos/golang/remote/1.25-bookworm.md at commit dcc2ba5900d49ace30ec627b3fb1701694859458 (Go 1.25.12)`,
    },
    '1.26': {
      repository: 'golang',
      tag: '1.26-bookworm',
      digest:
        'sha256:38f30937ff0751bd8c202e53556168b9093302ee6d591e7e65a9d1b84a9d360c',
      source: `${REPO_INFO}, repos/golang/remote/1.26-bookworm.md at commit c4de0540f38eadbec61589627dfc2a89988445b9 (Go 1.26.7)`,
    },
  },
  maven: {
    '21': {
      repository: 'maven',
      tag: '3-eclipse-temurin-21',
      digest:
        'sha256:613124833fa6718ded9d655a2ebfab6425818c178f899116b93560b6f1c9ffe9',
      source: `${REPO_INFO}, repos/maven/remote/3-eclipse-temurin-21.md at commit 4e5550dbf9475e527dba4cddfd2ac7c4b1b167fe (Temurin 21.0.12)`,
    },
  },
  gradle: {
    '17': {
      repository: 'gradle',
      tag: '9-jdk17',
      digest:
        'sha256:1a17977e868547fb6c333789902dabde2e827da874a5fa821964dc6be8652b14',
      source: `${REPO_INFO}, repos/gradle/remote/9-jdk17.md at commit 4808400f4ebc5fe60bfea11bc8abdcd4d957855b (Gradle 9.7.1, Temurin 17.0.19)`,
    },
    '21': {
      repository: 'gradle',
      tag: '9-jdk21',
      digest:
        'sha256:56d6211baf5eff84a2ac1baba13cef453432c18ea1250aec2e9cb9fbbaaffa94',
      source: `${REPO_INFO}, repos/gradle/remote/9-jdk21.md at commit 116685b68285e54db316a37c0230a4bc6ea5ec70 (Gradle 9.7.1, Temurin 21.0.12)`,
    },
  },
} as const satisfies Record<string, Record<string, PinnedImage>>;

/**
 * The reference written into a pipeline: `repository:tag@sha256:digest`.
 *
 * @public
 */
export function imageReference(image: PinnedImage): string {
  return `${image.repository}:${image.tag}@${image.digest}`;
}

/** The image deploy jobs run in: the cloud's CLI, or the small base image. */
export function deployImage(provider?: 'aws' | 'gcp' | 'azure'): string {
  switch (provider) {
    case 'gcp':
      return imageReference(PINNED_IMAGES.gcp);
    case 'azure':
      return imageReference(PINNED_IMAGES.azure);
    case 'aws':
    case undefined:
      return imageReference(PINNED_IMAGES.base);
    default:
      throw new Error(`unknown cloud provider ${provider satisfies never}`);
  }
}

function toolchainFamily(
  tool: BuildTool,
): keyof typeof PINNED_TOOLCHAIN_IMAGES {
  switch (tool) {
    case 'npm':
    case 'pnpm':
    case 'yarn':
      return 'node';
    case 'pip':
    case 'poetry':
      return 'python';
    case 'go':
      return 'go';
    case 'maven':
      return 'maven';
    case 'gradle':
      return 'gradle';
    default:
      throw new Error(`unknown build tool ${tool satisfies never}`);
  }
}

/**
 * The digest-pinned build image for a toolchain at a version.
 *
 * @throws InputError when no image is pinned for that version.
 */
export function toolchainImage(tool: BuildTool, version: string): string {
  const family = toolchainFamily(tool);
  const images: Record<string, PinnedImage> = PINNED_TOOLCHAIN_IMAGES[family];
  const image = images[version];
  if (!image) {
    throw new InputError(
      `Invalid pipeline parameters: languageVersion ${version} has no digest-pinned ${family} image for GitLab CI and Jenkins (pinned: ${Object.keys(
        images,
      ).join(', ')})`,
    );
  }
  return imageReference(image);
}
