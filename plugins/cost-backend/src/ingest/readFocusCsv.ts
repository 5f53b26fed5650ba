import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { CsvSyntaxError, CsvTokenizer } from './CsvTokenizer';
import {
  FocusFileError,
  FocusFormatReader,
  FocusRecordBatch,
  PayloadTooLargeError,
} from '@opsdeck/plugin-cost-node';
import {
  DecompressionLimits,
  DEFAULT_DECOMPRESSION_LIMITS,
  openFocusStream,
} from './openFocusStream';

function describeStreamError(error: unknown, line: number): FocusFileError {
  if (error instanceof CsvSyntaxError) {
    return new FocusFileError(error.line, `invalid CSV: ${error.message}`);
  }
  if (error instanceof PayloadTooLargeError) {
    throw error;
  }
  const e = error as { code?: string; message?: string };
  if (
    e.code?.startsWith('Z_') ||
    /gzip|header check|unexpected end/i.test(String(e.message))
  ) {
    return new FocusFileError(
      line,
      `the gzip stream is corrupted after line ${line}: ${e.message}`,
    );
  }
  throw error;
}

/**
 * Reads a FOCUS CSV file (plain or gzip) as a stream of record batches, the
 * header first: one batch per chunk of input, so memory does not grow with
 * the file size and the caller validates each batch in a synchronous loop.
 * Broken CSV or gzip ends the file with a {@link FocusFileError}.
 */
export async function* readFocusCsv(
  input: Readable,
  limits: DecompressionLimits = DEFAULT_DECOMPRESSION_LIMITS,
): AsyncGenerator<FocusRecordBatch> {
  const tokenizer = new CsvTokenizer();
  const decoder = new StringDecoder('utf8');
  let records: string[][] = [];
  let lines: number[] = [];
  let lastLine = 0;
  const collect = (record: string[], line: number) => {
    records.push(record);
    lines.push(line);
  };
  const take = (): FocusRecordBatch => {
    const batch = { records, lines };
    if (lines.length > 0) {
      lastLine = lines[lines.length - 1];
    }
    records = [];
    lines = [];
    return batch;
  };
  try {
    const bytes = await openFocusStream(input, limits);
    for await (const chunk of bytes) {
      tokenizer.push(decoder.write(chunk as Buffer), collect);
      if (records.length > 0) {
        yield take();
      }
    }
    tokenizer.push(decoder.end(), collect);
    tokenizer.end(collect);
  } catch (error) {
    if (records.length > 0) {
      yield take();
    }
    throw describeStreamError(error, lastLine);
  }
  if (records.length > 0) {
    yield take();
  }
}

/**
 * The built-in reader: FOCUS CSV, plain or gzip, gzip within `limits`. It
 * accepts any file, so it is asked last.
 */
export function createCsvFocusReader(
  limits: DecompressionLimits = DEFAULT_DECOMPRESSION_LIMITS,
): FocusFormatReader {
  return {
    id: 'csv',
    accepts: () => true,
    read: input => readFocusCsv(input, limits),
  };
}

/** {@link createCsvFocusReader} with the default limits. */
export const csvFocusReader: FocusFormatReader = createCsvFocusReader();
