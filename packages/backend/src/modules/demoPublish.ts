import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, cp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import {
  coreServices,
  createBackendModule,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ConflictError, InputError } from '@backstage/errors';
import {
  createTemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';

const run = promisify(execFile);

/** Where the demo's repositories go: `opsdeck.demo.repositories`. */
export function demoRepositoriesDir(config: Config): string {
  return resolvePath(
    config.getOptionalString('opsdeck.demo.repositories') ??
      join(tmpdir(), 'opsdeck-demo-repositories'),
  );
}

/** `github.com?owner=o&repo=r` as the scaffolder's RepoUrlPicker writes it. */
function parseRepoUrl(repoUrl: string) {
  let url: URL;
  try {
    url = new URL(`https://${repoUrl}`);
  } catch {
    throw new InputError(`Invalid repoUrl: ${repoUrl}`);
  }
  const owner =
    url.searchParams.get('owner') ?? url.searchParams.get('organization');
  const repo = url.searchParams.get('repo');
  const name = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
  if (!owner || !repo || !name.test(owner) || !name.test(repo)) {
    throw new InputError(
      `repoUrl ${repoUrl} needs an owner and a repo (letters, digits, ., _ and -)`,
    );
  }
  return { host: url.host, owner, repo };
}

/**
 * Commits the files below `source` to `branch` of the bare repository
 * `bare` (created when missing), on top of the repository's default branch
 * when it has one. Answers the commit hash.
 */
async function commitToBareRepository(options: {
  source: string;
  bare: string;
  branch: string;
  defaultBranch: string;
  message: string;
}): Promise<string> {
  const { source, bare, branch, defaultBranch, message } = options;
  const git = (cwd: string, ...args: string[]) =>
    run('git', args, {
      cwd,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
    });
  if (!(await stat(bare).catch(() => undefined))) {
    await mkdir(bare, { recursive: true });
    await git(
      bare,
      'init',
      '--quiet',
      '--bare',
      `--initial-branch=${defaultBranch}`,
    );
  }
  const work = await mkdtemp(join(tmpdir(), 'opsdeck-demo-publish-'));
  try {
    await git(work, 'clone', '--quiet', bare, '.');
    await git(work, 'checkout', '--quiet', '-B', branch);
    await cp(source, work, {
      recursive: true,
      filter: path => !path.split(/[\\/]/).includes('.git'),
    });
    await git(work, 'add', '--all');
    await git(
      work,
      '-c',
      'user.name=Opsdeck demo',
      '-c',
      'user.email=demo@opsdeck.invalid',
      'commit',
      '--quiet',
      '--allow-empty',
      '-m',
      message,
    );
    await git(work, 'push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`);
    const { stdout } = await git(work, 'rev-parse', 'HEAD');
    return stdout.trim();
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * A stand-in for `publish:github` or `publish:gitlab` in the demo, which has
 * no credentials: commits the workspace to a new bare git repository
 * `<root>/<host>/<owner>/<repo>.git` and answers its `file:` URL as
 * `remoteUrl`. It answers no `repoContentsUrl`, so templates skip registering
 * the result in the catalog.
 */
export function createDemoPublishAction(options: {
  id: 'publish:github' | 'publish:gitlab';
  root: string;
}) {
  return createTemplateAction({
    id: options.id,
    description: `Demo stand-in for ${options.id}: commits the workspace to a new local bare git repository (${options.root}) instead of publishing it`,
    schema: {
      input: {
        repoUrl: z => z.string().describe('host?owner=...&repo=...'),
        description: z => z.string().optional(),
        sourcePath: z => z.string().optional(),
        token: z => z.string().optional(),
        defaultBranch: z => z.string().optional(),
        repoVisibility: z => z.string().optional(),
        gitCommitMessage: z => z.string().optional(),
      },
      output: {
        remoteUrl: z => z.string(),
        commitHash: z => z.string(),
      },
    },
    async handler(ctx) {
      const { host, owner, repo } = parseRepoUrl(ctx.input.repoUrl);
      const bare = resolveSafeChildPath(
        options.root,
        join(host, owner, `${repo}.git`),
      );
      if (await stat(bare).catch(() => undefined)) {
        throw new ConflictError(`The demo repository ${bare} already exists`);
      }
      const branch = ctx.input.defaultBranch ?? 'main';
      const commitHash = await commitToBareRepository({
        source: ctx.input.sourcePath
          ? resolveSafeChildPath(ctx.workspacePath, ctx.input.sourcePath)
          : ctx.workspacePath,
        bare,
        branch,
        defaultBranch: branch,
        message: ctx.input.gitCommitMessage ?? 'initial commit',
      });
      const remoteUrl = pathToFileURL(bare).toString();
      ctx.logger.info(
        `Demo: committed the workspace to ${remoteUrl} instead of publishing it to ${host}/${owner}/${repo}`,
      );
      ctx.output('remoteUrl', remoteUrl);
      ctx.output('commitHash', commitHash);
    },
  });
}

/**
 * A stand-in for `publish:github:pull-request` or
 * `publish:gitlab:merge-request` in the demo: commits the workspace to branch
 * `branchName` of the local bare repository (created when missing) and
 * answers its `file:` URL as `remoteUrl` and `mergeRequestUrl`.
 */
export function createDemoChangeRequestAction(options: {
  id: 'publish:github:pull-request' | 'publish:gitlab:merge-request';
  root: string;
}) {
  return createTemplateAction({
    id: options.id,
    description: `Demo stand-in for ${options.id}: commits the workspace to a branch of a local bare git repository (${options.root}) instead of opening a pull or merge request`,
    schema: {
      input: {
        repoUrl: z => z.string().describe('host?owner=...&repo=...'),
        description: z => z.string().optional(),
        sourcePath: z => z.string().optional(),
        token: z => z.string().optional(),
        branchName: z => z.string(),
        title: z => z.string(),
        targetBranchName: z => z.string().optional(),
        commitMessage: z => z.string().optional(),
      },
      output: {
        remoteUrl: z => z.string(),
        mergeRequestUrl: z => z.string(),
        commitHash: z => z.string(),
      },
    },
    async handler(ctx) {
      const { host, owner, repo } = parseRepoUrl(ctx.input.repoUrl);
      const bare = resolveSafeChildPath(
        options.root,
        join(host, owner, `${repo}.git`),
      );
      const commitHash = await commitToBareRepository({
        source: ctx.input.sourcePath
          ? resolveSafeChildPath(ctx.workspacePath, ctx.input.sourcePath)
          : ctx.workspacePath,
        bare,
        branch: ctx.input.branchName,
        defaultBranch: ctx.input.targetBranchName ?? 'main',
        message: ctx.input.commitMessage ?? ctx.input.title,
      });
      const url = `${pathToFileURL(bare).toString()}#${ctx.input.branchName}`;
      ctx.logger.info(
        `Demo: committed the workspace to branch ${ctx.input.branchName} of ${url} instead of opening a change request on ${host}/${owner}/${repo}`,
      );
      ctx.output('remoteUrl', url);
      ctx.output('mergeRequestUrl', url);
      ctx.output('commitHash', commitHash);
    },
  });
}

/**
 * The demo's publishing: `publish:github`, `publish:gitlab` and their pull
 * and merge request actions commit to local bare repositories, so templates
 * run to completion without credentials.
 * Added instead of the GitHub and GitLab scaffolder modules when
 * `opsdeck.demo.enabled` is true.
 */
export const demoPublishModule = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'opsdeck-demo-publish',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, config }) {
        const root = demoRepositoriesDir(config);
        scaffolder.addActions(
          createDemoPublishAction({ id: 'publish:github', root }),
          createDemoPublishAction({ id: 'publish:gitlab', root }),
          createDemoChangeRequestAction({
            id: 'publish:github:pull-request',
            root,
          }),
          createDemoChangeRequestAction({
            id: 'publish:gitlab:merge-request',
            root,
          }),
        );
      },
    });
  },
});
