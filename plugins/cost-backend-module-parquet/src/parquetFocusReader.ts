import {
  FocusFileError,
  FocusFormatReader,
  FocusRecordBatch,
} from '@opsdeck/plugin-cost-node';
import {
  FileMetaData,
  parquetMetadataAsync,
  parquetRead,
  parquetSchema,
} from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { Readable } from 'node:stream';
import { focusCellText } from './focusCellText';
import { findFocusTypeMismatch } from './focusColumnTypes';
import { DEFAULT_MAX_SPOOLED_BYTES, spoolToFile } from './spoolToFile';

const MAGIC = Buffer.from('PAR1', 'latin1');
/** Leading magic, footer length and trailing magic. */
const SMALLEST_FILE = MAGIC.length * 2 + 4;
/** The header is line 1; row 0 of the file is reported as line 2. */
const FIRST_ROW_LINE = 2;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function readFooter(
  buffer: Parameters<typeof parquetMetadataAsync>[0],
): Promise<FileMetaData> {
  if (buffer.byteLength < SMALLEST_FILE) {
    throw new FocusFileError(
      1,
      `the Parquet file is truncated: ${buffer.byteLength} bytes, too short for a footer`,
    );
  }
  const tail = Buffer.from(
    await buffer.slice(buffer.byteLength - MAGIC.length, buffer.byteLength),
  );
  if (!tail.equals(MAGIC)) {
    throw new FocusFileError(
      1,
      'the Parquet file is truncated or corrupted: it does not end with the PAR1 magic bytes',
    );
  }
  try {
    return await parquetMetadataAsync(buffer);
  } catch (error) {
    throw new FocusFileError(
      1,
      `the Parquet footer cannot be read: ${message(error)}`,
    );
  }
}

/**
 * Reads a FOCUS export in Parquet as record batches: the column names
 * first, then one batch per row group, so memory holds one row group at a
 * time. The upload is spooled to a temporary file first, because Parquet
 * keeps its schema in a footer at the end; the file is deleted when the
 * reading ends, however it ends.
 */
export async function* readFocusParquet(
  input: Readable,
  maxSpooledBytes: number = DEFAULT_MAX_SPOOLED_BYTES,
): AsyncGenerator<FocusRecordBatch> {
  const spooled = await spoolToFile(input, maxSpooledBytes);
  try {
    const metadata = await readFooter(spooled.buffer);
    const columns = parquetSchema(metadata).children;
    const names = columns.map(c => c.element.name);
    const mismatch = findFocusTypeMismatch(columns);
    if (mismatch) {
      throw new FocusFileError(1, mismatch);
    }
    yield { records: [names], lines: [1] };

    let rowStart = 0;
    for (const [index, group] of metadata.row_groups.entries()) {
      const rowEnd = rowStart + Number(group.num_rows);
      let rows: unknown[][] = [];
      try {
        await parquetRead({
          file: spooled.buffer,
          metadata,
          compressors,
          columns: names,
          rowStart,
          rowEnd,
          rowFormat: 'array',
          onComplete: result => {
            rows = result;
          },
        });
      } catch (error) {
        throw new FocusFileError(
          rowStart + FIRST_ROW_LINE,
          `Parquet row group ${index + 1} cannot be read: ${message(error)}`,
        );
      }
      // cells become text in place: one copy of the row group at a time
      for (const row of rows) {
        for (let c = 0; c < row.length; c++) {
          row[c] = focusCellText(row[c]);
        }
      }
      const firstLine = rowStart + FIRST_ROW_LINE;
      const batch: FocusRecordBatch = {
        records: rows as string[][],
        lines: rows.map((_row, i) => firstLine + i),
      };
      rows = [];
      rowStart = rowEnd;
      if (batch.records.length > 0) {
        yield batch;
      }
    }
  } finally {
    await spooled.remove();
  }
}

/**
 * FOCUS exports in Apache Parquet, recognised by the `PAR1` magic bytes
 * that every Parquet file starts with; a file is spooled to disk up to
 * `maxSpooledBytes` (`cost.limits.maxSpooledBytes`, default 8 GiB).
 *
 * @public
 */
export function createParquetFocusReader(
  options: { maxSpooledBytes?: number } = {},
): FocusFormatReader {
  const maxSpooledBytes = options.maxSpooledBytes ?? DEFAULT_MAX_SPOOLED_BYTES;
  return {
    id: 'parquet',
    accepts: head =>
      head.length >= MAGIC.length &&
      head.subarray(0, MAGIC.length).equals(MAGIC),
    read: input => readFocusParquet(input, maxSpooledBytes),
  };
}

/**
 * {@link createParquetFocusReader} with the default spool limit.
 *
 * @public
 */
export const parquetFocusReader: FocusFormatReader = createParquetFocusReader();
