import { FocusFileError, FocusRecordBatch } from '@opsdeck/plugin-cost-node';
import { parquetMetadata } from 'hyparquet';
import { Readable } from 'node:stream';
import { gzipSync, zstdCompressSync } from 'node:zlib';
import {
  csvTable,
  FOCUS_SMALL_CSV,
  focusParquetColumns,
  focusParquetSchema,
  writeFocusParquet,
} from './__testUtils__/focusParquetFixtures';
import { ByteWriter, parquetWrite } from 'hyparquet-writer';

type Compressor = (input: Uint8Array) => Uint8Array;
import { parquetFocusReader } from './parquetFocusReader';

async function readAll(file: Buffer): Promise<FocusRecordBatch[]> {
  const batches: FocusRecordBatch[] = [];
  for await (const batch of parquetFocusReader.read(Readable.from([file]))) {
    batches.push(batch);
  }
  return batches;
}

describe('parquetFocusReader', () => {
  const table = csvTable(FOCUS_SMALL_CSV);

  it('recognises Parquet by its leading PAR1 magic bytes', () => {
    const file = writeFocusParquet(table);
    expect(parquetFocusReader.accepts(file.subarray(0, 64))).toBe(true);
    expect(parquetFocusReader.accepts(Buffer.from('PARX0000'))).toBe(false);
    expect(parquetFocusReader.accepts(Buffer.from('PAR'))).toBe(false);
    expect(parquetFocusReader.accepts(FOCUS_SMALL_CSV)).toBe(false);
    expect(parquetFocusReader.accepts(gzipSync(file))).toBe(false);
  });

  it('yields the header, then one batch per row group with the CSV text of each cell', async () => {
    const batches = await readAll(
      writeFocusParquet(table, { rowGroupSize: 3 }),
    );
    expect(batches.map(b => b.records.length)).toEqual([1, 3, 3, 3, 1]);
    expect(batches[0]).toEqual({ records: [table.header], lines: [1] });
    const rows = batches.slice(1).flatMap(b => b.records);
    const lines = batches.slice(1).flatMap(b => b.lines);
    // typed Parquet cells come back as the very text of the CSV export
    expect(rows).toEqual(table.rows);
    expect(lines).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('yields only the header for a file without rows', async () => {
    const batches = await readAll(
      writeFocusParquet({ header: table.header, rows: [] }),
    );
    expect(batches).toEqual([{ records: [table.header], lines: [1] }]);
  });

  // Bad input tried: the column chunks of the second row group overwritten
  // with garbage.
  it('reports an unreadable row group at its first line', async () => {
    const file = Buffer.from(writeFocusParquet(table, { rowGroupSize: 5 }));
    const { row_groups } = parquetMetadata(file);
    const second = row_groups[1].columns.map(c => c.meta_data!);
    const start = Number(second[0].data_page_offset);
    const end = start + Number(second[0].total_compressed_size);
    file.fill(0xff, start, end);
    const error = await readAll(file).then(
      () => undefined,
      e => e,
    );
    expect(error).toBeInstanceOf(FocusFileError);
    expect(error.line).toBe(7);
    expect(error.message).toMatch(/^Parquet row group 2 cannot be read: /);
  });
});

describe('parquetFocusReader compression', () => {
  const table = csvTable(FOCUS_SMALL_CSV);
  const compressed = (codec: 'GZIP' | 'ZSTD' | 'LZO', compress: Compressor) => {
    const writer = new ByteWriter();
    parquetWrite({
      writer,
      schema: focusParquetSchema(table.header),
      columnData: focusParquetColumns(table),
      codec,
      compressors: { [codec]: compress },
    });
    return Buffer.from(writer.getBuffer());
  };

  it.each<['GZIP' | 'ZSTD', Compressor]>([
    ['GZIP', bytes => gzipSync(bytes)],
    ['ZSTD', bytes => zstdCompressSync(bytes)],
  ])('reads %s pages', async (codec, compress) => {
    const batches = await readAll(compressed(codec, compress));
    expect(batches.slice(1).flatMap(b => b.records)).toEqual(table.rows);
  });

  // Bad input tried: pages compressed with LZO, which no reader supports.
  it('names the row group of a codec it cannot read', async () => {
    const error = await readAll(compressed('LZO', bytes => bytes)).then(
      () => undefined,
      e => e,
    );
    expect(error).toBeInstanceOf(FocusFileError);
    expect(error.line).toBe(2);
    expect(error.message).toBe(
      'Parquet row group 1 cannot be read: parquet unsupported compression codec: LZO',
    );
  });
});
