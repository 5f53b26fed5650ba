import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { peekStream } from './peekStream';

/**
 * Returns the bytes of a FOCUS file as a stream, gunzipped when the input
 * starts with the gzip magic number. Errors of the input reach the result.
 */
export async function openFocusStream(input: Readable): Promise<Readable> {
  const { head, stream } = await peekStream(input);
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
    const gunzip = createGunzip();
    stream.on('error', error => gunzip.destroy(error));
    return stream.pipe(gunzip);
  }
  return stream;
}
