const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
/** Longest record kept while waiting for its end: bounds memory on broken files. */
export const MAX_RECORD_LENGTH = 1_048_576;

/** A CSV syntax error at a 1-based line. */
export class CsvSyntaxError extends Error {
  constructor(readonly line: number, message: string) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/**
 * Splits comma-separated text (RFC 4180: quoted fields, doubled quotes,
 * line breaks inside quotes, LF or CRLF) into records, synchronously and
 * chunk by chunk, so a caller can validate a whole chunk in one tight loop.
 * A quote inside an unquoted field is kept as text; empty lines are
 * skipped; a leading byte order mark is dropped. Each record comes with the
 * line it starts on.
 */
export class CsvTokenizer {
  private pending = '';
  private line = 1;
  private started = false;

  /**
   * Emits every complete record of `text` (appended to what an earlier call
   * left unfinished). `onRecord` returns false to stop early.
   */
  push(
    text: string,
    onRecord: (record: string[], line: number) => boolean | void,
  ): void {
    this.consume(this.pending + text, false, onRecord);
    if (this.pending.length > MAX_RECORD_LENGTH) {
      throw new CsvSyntaxError(
        this.line,
        `the record starting on line ${this.line} is longer than ${MAX_RECORD_LENGTH} characters (an unclosed quote?)`,
      );
    }
  }

  /** Emits the last record; throws when the text ends inside quotes. */
  end(onRecord: (record: string[], line: number) => boolean | void): void {
    this.consume(this.pending, true, onRecord);
    this.pending = '';
  }

  private consume(
    input: string,
    atEnd: boolean,
    onRecord: (record: string[], line: number) => boolean | void,
  ): void {
    let text = input;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) {
        text = text.slice(1);
      }
    }
    const length = text.length;
    let pos = 0;
    for (;;) {
      const start = pos;
      const startLine = this.line;
      let lines = 0;
      const record: string[] = [];
      let complete = false;
      // one record
      for (;;) {
        if (pos >= length) {
          if (atEnd && (record.length > 0 || pos > start)) {
            record.push('');
            complete = true;
          }
          break;
        }
        let code = text.charCodeAt(pos);
        if (code === QUOTE) {
          // quoted field
          let value = '';
          let from = pos + 1;
          let closed = false;
          let i = from;
          while (i < length) {
            const c = text.charCodeAt(i);
            if (c === QUOTE) {
              if (i + 1 < length && text.charCodeAt(i + 1) === QUOTE) {
                value += text.slice(from, i + 1);
                i += 2;
                from = i;
                continue;
              }
              if (i + 1 >= length && !atEnd) {
                break; // a doubled quote may follow in the next chunk
              }
              closed = true;
              break;
            }
            if (c === LF) {
              lines += 1;
            }
            i += 1;
          }
          if (!closed) {
            if (atEnd) {
              throw new CsvSyntaxError(
                startLine + lines,
                `the file ends inside a quoted field (cut off mid-row?) that starts on line ${startLine}`,
              );
            }
            pos = length;
            break;
          }
          value += text.slice(from, i);
          pos = i + 1;
          record.push(value);
          if (pos < length) {
            code = text.charCodeAt(pos);
            if (code !== COMMA && code !== LF && code !== CR) {
              throw new CsvSyntaxError(
                startLine + lines,
                `a quoted field is followed by '${text[pos]}' instead of a comma or a line end`,
              );
            }
          }
        } else {
          // unquoted field
          let i = pos;
          while (i < length) {
            const c = text.charCodeAt(i);
            if (c === COMMA || c === LF || c === CR) {
              break;
            }
            i += 1;
          }
          if (i >= length && !atEnd) {
            pos = length;
            break;
          }
          record.push(text.slice(pos, i));
          pos = i;
        }
        // after a field: the end of the text, a comma or a line end
        if (pos >= length) {
          complete = atEnd;
          break;
        }
        if (text.charCodeAt(pos) === COMMA) {
          pos += 1;
          continue;
        }
        const end = this.lineEnd(text, pos, atEnd);
        if (end < 0) {
          pos = length;
          break;
        }
        pos = end;
        lines += 1;
        complete = true;
        break;
      }
      if (!complete) {
        this.pending = text.slice(start);
        return;
      }
      this.line += lines;
      const first = text.charCodeAt(start);
      const empty =
        record.length === 1 &&
        record[0] === '' &&
        (first === LF || first === CR || start >= length);
      if (!empty && onRecord(record, startLine) === false) {
        this.pending = '';
        return;
      }
      if (pos >= length) {
        this.pending = '';
        return;
      }
    }
  }

  /** Position after the line break at `at`, or -1 when CR ends the chunk. */
  private lineEnd(text: string, at: number, atEnd: boolean): number {
    if (text.charCodeAt(at) === LF) {
      return at + 1;
    }
    if (at + 1 < text.length) {
      return text.charCodeAt(at + 1) === LF ? at + 2 : at + 1;
    }
    return atEnd ? at + 1 : -1;
  }
}
