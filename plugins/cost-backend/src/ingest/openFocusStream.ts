import { formatBytes, PayloadTooLargeError } from '@opsdeck/plugin-cost-node';
import { Readable, Transform, TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { peekStream } from './peekStream';

/** Bounds on what a compressed file may expand to. */
export interface DecompressionLimits {
  /** Bytes a file may have once decompressed. */
  maxDecompressedBytes: number;
  /**
   * How many times its compressed size a file may expand to (plus 1 MiB, so
   * that small files are never refused). Real billing exports compress 5 to
   * 30 times; a gzip bomb, about 1000 times.
   */
  maxCompressionRatio: number;
}

/** Defaults of `cost.limits`: 64 GiB, and 100 times. */
export const DEFAULT_DECOMPRESSION_LIMITS: DecompressionLimits = {
  maxDecompressedBytes: 64 * 1024 ** 3,
  maxCompressionRatio: 100,
};

const RATIO_SLACK_BYTES = 1024 * 1024;

/** Counts the bytes that pass, without changing them. */
class ByteCounter extends Transform {
  bytes = 0;
  _transform(chunk: Buffer, _encoding: string, done: TransformCallback) {
    this.bytes += chunk.length;
    done(null, chunk);
  }
}

/** Fails the decompressed stream as soon as it crosses either limit. */
class ExpansionGuard extends Transform {
  private bytes = 0;

  constructor(
    private readonly compressed: ByteCounter,
    private readonly limits: DecompressionLimits,
  ) {
    super();
  }

  _transform(chunk: Buffer, _encoding: string, done: TransformCallback) {
    this.bytes += chunk.length;
    const { maxDecompressedBytes, maxCompressionRatio } = this.limits;
    if (this.bytes > maxDecompressedBytes) {
      done(
        new PayloadTooLargeError(
          `The decompressed file is larger than ${formatBytes(
            maxDecompressedBytes,
          )}`,
          'cost.limits.maxDecompressedBytes',
        ),
      );
      return;
    }
    if (
      this.bytes >
      maxCompressionRatio * this.compressed.bytes + RATIO_SLACK_BYTES
    ) {
      done(
        new PayloadTooLargeError(
          `The gzip file expands to more than ${maxCompressionRatio} times its compressed size (${this.bytes} bytes from the first ${this.compressed.bytes})`,
          'cost.limits.maxCompressionRatio',
        ),
      );
      return;
    }
    done(null, chunk);
  }
}

/**
 * Returns the bytes of a FOCUS file as a stream, gunzipped when the input
 * starts with the gzip magic number, within `limits`. Errors of the input
 * reach the result.
 */
export async function openFocusStream(
  input: Readable,
  limits: DecompressionLimits = DEFAULT_DECOMPRESSION_LIMITS,
): Promise<Readable> {
  const { head, stream } = await peekStream(input);
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
    const compressed = new ByteCounter();
    const gunzip = createGunzip();
    const guard = new ExpansionGuard(compressed, limits);
    const fail = (error: Error) => guard.destroy(error);
    stream.on('error', fail);
    compressed.on('error', fail);
    gunzip.on('error', fail);
    stream.pipe(compressed).pipe(gunzip).pipe(guard);
    // a guard that stops early stops the reading of the input too
    guard.on('close', () => {
      if (!stream.destroyed) {
        stream.destroy();
      }
    });
    return guard;
  }
  return stream;
}
