import { lexer, type Token } from 'marked';
import { markdownLines, markdownText } from './markdownText';

/** Token types of a markdown document, depth first, without the text itself. */
function shape(markdown: string): string[] {
  const types: string[] = [];
  const walk = (tokens: Token[]) => {
    for (const token of tokens) {
      // Plain text, escaped characters and hard line breaks are inert.
      if (!['text', 'escape', 'br'].includes(token.type)) {
        types.push(token.type);
      }
      const children = (token as { tokens?: Token[] }).tokens;
      if (children) walk(children);
    }
  };
  walk(lexer(markdown));
  return types;
}

/** The text a reader sees: text and escaped characters, whitespace collapsed. */
function visibleText(markdown: string): string {
  const parts: string[] = [];
  const walk = (tokens: Token[]) => {
    for (const token of tokens) {
      const children = (token as { tokens?: Token[] }).tokens;
      if (children) walk(children);
      else if (token.type === 'text' || token.type === 'escape') {
        parts.push((token as { text: string }).text);
      } else if (token.type === 'br') parts.push(' ');
    }
  };
  walk(lexer(markdown));
  return parts.join('').replace(/\s+/g, ' ').trim();
}

const HOSTILE = [
  '# Heading',
  'Title\n===',
  'Title\n---',
  '---',
  '***',
  '___',
  '- item',
  '+ item',
  '* item',
  '1. item',
  '2) item',
  '> quote',
  '```\ncode\n```',
  '~~~\ncode',
  '    indented code',
  '`code`',
  '**bold** _em_ ~~del~~',
  '[link](https://evil.example)',
  '![image](https://evil.example/x.png)',
  '[ref]: https://evil.example',
  '<https://evil.example>',
  'https://evil.example and www.evil.example',
  'mail mallory@evil.example',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '&lt;b&gt; &amp; &#60;',
  'a | b\n--- | ---\nc | d',
  '| a | b |\n|---|---|',
  '$x^2$ and $$\\sum$$',
  'back\\slash\\',
  'line one\n\n# line two\n\n- three',
  '\n\n  leading blank lines',
  'bidi \u202Eexe.txt and zero\u200Bwidth',
  'ctrl \u0000 \u001b[31m',
];

describe('opsdeckMarkdownText', () => {
  it.each(HOSTILE)('leaves %j as plain text in a paragraph', value => {
    const markdown = `Before\n\n${markdownText(value)}\n\nAfter`;
    expect(shape(markdown)).toEqual(shape('Before\n\nplain\n\nAfter'));
  });

  it.each(HOSTILE)('leaves %j as plain text in a table cell', value => {
    const table = (cell: string) =>
      `| a | b |\n| - | - |\n| ${cell} | x |\n\nAfter`;
    expect(shape(table(markdownText(value)))).toEqual(shape(table('plain')));
  });

  it.each(HOSTILE)('leaves %j as plain text in a heading', value => {
    expect(shape(`# Postmortem: ${markdownText(value)}`)).toEqual(
      shape('# Postmortem: plain'),
    );
  });

  it('keeps what the reader sees', () => {
    const value = 'Latency *2.4 s* at p99 <50%> [EU] - see https://x.example';
    expect(visibleText(markdownText(value))).toBe(
      value.replace(/\s+/g, ' ').trim(),
    );
    expect(markdownText('Searches took 2.4 s at p99 for 40 minutes.')).toBe(
      'Searches took 2.4 s at p99 for 40 minutes.',
    );
    expect(markdownText('2026-03-01, 18% of the budget')).toBe(
      '2026-03-01, 18% of the budget',
    );
  });

  it('turns line breaks into spaces and removes deceptive characters', () => {
    expect(markdownText('one\r\ntwo\nthree')).toBe('one two three');
    expect(markdownText('a\u202Eb')).toBe('a\uFFFDb');
    expect(markdownText(undefined)).toBe('');
    expect(markdownText(42)).toBe('42');
  });
});

describe('opsdeckMarkdownLines', () => {
  it.each(HOSTILE)('leaves %j as plain text in one paragraph', value => {
    const markdown = `## Impact\n\n${markdownLines(value)}\n\n## Next`;
    expect(shape(markdown)).toEqual(shape('## Impact\n\nplain\n\n## Next'));
  });

  it('keeps the line breaks as hard breaks and what the reader sees', () => {
    const value = 'First line.\nSecond: 50% of *requests*\n\n# not a heading';
    const markdown = markdownLines(value);
    expect(markdown.split('\n')).toHaveLength(4);
    expect(visibleText(markdown)).toBe(value.replace(/\s+/g, ' '));
  });
});
