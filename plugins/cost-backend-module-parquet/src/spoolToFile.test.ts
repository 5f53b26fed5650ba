import { existsSync, statSync } from 'node:fs';
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
});
