import type { BuildTool, Language } from './parameters';

/** Where a build tool keeps downloaded dependencies, and what invalidates them. */
export type DependencyCache = {
  /** Cache directories in the runner's home (GitHub Actions, Jenkins agents). */
  homePaths: string[];
  /** Cache directories inside the project (GitLab CI only caches those). */
  projectPaths: string[];
  /** Environment that points the tool at `projectPaths`. */
  projectEnv: Record<string, string>;
  /** Files whose content keys the cache (at most two, GitLab's limit). */
  keyFiles: string[];
};

/** @public */
export function dependencyCache(tool: BuildTool): DependencyCache {
  switch (tool) {
    case 'npm':
      return {
        homePaths: ['~/.npm'],
        projectPaths: ['.npm/'],
        projectEnv: { npm_config_cache: '$CI_PROJECT_DIR/.npm' },
        keyFiles: ['package-lock.json'],
      };
    case 'pnpm':
      return {
        homePaths: ['~/.local/share/pnpm/store'],
        projectPaths: ['.pnpm-store/'],
        projectEnv: { npm_config_store_dir: '$CI_PROJECT_DIR/.pnpm-store' },
        keyFiles: ['pnpm-lock.yaml'],
      };
    case 'yarn':
      return {
        homePaths: ['~/.yarn/berry/cache', '~/.cache/yarn'],
        projectPaths: ['.yarn-cache/'],
        projectEnv: {
          YARN_CACHE_FOLDER: '$CI_PROJECT_DIR/.yarn-cache',
          YARN_GLOBAL_FOLDER: '$CI_PROJECT_DIR/.yarn-cache',
        },
        keyFiles: ['yarn.lock'],
      };
    case 'pip':
      return {
        homePaths: ['~/.cache/pip'],
        projectPaths: ['.cache/pip/'],
        projectEnv: { PIP_CACHE_DIR: '$CI_PROJECT_DIR/.cache/pip' },
        keyFiles: ['requirements.txt', 'requirements-dev.txt'],
      };
    case 'poetry':
      return {
        homePaths: ['~/.cache/pypoetry', '~/.cache/pip'],
        projectPaths: ['.cache/pypoetry/', '.cache/pip/'],
        projectEnv: {
          POETRY_CACHE_DIR: '$CI_PROJECT_DIR/.cache/pypoetry',
          PIP_CACHE_DIR: '$CI_PROJECT_DIR/.cache/pip',
        },
        keyFiles: ['poetry.lock'],
      };
    case 'go':
      return {
        homePaths: ['~/go/pkg/mod', '~/.cache/go-build'],
        projectPaths: ['.go/pkg/mod/', '.go/cache/'],
        projectEnv: {
          GOMODCACHE: '$CI_PROJECT_DIR/.go/pkg/mod',
          GOCACHE: '$CI_PROJECT_DIR/.go/cache',
        },
        keyFiles: ['go.sum'],
      };
    case 'maven':
      return {
        homePaths: ['~/.m2/repository'],
        projectPaths: ['.m2/repository/'],
        projectEnv: {
          MAVEN_OPTS: '-Dmaven.repo.local=$CI_PROJECT_DIR/.m2/repository',
        },
        keyFiles: ['pom.xml'],
      };
    case 'gradle':
      return {
        homePaths: ['~/.gradle/caches', '~/.gradle/wrapper'],
        projectPaths: ['.gradle-home/caches/', '.gradle-home/wrapper/'],
        projectEnv: { GRADLE_USER_HOME: '$CI_PROJECT_DIR/.gradle-home' },
        keyFiles: [
          'gradle/wrapper/gradle-wrapper.properties',
          'build.gradle.kts',
        ],
      };
    default:
      throw new Error(`unknown build tool ${tool satisfies never}`);
  }
}

/** CodeQL language and build mode for a language. */
export function codeqlLanguage(language: Language): {
  language: string;
  buildMode: 'none' | 'autobuild';
} {
  switch (language) {
    case 'node':
      return { language: 'javascript-typescript', buildMode: 'none' };
    case 'python':
      return { language: 'python', buildMode: 'none' };
    case 'go':
      return { language: 'go', buildMode: 'autobuild' };
    case 'java':
      return { language: 'java-kotlin', buildMode: 'none' };
    default:
      throw new Error(`unknown language ${language satisfies never}`);
  }
}

/** The pinned Poetry release installed by Poetry pipelines. */
export const POETRY_VERSION = '1.8.5';
