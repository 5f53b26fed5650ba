import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  ByteLimitStream,
  formatBytes,
  PayloadTooLargeError,
} from './byteLimit';

async function drain(chunks: Buffer[], limit: number) {
  const passed: Buffer[] = [];
  const limiter = new ByteLimitStream(
    limit,
    'The upload',
    'cost.uploads.maxBytes',
  );
  await pipeline(
    Readable.from(chunks),
    limiter,
    async function* collect(source) {
      for await (const chunk of source) {
        passed.push(chunk as Buffer);
      }
    },
  );
  return Buffer.concat(passed);
}

describe('ByteLimitStream', () => {
  it('passes a stream of exactly the limit through unchanged', async () => {
    const bytes = await drain(
      [Buffer.alloc(600, 1), Buffer.alloc(424, 2)],
      1024,
    );
    expect(bytes.length).toBe(1024);
    expect(bytes[0]).toBe(1);
    expect(bytes[1023]).toBe(2);
  });

  it('fails one byte over the limit, before passing the crossing chunk on', async () => {
    const passed: Buffer[] = [];
    const limiter = new ByteLimitStream(
      1024,
      'The upload',
      'cost.uploads.maxBytes',
    );
    limiter.on('data', chunk => passed.push(chunk));
    const failure = new Promise<Error>(resolve => limiter.on('error', resolve));
    limiter.write(Buffer.alloc(1000));
    limiter.write(Buffer.alloc(25));
    const error = await failure;
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect(error).toMatchObject({
      statusCode: 413,
      message:
        'The upload is larger than 1 KiB, the limit set by cost.uploads.maxBytes; nothing was imported',
    });
    expect(Buffer.concat(passed).length).toBe(1000);
  });

  it('says limits in binary units, exact values in bytes', () => {
    expect(formatBytes(512 * 1024 * 1024)).toBe('512 MiB');
    expect(formatBytes(16 * 1024 ** 3)).toBe('16 GiB');
    expect(formatBytes(1500)).toBe('1500 bytes');
    expect(formatBytes(0)).toBe('0 bytes');
  });
});
