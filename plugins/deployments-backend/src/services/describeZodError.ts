import type { z } from 'zod';

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return 'body';
  return path
    .map((part, index) =>
      typeof part === 'number'
        ? `[${part}]`
        : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

/**
 * One line naming each invalid field and why (at most ten), for an
 * `InputError` message.
 */
export function describeZodError(error: z.ZodError): string {
  const shown = error.issues
    .slice(0, 10)
    .map(issue => `${formatPath(issue.path)}: ${issue.message}`);
  const more = error.issues.length - shown.length;
  return more > 0
    ? `${shown.join('; ')}; and ${more} more problems`
    : shown.join('; ');
}
