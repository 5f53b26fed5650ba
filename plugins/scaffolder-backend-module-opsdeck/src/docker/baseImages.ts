import type { BuildTool } from '../pipeline/parameters';

/**
 * A base image reference: repository and tag, plus the digest when a platform
 * team pins it. With a digest the reference is `repository:tag@sha256:...`,
 * so the tag stays readable and the digest decides what is pulled.
 *
 * @public
 */
export type BaseImage = {
  repository: string;
  tag: string;
  digest?: string;
};

/**
 * Runtime images of generated Dockerfiles, in one table. Distroless images
 * hold no shell and no package manager and run as the numeric user 65532;
 * `slim` images are Debian bookworm slim images for the languages and versions
 * where no matching distroless image exists (distroless Python ships the
 * Debian interpreter, 3.11, whatever version the project uses).
 *
 * @public
 */
export const RUNTIME_IMAGES = {
  distrolessNode: (major: string): BaseImage => ({
    repository: `gcr.io/distroless/nodejs${major}-debian12`,
    tag: 'nonroot',
  }),
  distrolessStatic: (): BaseImage => ({
    repository: 'gcr.io/distroless/static-debian12',
    tag: 'nonroot',
  }),
  distrolessJava: (major: string): BaseImage => ({
    repository: `gcr.io/distroless/java${major}-debian12`,
    tag: 'nonroot',
  }),
  slimNode: (version: string): BaseImage => ({
    repository: 'node',
    tag: `${version}-bookworm-slim`,
  }),
  slimPython: (version: string): BaseImage => ({
    repository: 'python',
    tag: `${version}-slim-bookworm`,
  }),
  slimDebian: (): BaseImage => ({
    repository: 'debian',
    tag: '12.11-slim',
  }),
  jre: (major: string): BaseImage => ({
    repository: 'eclipse-temurin',
    tag: `${major}-jre-noble`,
  }),
} as const;

/** Node.js majors with a distroless image. */
export const DISTROLESS_NODE_MAJORS = ['20', '22', '24'];
/** Java majors with a distroless image. */
export const DISTROLESS_JAVA_MAJORS = ['17', '21'];

/** Versions of tools installed inside build stages. */
export const BUILD_TOOL_VERSIONS = {
  poetry: '1.8.5',
} as const;

/**
 * The build-stage image of a tool at a language version: the official
 * toolchain images, with the same tags the generated CI pipelines build in.
 * Versions are free (the runtime image follows the same version), so the
 * digest of a build image is given per service (`digests.builder`).
 */
export function builderImage(tool: BuildTool, version: string): BaseImage {
  switch (tool) {
    case 'npm':
    case 'pnpm':
    case 'yarn':
      return { repository: 'node', tag: `${version}-bookworm-slim` };
    case 'pip':
    case 'poetry':
      return { repository: 'python', tag: `${version}-slim-bookworm` };
    case 'go':
      return { repository: 'golang', tag: `${version}-bookworm` };
    case 'maven':
      return { repository: 'maven', tag: `3.9-eclipse-temurin-${version}` };
    case 'gradle':
      return { repository: 'gradle', tag: `8.12-jdk${version}` };
    default:
      throw new Error(`unknown build tool ${tool satisfies never}`);
  }
}

/** `repository:tag` or `repository:tag@sha256:...`. */
export function imageReference(image: BaseImage): string {
  const tagged = `${image.repository}:${image.tag}`;
  return image.digest ? `${tagged}@${image.digest}` : tagged;
}
