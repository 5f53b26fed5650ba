import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/**
 * Returns the bytes of a FOCUS file as a stream, gunzipped when the input
 * starts with the gzip magic number. Errors of the input reach the result.
 */
export async function openFocusStream(input: Readable): Promise<Readable> {
  const iterator = input[Symbol.asyncIterator]();
  const first = await iterator.next();
  const head: Buffer = first.done ? Buffer.alloc(0) : Buffer.from(first.value);
  async function* replay() {
    if (head.length > 0) {
      yield head;
    }
    for (;;) {
      const next = await iterator.next();
      if (next.done) {
        return;
      }
      yield next.value as Buffer;
    }
  }
  const bytes = Readable.from(replay(), { objectMode: false });
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
    const gunzip = createGunzip();
    bytes.on('error', error => gunzip.destroy(error));
    return bytes.pipe(gunzip);
  }
  return bytes;
}
