import { existsSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import { spoolToFile } from './spoolToFile';

describe('spoolToFile', () => {
  it('writes a stream to a private file, reads byte ranges and deletes it', async () => {
    const chunks = [
      Buffer.from('PAR1'),
      Buffer.from('-body-'),
      Buffer.from('PAR1'),
    ];
    const spooled = await spoolToFile(Readable.from(chunks));
    expect(spooled.buffer.byteLength).toBe(14);
    expect(statSync(spooled.path).mode & 0o777).toBe(0o600);
    const text = async (start: number, end?: number) =>
      Buffer.from(await spooled.buffer.slice(start, end)).toString();
    expect(await text(0, 4)).toBe('PAR1');
    expect(await text(4, 10)).toBe('-body-');
    expect(await text(10)).toBe('PAR1');
    expect(await text(12, 40)).toBe('R1');
    await spooled.remove();
    expect(existsSync(spooled.path)).toBe(false);
  });

  // Bad input tried: a stream that fails half way.
  it('passes on an error of the input and leaves no file behind', async () => {
    async function* failing() {
      yield Buffer.from('PAR1');
      throw new Error('connection reset');
    }
    await expect(spoolToFile(Readable.from(failing()))).rejects.toThrow(
      'connection reset',
    );
  });

  // Bad input tried: a body one byte over the limit, and a stream that
  // keeps coming (a PAR1 head followed by 50 MB).
  it('stops writing at the limit, says which key sets it, and leaves no file behind', async () => {
    const spoolDirs = () =>
      readdirSync(tmpdir()).filter(name => name.startsWith('opsdeck-parquet-'))
        .length;
    const before = spoolDirs();
    await expect(
      spoolToFile(Readable.from([Buffer.alloc(1024), Buffer.alloc(1)]), 1024),
    ).rejects.toMatchObject({
      statusCode: 413,
      message:
        'The Parquet file is larger than 1 KiB, the limit set by cost.limits.maxSpooledBytes; nothing was imported',
    });
    let produced = 0;
    async function* endless() {
      yield Buffer.from('PAR1');
      for (let i = 0; i < 50; i++) {
        produced += 1024 * 1024;
        yield Buffer.alloc(1024 * 1024);
      }
    }
    await expect(
      spoolToFile(Readable.from(endless()), 2 * 1024 * 1024),
    ).rejects.toMatchObject({ statusCode: 413 });
    expect(produced).toBeLessThan(10 * 1024 * 1024);
    expect(spoolDirs()).toBe(before);
    const exact = await spoolToFile(Readable.from([Buffer.alloc(1024)]), 1024);
    expect(exact.buffer.byteLength).toBe(1024);
    await exact.remove();
  });
});
