import {
  FocusCostRow,
  FocusProblem,
  FocusRowValidator,
} from '@opsdeck/plugin-cost-common';
import { CsvError, parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { openFocusStream } from './openFocusStream';

/**
 * One step of reading a file: a valid row, or the problems of one record.
 * `fatal` problems end the file (bad header, broken CSV or gzip).
 */
export type FocusReadResult =
  | { row: FocusCostRow; problems?: undefined }
  | { row?: undefined; problems: FocusProblem[]; fatal?: boolean };

function describeStreamError(error: unknown, line: number): FocusProblem {
  const e = error as {
    code?: string;
    message?: string;
    lines?: number;
  };
  if (error instanceof CsvError) {
    const at = typeof e.lines === 'number' ? e.lines : line;
    const cutOff = e.code?.endsWith('QUOTE_NOT_CLOSED')
      ? 'the file ends inside a quoted field (cut off mid-row?): '
      : '';
    return { line: at, message: `invalid CSV: ${cutOff}${e.message}` };
  }
  if (
    e.code?.startsWith('Z_') ||
    /gzip|header check|unexpected end/i.test(String(e.message))
  ) {
    return {
      line,
      message: `the gzip stream is corrupted after line ${line}: ${e.message}`,
    };
  }
  throw error;
}

/**
 * Reads a FOCUS CSV file (plain or gzip) as a stream and validates each
 * record as it arrives, so memory does not grow with the file size.
 */
export async function* readFocusCsv(
  input: Readable,
): AsyncGenerator<FocusReadResult> {
  const parser = parse({
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    info: true,
  });
  let line = 0;
  let validator: FocusRowValidator | undefined;
  try {
    const bytes = await openFocusStream(input);
    bytes.on('error', error => parser.destroy(error));
    bytes.pipe(parser);
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      line = info.lines;
      if (!validator) {
        const header = FocusRowValidator.forHeader(record);
        if (!header.validator) {
          yield { problems: header.problems, fatal: true };
          return;
        }
        validator = header.validator;
        continue;
      }
      const result = validator.validate(record, line);
      if (result.row) {
        yield { row: result.row };
      } else {
        yield { problems: result.problems };
      }
    }
  } catch (error) {
    yield { problems: [describeStreamError(error, line)], fatal: true };
    return;
  }
  if (!validator) {
    yield {
      problems: [{ line: 1, message: 'the file is empty: no FOCUS header' }],
      fatal: true,
    };
  }
}
