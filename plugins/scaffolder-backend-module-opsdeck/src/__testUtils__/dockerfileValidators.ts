import { DockerfileParser, Instruction, Run } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { shellcheckScripts } from './validators';

/** dockerfile-utils diagnostics (errors and warnings), as `line: message`. */
export function validateWithDockerfileUtils(content: string): string[] {
  return validate(content).map(d => `${d.range.start.line + 1}: ${d.message}`);
}

/** The shell command of every RUN instruction (the parser leaves its flags, such as --mount, out). */
export function runCommands(content: string): string[] {
  const dockerfile = DockerfileParser.parse(content);
  return dockerfile
    .getInstructions()
    .filter(i => i.getKeyword() === 'RUN')
    .map(i => i.getArgumentsContent() ?? '');
}

/** shellcheck (POSIX sh, as /bin/sh in Debian images) on every RUN command. */
export async function shellcheckRunCommands(
  content: string,
): Promise<string[]> {
  const report = await shellcheckScripts(runCommands(content));
  return Object.entries(report).flatMap(([script, problems]) =>
    problems.map(p => `${script}: ${p}`),
  );
}

/**
 * Opsdeck's own rules for a generated Dockerfile: several stages; every base
 * image with an explicit tag other than latest (and a well-formed digest if
 * any); dependency manifests copied and installed before the sources; BuildKit
 * cache mounts; a final stage that runs nothing, as a numeric non-root user.
 */
export function checkDockerfileRules(content: string): string[] {
  const problems: string[] = [];
  const dockerfile = DockerfileParser.parse(content);
  const froms = dockerfile.getFROMs();
  if (froms.length < 2) problems.push('not a multi-stage build');
  const stageNames = new Set(
    froms.map(f => f.getBuildStage()).filter((s): s is string => !!s),
  );
  for (const from of froms) {
    const image = from.getImageName() ?? '';
    if (stageNames.has(image)) continue;
    const tag = from.getImageTag();
    if (!tag || tag === 'latest') {
      problems.push(`FROM ${from.getImage()} has no explicit tag`);
    }
    const digest = from.getImageDigest();
    if (digest !== null && !/^sha256:[0-9a-f]{64}$/.test(digest)) {
      problems.push(`FROM ${from.getImage()} has a malformed digest`);
    }
  }
  const instructions = dockerfile.getInstructions();
  const keywords = instructions.map((i: Instruction) => ({
    keyword: i.getKeyword(),
    args: i.getArgumentsContent() ?? '',
    flags: i instanceof Run ? i.getFlags().map(f => f.toString()) : [],
  }));
  const firstSourceCopy = keywords.findIndex(
    k => k.keyword === 'COPY' && /^(\.|src) /.test(k.args),
  );
  const firstCachedRun = keywords.findIndex(
    k =>
      k.keyword === 'RUN' &&
      k.flags.some(f => f.startsWith('--mount=type=cache,')),
  );
  if (firstCachedRun < 0) problems.push('no BuildKit cache mount');
  if (firstSourceCopy >= 0 && firstCachedRun > firstSourceCopy) {
    problems.push('dependencies are installed after the sources are copied');
  }
  const lastFrom = keywords.map(k => k.keyword).lastIndexOf('FROM');
  const finalStage = keywords.slice(lastFrom);
  if (finalStage.some(k => k.keyword === 'RUN')) {
    problems.push('the final stage runs commands');
  }
  const users = finalStage.filter(k => k.keyword === 'USER');
  const user = users[users.length - 1]?.args;
  if (!user || !/^[0-9]+(:[0-9]+)?$/.test(user)) {
    problems.push(`final stage user '${user}' is not numeric`);
  } else if (user.split(':').some(id => Number(id) === 0)) {
    problems.push('final stage runs as root');
  }
  if (
    !finalStage.some(k => k.keyword === 'ENTRYPOINT' && k.args.startsWith('['))
  ) {
    problems.push('final stage has no exec-form ENTRYPOINT');
  }
  return problems;
}

/** Every check on a generated Dockerfile, keyed by validator. */
export async function validateDockerfile(
  content: string,
): Promise<Record<string, string[]>> {
  return {
    dockerfileUtils: validateWithDockerfileUtils(content),
    shellcheck: await shellcheckRunCommands(content),
    rules: checkDockerfileRules(content),
  };
}

export const NO_DOCKERFILE_PROBLEMS = {
  dockerfileUtils: [],
  shellcheck: [],
  rules: [],
};
