import { z } from 'zod';

/** Rules a piece of user text must follow before it may appear in a generated pipeline. */
export type SafeTextRules = {
  /** Human description of the accepted form, used in the final error message. */
  description: string;
  /** The accepted form. Must only match ASCII. */
  pattern: RegExp;
  maxLength: number;
  /** The value is a path inside the repository. */
  path?: boolean;
};

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\u0000-\u007f]/;

/**
 * Explains why `value` is not acceptable, from the most dangerous problem to
 * the least, or returns undefined when it is acceptable.
 */
export function explainUnsafeText(
  value: string,
  rules: SafeTextRules,
): string | undefined {
  if (value.length === 0) {
    return 'must not be empty';
  }
  if (value.length > rules.maxLength) {
    return `is too long (${value.length} characters, at most ${rules.maxLength})`;
  }
  if (/[\r\n]/.test(value)) {
    return 'must not contain newlines';
  }
  if (CONTROL.test(value)) {
    return 'must not contain control characters';
  }
  const nonAscii = NON_ASCII.exec(value);
  if (nonAscii) {
    const code = nonAscii[0].codePointAt(0)!.toString(16).toUpperCase();
    return `must contain only ASCII characters (found U+${code.padStart(
      4,
      '0',
    )}, which may be a look-alike of an ASCII character)`;
  }
  if (value.includes('${{') || value.includes('$[[')) {
    return "must not contain '${{' or '$[[' (CI expression injection)";
  }
  if (value.includes('$(') || value.includes('`') || value.includes('${')) {
    return "must not contain '$(', '${' or backticks (shell substitution)";
  }
  if (/["']/.test(value)) {
    return 'must not contain quotes';
  }
  if (/\s/.test(value)) {
    return 'must not contain spaces';
  }
  if (rules.path) {
    if (value.startsWith('/') || /^[A-Za-z]:/.test(value)) {
      return 'must be a relative path inside the repository, not an absolute path';
    }
    if (value.split('/').some(segment => segment === '..')) {
      return "must not contain '..' (it would leave the repository)";
    }
  }
  if (!rules.pattern.test(value)) {
    return `must be ${rules.description}`;
  }
  return undefined;
}

/** A zod string that accepts only text following `rules`, with a precise message otherwise. */
export function safeText(rules: SafeTextRules) {
  return z.string().superRefine((value, ctx) => {
    const problem = explainUnsafeText(value, rules);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
    }
  });
}

/** Lowercase DNS label: service and environment names. */
export const DNS_LABEL: SafeTextRules = {
  description:
    'a lowercase DNS label (a-z, 0-9 and -, starting with a letter, not ending with -)',
  pattern: /^[a-z]([a-z0-9-]*[a-z0-9])?$/,
  maxLength: 63,
};

/** A relative file path inside the repository. */
export const REPO_PATH: SafeTextRules = {
  description:
    'a relative path made of letters, digits, ., _, - and / (no empty segments)',
  pattern: /^(?!\/)(?!.*\/\/)(?!.*\/$)[A-Za-z0-9._/-]+$/,
  maxLength: 200,
  path: true,
};
