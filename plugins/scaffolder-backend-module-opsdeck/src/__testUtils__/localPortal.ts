import type { DeploymentEvent } from '@opsdeck/plugin-deployments-common';
import { execFile } from 'node:child_process';
import http from 'node:http';
import { AddressInfo } from 'node:net';

/** One request the local portal received. */
export type Received = { url: string; auth?: string; body: unknown };

/** A local portal that records requests and answers like the Opsdeck backends. */
export async function startPortal(
  answer: (req: Received) => { status: number; body: unknown },
) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', chunk => {
      data += chunk;
    });
    req.on('end', () => {
      const request = {
        url: req.url ?? '',
        auth: req.headers.authorization,
        body: JSON.parse(data || 'null'),
      };
      received.push(request);
      const reply = answer(request);
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

/** Runs `script` with `sh -c` in a clean environment (PATH plus `env`). */
export function runSh(
  script: string,
  env: Record<string, string>,
  cwd?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    execFile(
      'sh',
      ['-c', script],
      { env: { PATH: process.env.PATH, ...env }, cwd, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({
          code: error ? ((error as any).code as number) ?? 1 : 0,
          stdout,
          stderr,
        }),
    );
  });
}

/** `status` or `status@step:weight` for each event, in the order they were sent. */
export function summarizeEvents(events: DeploymentEvent[]): string[] {
  return events.map(e =>
    e.step === undefined
      ? e.status
      : `${e.status}@${e.step}:${e.trafficWeight}`,
  );
}
