import { InputError } from '@backstage/errors';
import { MAX_OPENSLO_FILE_LENGTH } from '@opsdeck/plugin-slo-common';
import { z } from 'zod';
import { REPO_PATH, safeText } from '../pipeline/safeText';
import { OpenSloInput } from './readOpenSloInput';

const sloRulesParametersSchema = z
  .object({
    openSloPath: safeText(REPO_PATH).optional(),
    openSlo: z
      .string()
      .min(1, 'must not be empty')
      .max(MAX_OPENSLO_FILE_LENGTH)
      .optional(),
    outputDir: safeText(REPO_PATH).optional(),
    targetPath: safeText(REPO_PATH).optional(),
    dashboardTitle: z
      .string()
      .min(1)
      .max(200)
      .refine(
        title =>
          ![...title].some(
            c => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127,
          ),
        'must not contain control characters',
      )
      .optional(),
  })
  .strict()
  .refine(
    value =>
      (value.openSloPath === undefined) !== (value.openSlo === undefined),
    {
      message:
        'give exactly one of openSloPath (a file in the workspace) and openSlo (inline OpenSLO YAML)',
    },
  );

/** Validated input of `opsdeck:slo:rules`. */
export type SloRulesParameters = {
  source: OpenSloInput;
  outputDir: string;
  targetPath?: string;
  dashboardTitle?: string;
};

/**
 * Validates the input of `opsdeck:slo:rules`.
 *
 * @throws InputError naming every invalid field and why.
 */
export function parseSloRulesParameters(input: unknown): SloRulesParameters {
  const result = sloRulesParametersSchema.safeParse(input);
  if (!result.success) {
    throw new InputError(
      `Invalid opsdeck:slo:rules input: ${result.error.issues
        .map(issue =>
          issue.path.length > 0
            ? `${issue.path.join('.')} ${issue.message}`
            : issue.message,
        )
        .join('; ')}`,
    );
  }
  const value = result.data;
  return {
    source:
      value.openSloPath !== undefined
        ? { openSloPath: value.openSloPath }
        : { openSlo: value.openSlo! },
    outputDir: value.outputDir ?? 'slo',
    targetPath: value.targetPath,
    dashboardTitle: value.dashboardTitle,
  };
}
