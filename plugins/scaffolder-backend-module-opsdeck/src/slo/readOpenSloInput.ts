import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  MAX_OPENSLO_FILE_LENGTH,
  OpenSloError,
  SloDefinition,
  parseOpenSlo,
} from '@opsdeck/plugin-slo-common';
import fs from 'node:fs/promises';
import path from 'node:path';
import { REPO_PATH, explainUnsafeText } from '../pipeline/safeText';

/** Where the OpenSLO text comes from: a file in the workspace, or inline. */
export type OpenSloInput =
  | { openSloPath: string; openSlo?: undefined }
  | { openSlo: string; openSloPath?: undefined };

async function readWorkspaceFile(
  workspacePath: string,
  repositoryPath: string,
  relativePath: string,
): Promise<string> {
  const problem = explainUnsafeText(relativePath, REPO_PATH);
  if (problem) {
    throw new InputError(`openSloPath ${problem}`);
  }
  let absolute: string;
  try {
    absolute = resolveSafeChildPath(
      workspacePath,
      path.join(repositoryPath, relativePath),
    );
  } catch {
    throw new InputError(
      `openSloPath ${relativePath} leaves the workspace (through a symbolic link)`,
    );
  }
  let stat;
  try {
    stat = await fs.stat(absolute);
  } catch {
    throw new InputError(
      `openSloPath ${relativePath} does not exist in the workspace (fetch the repository first, e.g. with fetch:plain)`,
    );
  }
  if (!stat.isFile()) {
    throw new InputError(`openSloPath ${relativePath} is not a file`);
  }
  if (stat.size > MAX_OPENSLO_FILE_LENGTH) {
    throw new InputError(
      `openSloPath ${relativePath} is ${stat.size} bytes; the limit is ${MAX_OPENSLO_FILE_LENGTH}`,
    );
  }
  return fs.readFile(absolute, 'utf8');
}

/**
 * Reads and parses the OpenSLO text an action was given. Every problem (a
 * path leaving the workspace, a missing file, malformed YAML, a semantically
 * wrong SLO) becomes an InputError naming the file, the field and the problem.
 */
export async function readOpenSloInput(
  workspacePath: string,
  repositoryPath: string,
  input: OpenSloInput,
): Promise<{ slos: SloDefinition[]; file: string }> {
  const file =
    input.openSloPath !== undefined
      ? path.posix.normalize(input.openSloPath)
      : 'openSlo (inline)';
  const text =
    input.openSloPath !== undefined
      ? await readWorkspaceFile(
          workspacePath,
          repositoryPath,
          input.openSloPath,
        )
      : input.openSlo;
  try {
    return { slos: parseOpenSlo(text, file), file };
  } catch (error) {
    if (error instanceof OpenSloError) {
      throw new InputError(error.message);
    }
    throw error;
  }
}
