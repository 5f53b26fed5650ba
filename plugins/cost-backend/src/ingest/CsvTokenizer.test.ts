import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import {
  CsvSyntaxError,
  CsvTokenizer,
  MAX_RECORD_LENGTH,
} from './CsvTokenizer';

function tokenize(chunks: string[]): Array<[string[], number]> {
  const tokenizer = new CsvTokenizer();
  const out: Array<[string[], number]> = [];
  const collect = (record: string[], line: number) => {
    out.push([record, line]);
  };
  for (const chunk of chunks) {
    tokenizer.push(chunk, collect);
  }
  tokenizer.end(collect);
  return out;
}

/** Every way of cutting `text` in two, plus one chunk per character. */
function splits(text: string): string[][] {
  const result = [[text], text.split('')];
  for (let i = 1; i < text.length; i++) {
    result.push([text.slice(0, i), text.slice(i)]);
  }
  return result;
}

describe('CsvTokenizer', () => {
  it('reads quoted fields, doubled quotes, CRLF and line breaks inside quotes wherever the chunks are cut', () => {
    const text =
      '\uFEFFa,"b ""q"", c",d\r\n1,"two\nlines",3\n\n"",x"y,\n"last",,"end"';
    const expected: Array<[string[], number]> = [
      [['a', 'b "q", c', 'd'], 1],
      [['1', 'two\nlines', '3'], 2],
      [['', 'x"y', ''], 5],
      [['last', '', 'end'], 6],
    ];
    for (const chunks of splits(text)) {
      expect(tokenize(chunks)).toEqual(expected);
    }
  });

  it('agrees with csv-parse on generated files', () => {
    const cell = fc.oneof(
      fc.stringMatching(/^[a-z0-9 .:{}-]*$/),
      fc.string().map(s => `"${s.replace(/"/g, '""')}"`),
    );
    const row = fc.array(cell, { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 8 }),
        fc.constantFrom('\n', '\r\n'),
        fc.integer({ min: 1, max: 40 }),
        (rows, eol, size) => {
          const text = rows.map(r => r.join(',')).join(eol) + eol;
          const reference: string[][] = parse(text, {
            relax_column_count: true,
            skip_empty_lines: true,
          });
          const chunks: string[] = [];
          for (let i = 0; i < text.length; i += size) {
            chunks.push(text.slice(i, i + size));
          }
          expect(tokenize(chunks).map(([r]) => r)).toEqual(reference);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('stops when the callback returns false', () => {
    const tokenizer = new CsvTokenizer();
    const seen: string[][] = [];
    tokenizer.push('a\nb\nc\n', record => {
      seen.push(record);
      return false;
    });
    expect(seen).toEqual([['a']]);
  });

  // Bad input tried: a file cut off inside quotes, a quote followed by
  // text, a record longer than the limit (an unclosed quote in a big file).
  it('reports a file that ends inside a quoted field with its line', () => {
    expect(() => tokenize(['a,b\n1,"open\nstill open'])).toThrow(
      new CsvSyntaxError(
        3,
        'the file ends inside a quoted field (cut off mid-row?) that starts on line 2',
      ),
    );
  });

  it('reports text after a closing quote', () => {
    const error = (() => {
      try {
        tokenize(['a\n"x"y,1\n']);
        return undefined;
      } catch (e) {
        return e as CsvSyntaxError;
      }
    })();
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect(error?.line).toBe(2);
    expect(error?.message).toMatch(/followed by 'y'/);
  });

  it('bounds the memory held for an unfinished record', () => {
    const tokenizer = new CsvTokenizer();
    tokenizer.push('a\n"', () => {});
    const chunk = 'x'.repeat(65_536);
    expect(() => {
      for (let i = 0; i <= MAX_RECORD_LENGTH / chunk.length; i++) {
        tokenizer.push(chunk, () => {});
      }
    }).toThrow(/record starting on line 2 is longer than/);
  });
});
