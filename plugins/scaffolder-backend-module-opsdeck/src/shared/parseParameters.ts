import { InputError } from '@backstage/errors';
import type { z } from 'zod';
import { describeIssue } from '../pipeline/parameters';

/**
 * Parses `input` with `schema`, or throws one InputError naming every invalid
 * parameter and why (`Invalid <what> parameters: name must ...; port ...`).
 */
export function parseParameters<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new InputError(
      `Invalid ${what} parameters: ${result.error.issues
        .map(describeIssue)
        .join('; ')}`,
    );
  }
  return result.data;
}
