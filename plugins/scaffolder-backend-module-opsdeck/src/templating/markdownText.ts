import type { CreatedTemplateFilter } from '@backstage/plugin-scaffolder-node/alpha';

/**
 * Characters that make text read differently from what it holds (bidi
 * embeddings, overrides and isolates, zero-width space, word joiner, byte
 * order mark) and control characters other than tab and line breaks.
 */
const UNSAFE_CHARACTERS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069\u200B\u2060\uFEFF]/g;

/** Markup characters escaped wherever they appear. */
const ALWAYS_ESCAPED = /[\\`*_[\]<>#|~&!$@]/g;

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : String(value);
}

/** Escapes one line of text so that CommonMark and GitHub markdown read it as plain text. */
function escapeLine(line: string): string {
  return (
    line
      .replace(UNSAFE_CHARACTERS, '\uFFFD')
      .trim()
      .replace(ALWAYS_ESCAPED, '\\$&')
      // Autolinks of GitHub markdown: scheme URLs and www. hosts.
      .replace(/:\/\//g, '\\://')
      .replace(/\b(www)\./gi, '$1\\.')
      // Thematic breaks, setext underlines, list markers and tables: runs of
      // `-`, `=`, `+` and a marker at the start of the line.
      .replace(/[-=+](?=[-=+])|(?<=[-=+])[-=+]/g, '\\$&')
      .replace(/^[-=+]/, '\\$&')
      // Ordered list markers: digits followed by `.` or `)`.
      .replace(/^(\d+)([.)])/, '$1\\$2')
  );
}

/**
 * The `opsdeckMarkdownText` template filter: a value as inert markdown text on
 * one line (headings, emphasis, links, autolinks, images, HTML, code, tables
 * and lists cannot start inside it; line breaks become spaces). For table
 * cells, headings and list items.
 */
export function markdownText(value: unknown): string {
  return escapeLine(text(value).replace(/\s*(?:\r\n|\r|\n)\s*/g, ' '));
}

/**
 * The `opsdeckMarkdownLines` template filter: like `opsdeckMarkdownText`, but
 * the value's line breaks stay, as hard line breaks within one paragraph (a
 * value cannot open a new block). For multi-line fields rendered on a line
 * of their own.
 */
export function markdownLines(value: unknown): string {
  return text(value)
    .trim()
    .split(/\r\n|\r|\n/)
    .map(escapeLine)
    .join('\\\n');
}

/**
 * The template filters the module adds to the scaffolder, with the
 * descriptions and examples the template editor shows: escaping for the file
 * types template content renders into (YAML values use the built-in `dump`
 * filter, which writes a JSON-quoted scalar).
 */
export const opsdeckTemplateFilterList: CreatedTemplateFilter<any, any>[] = [
  {
    id: 'opsdeckMarkdownText',
    description:
      'A value as inert markdown text on one line: what could start a heading, emphasis, link, autolink, image, HTML, code, table or list is escaped, line breaks become spaces, bidi controls and zero-width spaces become U+FFFD. For table cells, headings and list items.',
    examples: [
      {
        description: 'A form value in a heading',
        example: '# Postmortem: ${{ values.title | opsdeckMarkdownText }}',
      },
    ],
    filter: markdownText,
  },
  {
    id: 'opsdeckMarkdownLines',
    description:
      'A value as inert markdown text like opsdeckMarkdownText, but line breaks stay, as hard line breaks within one paragraph: the value cannot open a block of its own. For multi-line fields on a line of their own.',
    examples: [
      {
        description: 'A textarea field as a paragraph',
        example: '${{ values.impact | opsdeckMarkdownLines }}',
      },
    ],
    filter: markdownLines,
  },
];

/**
 * The Opsdeck template filters by name, for `createFetchTemplateAction`'s
 * `additionalTemplateFilters` (the scaffolder module registers them itself).
 *
 * @public
 */
export const opsdeckTemplateFilters: Record<
  string,
  (value: unknown) => string
> = Object.fromEntries(opsdeckTemplateFilterList.map(f => [f.id, f.filter]));
