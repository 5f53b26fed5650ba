import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
} from '@backstage/catalog-model';

/** The `github.com/project-slug` annotation: `org/repo`. */
export const GITHUB_PROJECT_SLUG_ANNOTATION = 'github.com/project-slug';
/** The `gitlab.com/project-slug` annotation: `group/subgroup/project`. */
export const GITLAB_PROJECT_SLUG_ANNOTATION = 'gitlab.com/project-slug';

/** A source repository: its host and its path on that host. */
export interface Repository {
  /** Lower-case host name, e.g. `github.com`. */
  host: string;
  /** Path without leading or trailing slash or `.git`, e.g. `org/repo`. */
  path: string;
}

/** Where an entity's repository was read from. */
export interface EntityRepository extends Repository {
  annotation: string;
}

/** Path segments that end a repository path in a GitHub or GitLab URL. */
const END_OF_REPOSITORY = new Set(['-', 'tree', 'blob', 'raw', 'edit']);

/** `org/repo` from ` /org/repo.git/ ` style text, or undefined when empty. */
export function normalizeRepositoryPath(text: string): string | undefined {
  const path = text
    .trim()
    .replace(/^\/+|\/+$/g, '')
    .replace(/\.git$/, '');
  if (!path || path.split('/').some(segment => !segment)) return undefined;
  return path;
}

/**
 * The repository a location annotation value points into:
 * `url:https://github.com/org/repo/tree/main/x` is `github.com` `org/repo`,
 * `url:https://gitlab.com/group/sub/project/-/blob/main/x` is `gitlab.com`
 * `group/sub/project`. GitHub paths have two segments; elsewhere the path
 * ends before `-`, `tree`, `blob`, `raw` or `edit`. Undefined for other
 * location types (`file:`) and URLs without a path.
 */
export function repositoryOfLocation(
  location: string | undefined,
): Repository | undefined {
  if (!location?.startsWith('url:')) return undefined;
  let url: URL;
  try {
    url = new URL(location.slice(4));
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const host = url.hostname.toLocaleLowerCase('en-US');
  let segments = url.pathname
    .split('/')
    .filter(Boolean)
    .map(segment => decodeURIComponent(segment));
  const end = segments.findIndex(segment => END_OF_REPOSITORY.has(segment));
  if (end >= 0) segments = segments.slice(0, end);
  if (host === 'github.com') segments = segments.slice(0, 2);
  if (segments.length < 2) return undefined;
  const path = normalizeRepositoryPath(segments.join('/'));
  return path ? { host, path } : undefined;
}

function sameRepositoryPath(a: string, b: string): boolean {
  return a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');
}

/**
 * The source repository of an entity, from (in this order) its
 * `github.com/project-slug` or `gitlab.com/project-slug` annotation, its
 * `backstage.io/source-location`, or its `backstage.io/managed-by-location`.
 * A slug's host is `github.com` or `gitlab.com`, or the host of the entity's
 * location when that points into the same repository (GitHub Enterprise,
 * self-managed GitLab). Undefined when none of them names a repository.
 */
export function repositoryOfEntity(
  entity: Entity,
): EntityRepository | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const locations = [ANNOTATION_SOURCE_LOCATION, ANNOTATION_LOCATION].map(
    annotation => ({
      annotation,
      repository: repositoryOfLocation(annotations[annotation]),
    }),
  );
  for (const [annotation, defaultHost] of [
    [GITHUB_PROJECT_SLUG_ANNOTATION, 'github.com'],
    [GITLAB_PROJECT_SLUG_ANNOTATION, 'gitlab.com'],
  ]) {
    const slug = annotations[annotation];
    if (slug === undefined) continue;
    const path = normalizeRepositoryPath(slug);
    if (!path) continue;
    const located = locations.find(
      l => l.repository && sameRepositoryPath(l.repository.path, path),
    );
    return { host: located?.repository?.host ?? defaultHost, path, annotation };
  }
  for (const { annotation, repository } of locations) {
    if (repository) return { ...repository, annotation };
  }
  return undefined;
}

/** Whether two repositories are the same (paths compared without case, as GitHub and GitLab do). */
export function sameRepository(a: Repository, b: Repository): boolean {
  return (
    a.host.toLocaleLowerCase('en-US') === b.host.toLocaleLowerCase('en-US') &&
    sameRepositoryPath(a.path, b.path)
  );
}

/** `github.com/org/repo` */
export function describeRepository(repository: Repository): string {
  return `${repository.host}/${repository.path}`;
}
