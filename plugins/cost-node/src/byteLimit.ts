import { CustomErrorBase } from '@backstage/errors';
import { Transform, TransformCallback } from 'node:stream';

/**
 * A billing file, or a stage of reading one, is larger than a configured
 * limit. Answered with HTTP 413; the message names the limit and its config
 * key.
 *
 * @public
 */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  readonly statusCode = 413;

  /** `message` says what is too large; the config key and outcome follow. */
  constructor(message: string, readonly configKey: string) {
    super(`${message}, the limit set by ${configKey}; nothing was imported`);
  }
}

/** Bytes in binary units, as limits are usually set: `512 MiB`. @public */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1 && value % 1024 === 0) {
    value /= 1024;
    unit++;
  }
  return `${value} ${units[unit]}`;
}

/**
 * A pass-through stream that fails with {@link PayloadTooLargeError} as soon
 * as more than `limitBytes` have gone through it, before passing on the
 * chunk that crosses the limit. `bytes` is the count so far.
 *
 * @public
 */
export class ByteLimitStream extends Transform {
  bytes = 0;

  constructor(
    private readonly limitBytes: number,
    private readonly what: string,
    private readonly configKey: string,
  ) {
    super();
  }

  _transform(chunk: Buffer, _encoding: string, done: TransformCallback) {
    this.bytes += chunk.length;
    if (this.bytes > this.limitBytes) {
      done(
        new PayloadTooLargeError(
          `${this.what} is larger than ${formatBytes(this.limitBytes)}`,
          this.configKey,
        ),
      );
      return;
    }
    done(null, chunk);
  }
}
