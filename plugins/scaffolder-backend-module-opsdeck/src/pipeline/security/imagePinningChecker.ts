import { parse } from 'yaml';

/**
 * A container image in a generated pipeline that is not pinned by digest.
 *
 * @public
 */
export type UnpinnedImageFinding = {
  /** Where, e.g. `build.services[0]` or `line 12`. */
  location: string;
  image: string;
};

/** `repository[:tag]@sha256:<64 hex>`, the only accepted form. */
const DIGEST_PINNED =
  /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]{1,5})?(\/[a-z0-9]+([._-][a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?@sha256:[0-9a-f]{64}$/;

/** Whether an image reference is pinned by a sha256 digest. */
export function isDigestPinned(image: string): boolean {
  return DIGEST_PINNED.test(image);
}

type AnyRecord = Record<string, unknown>;

const isRecord = (value: unknown): value is AnyRecord =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function imageName(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isRecord(value) && typeof value.name === 'string') return value.name;
  return undefined;
}

/**
 * Every `image:` and `services:` entry of a `.gitlab-ci.yml` (jobs and
 * `default`) that is not pinned by digest. An image given in a form the
 * checker cannot read counts as unpinned.
 *
 * @public
 */
export function checkGitlabImagePinning(text: string): UnpinnedImageFinding[] {
  const document = parse(text);
  const findings: UnpinnedImageFinding[] = [];
  if (!isRecord(document)) {
    return [{ location: 'document', image: '(not a mapping)' }];
  }
  for (const [key, job] of Object.entries(document)) {
    if (!isRecord(job)) continue;
    if (job.image !== undefined) {
      const image = imageName(job.image);
      if (image === undefined || !isDigestPinned(image)) {
        findings.push({
          location: `${key}.image`,
          image: image ?? JSON.stringify(job.image),
        });
      }
    }
    if (job.services !== undefined) {
      const services = Array.isArray(job.services)
        ? job.services
        : [job.services];
      services.forEach((service, index) => {
        const image = imageName(service);
        if (image === undefined || !isDigestPinned(image)) {
          findings.push({
            location: `${key}.services[${index}]`,
            image: image ?? JSON.stringify(service),
          });
        }
      });
    }
  }
  return findings;
}

/**
 * Every `image` of a `docker { }` agent in a declarative Jenkinsfile that is
 * not pinned by digest, and any other way of naming an image (`dockerfile`
 * agents, `docker.image(...)`), which the generator never writes. Text
 * inside `sh '''...'''` scripts is not Groovy and is skipped.
 *
 * @public
 */
export function checkJenkinsImagePinning(text: string): UnpinnedImageFinding[] {
  const findings: UnpinnedImageFinding[] = [];
  // Shell scripts (triple-single-quoted) may say "image" freely; keep their
  // line breaks so that line numbers stay true.
  const code = text.replace(/'''[\s\S]*?'''/g, script =>
    script.replace(/[^\n]/g, ''),
  );
  code.split('\n').forEach((line, index) => {
    const location = `line ${index + 1}`;
    for (const match of line.matchAll(/\bimage\s+('[^'\\]*'|"[^"]*"|\S+)/g)) {
      const literal = /^'([^'\\]*)'$/.exec(match[1]);
      if (!literal || !isDigestPinned(literal[1])) {
        findings.push({ location, image: match[1] });
      }
    }
    if (/\bdocker\.image\s*\(|\bdockerfile\s+(true|\{)/.test(line)) {
      findings.push({ location, image: line.trim() });
    }
  });
  return findings;
}
