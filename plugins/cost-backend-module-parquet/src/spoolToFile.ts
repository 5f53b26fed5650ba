import { FileHandle, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import type { AsyncBuffer } from 'hyparquet';
import { ByteLimitStream } from '@opsdeck/plugin-cost-node';

/**
 * A stream written to a private temporary file, readable at any offset.
 * Parquet keeps its schema in a footer at the end of the file, so a file
 * arriving as a stream is spooled to disk and read back in slices: memory
 * holds one slice, never the file.
 */
export interface SpooledFile {
  /** Where the file is, in a private temporary directory. */
  path: string;
  /** The file as hyparquet reads it: its length and byte ranges. */
  buffer: AsyncBuffer;
  /** Closes and deletes the file. */
  remove(): Promise<void>;
}

/** Default of `cost.limits.maxSpooledBytes`: 8 GiB. */
export const DEFAULT_MAX_SPOOLED_BYTES = 8 * 1024 ** 3;

/**
 * Writes `input` to a private temporary file, at most `maxBytes` of it: a
 * longer stream fails with `PayloadTooLargeError` and leaves no file behind,
 * as does an input that fails (a client gone away, say).
 */
export async function spoolToFile(
  input: Readable,
  maxBytes: number = DEFAULT_MAX_SPOOLED_BYTES,
): Promise<SpooledFile> {
  const dir = await mkdtemp(join(tmpdir(), 'opsdeck-parquet-'));
  const path = join(dir, 'export.parquet');
  let handle: FileHandle | undefined;
  try {
    await pipeline(
      input,
      new ByteLimitStream(
        maxBytes,
        'The Parquet file',
        'cost.limits.maxSpooledBytes',
      ),
      createWriteStream(path, { mode: 0o600 }),
    );
    handle = await open(path, 'r');
    const { size } = await handle.stat();
    const file = handle;
    const buffer: AsyncBuffer = {
      byteLength: size,
      async slice(start: number, end?: number): Promise<ArrayBuffer> {
        const stop = Math.min(end ?? size, size);
        const length = Math.max(stop - start, 0);
        const bytes = new Uint8Array(length);
        let done = 0;
        while (done < length) {
          const { bytesRead } = await file.read(
            bytes,
            done,
            length - done,
            start + done,
          );
          if (bytesRead === 0) {
            break;
          }
          done += bytesRead;
        }
        return bytes.buffer;
      },
    };
    return {
      path,
      buffer,
      remove: async () => {
        await file.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await handle?.close();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
