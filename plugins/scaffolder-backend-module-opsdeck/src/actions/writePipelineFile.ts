import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { explainUnsafeText, REPO_PATH } from '../pipeline/safeText';

/**
 * Writes `content` to `relativePath` under the workspace, refusing paths that
 * leave it (including through symlinks), and replacing the file atomically so
 * a failure never leaves a half-written pipeline behind.
 *
 * @returns the absolute path written.
 */
export async function writePipelineFile(
  workspacePath: string,
  targetPath: string | undefined,
  relativePath: string,
  content: string,
): Promise<string> {
  const base = targetPath ?? '.';
  if (base !== '.') {
    const problem = explainUnsafeText(base, REPO_PATH);
    if (problem) {
      throw new InputError(`targetPath ${problem}`);
    }
  }
  const absolute = resolveSafeChildPath(
    workspacePath,
    path.join(base, relativePath),
  );
  await fs.mkdir(path.dirname(absolute), { recursive: true });
  resolveSafeChildPath(workspacePath, path.relative(workspacePath, absolute));
  const temporary = `${absolute}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await fs.writeFile(temporary, content, { encoding: 'utf8', flag: 'wx' });
    await fs.rename(temporary, absolute);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
  return absolute;
}

/** Writes a generated pipeline, logs what was written and sets the `path` output. */
export async function writeAndReport(
  ctx: {
    workspacePath: string;
    isDryRun?: boolean;
    logger: { info(message: string): void };
    output(name: 'path', value: string): void;
  },
  targetPath: string | undefined,
  relativePath: string,
  content: string,
  parts: { label: string; names: string[] },
): Promise<void> {
  await writePipelineFile(ctx.workspacePath, targetPath, relativePath, content);
  ctx.logger.info(
    `Wrote ${relativePath} (${Buffer.byteLength(content)} bytes) with ${
      parts.label
    }: ${parts.names.join(', ')}${ctx.isDryRun ? ' [dry run]' : ''}`,
  );
  ctx.output('path', relativePath);
}
