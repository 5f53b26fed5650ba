import { execFile } from 'child_process';
import { promisify } from 'util';

/** Runs the Debian `promtool` in `cwd`; never throws, reports success and output. */
export async function promtool(
  args: string[],
  cwd: string,
): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout } = await promisify(execFile)('promtool', args, { cwd });
    return { ok: true, output: stdout };
  } catch (error: any) {
    return { ok: false, output: `${error.stdout}${error.stderr}` };
  }
}
