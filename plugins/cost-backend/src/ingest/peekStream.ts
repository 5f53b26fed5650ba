import { Readable } from 'node:stream';

/**
 * Reads the first chunk of a stream and returns it with a stream of all the
 * bytes (that chunk included), so a format can be chosen from the head.
 * Errors of the input reach the returned stream.
 */
export async function peekStream(
  input: Readable,
): Promise<{ head: Buffer; stream: Readable }> {
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
  return { head, stream: Readable.from(replay(), { objectMode: false }) };
}
