import fc from 'fast-check';

/**
 * Fragments that break out of Dockerfiles, HCL and YAML or smuggle commands:
 * newlines and carriage returns, NUL and ESC, quotes and backslashes, `${`,
 * `$(`, `%{` (HCL templates), backticks, `#` comments, `{ } [ ]`, `: ` and
 * `- ` (YAML structure), `*` and `+` (Vault globs), `../` and absolute paths,
 * `;`, `&&`, `|`, JSON exec-form syntax, Unicode look-alikes (Cyrillic a,
 * fullwidth $, zero-width space, right-to-left override), plus plain pieces
 * so that valid values are generated too.
 */
export const HOSTILE_FRAGMENTS = [
  '\n',
  '\r',
  '\u0000',
  '\u001b',
  '"',
  "'",
  '\\',
  '${',
  '$(',
  '%{',
  '`',
  '#',
  '{',
  '}',
  '[',
  ']',
  '", "',
  ': ',
  '- ',
  '*',
  '+',
  '../',
  '/',
  ';',
  '&&',
  '|',
  ' ',
  '\u0430',
  '\uff04',
  '\u200b',
  '\u202e',
  'a',
  'z',
  'A',
  '0',
  '7',
  '-',
  '.',
  '_',
  '=',
  ':',
  'checkout',
  'prod',
  'sha256:',
  'a'.repeat(64),
];

/** Hostile and plausible text: fragment mixes, random strings, extremes. */
export const hostileText = fc.oneof(
  fc
    .array(fc.constantFrom(...HOSTILE_FRAGMENTS), { maxLength: 10 })
    .map(parts => parts.join('')),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 15 }),
  fc.constantFrom('', 'x'.repeat(5_000), 'a'.repeat(64), 'A\u0301'),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,12}[a-z0-9]$/),
  fc.stringMatching(/^[a-z0-9]{1,8}(\/[a-z0-9]{1,8}){0,2}$/),
);

/** What an accepted value may contain: plain ASCII without quoting or expression syntax. */
export const PLAIN_VALUE = /^[A-Za-z0-9._/:=,-]*$/;
