import { execFile, spawn, ChildProcess } from 'child_process';
import { createServer } from 'net';
import {
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
  createWriteStream,
} from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';

/** A counter series written into the test Prometheus: its increase per minute. */
export interface CounterSpec {
  metric: string;
  labels: Record<string, string>;
  /** Increase during the minute ending at minute `i` (1-based) of the data. */
  perMinute: (minute: number) => number;
}

export interface RealPrometheus {
  url: string;
  /** Time of the last sample, milliseconds since the epoch (a whole minute). */
  endMs: number;
  minutes: number;
  /**
   * Loads a rules file: its recording rules are evaluated over the
   * backfilled data with `promtool tsdb create-blocks-from rules` (from
   * `fromMs` to `endMs`, at each group's interval), and Prometheus restarts
   * on the same address with the rule blocks and the file in `rule_files`.
   */
  loadRules(rulesYaml: string, fromMs: number): Promise<void>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve((address as any).port));
    });
    server.on('error', reject);
  });
}

function labelText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)
    .join(',');
}

async function writeOpenMetrics(
  file: string,
  counters: CounterSpec[],
  startS: number,
  minutes: number,
) {
  const out = createWriteStream(file);
  const write = (text: string) =>
    new Promise<void>(resolve =>
      out.write(text) ? resolve() : out.once('drain', resolve),
    );
  const byMetric = new Map<string, CounterSpec[]>();
  for (const c of counters)
    byMetric.set(c.metric, [...(byMetric.get(c.metric) ?? []), c]);
  for (const [metric, specs] of byMetric) {
    const family = metric.replace(/_total$/, '');
    await write(`# TYPE ${family} counter\n`);
    for (const spec of specs) {
      let value = 0;
      const labels = labelText(spec.labels);
      let chunk = '';
      for (let i = 0; i <= minutes; i++) {
        if (i > 0) value += spec.perMinute(i);
        chunk += `${metric}{${labels}} ${Number.isNaN(value) ? 'NaN' : value} ${
          startS + i * 60
        }\n`;
        if (chunk.length > 1 << 16) {
          await write(chunk);
          chunk = '';
        }
      }
      await write(chunk);
    }
  }
  await write('# EOF\n');
  await new Promise<void>(resolve => out.end(resolve));
}

async function waitReady(url: string, child: ChildProcess) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null)
      throw new Error(`prometheus exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/-/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error('prometheus did not become ready');
}

/**
 * Backfills counters (one sample a minute, starting at 0) into a fresh TSDB
 * with promtool and starts the Debian `prometheus` on a free port.
 */
export async function startRealPrometheus(options: {
  counters: CounterSpec[];
  minutes: number;
  ruleFiles?: Record<string, string>;
}): Promise<RealPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'slo-prom-'));
  const endS = Math.floor(Date.now() / 60000) * 60 - 120;
  const startS = endS - options.minutes * 60;
  await writeOpenMetrics(
    join(dir, 'data.om'),
    options.counters,
    startS,
    options.minutes,
  );
  await promisify(execFile)('promtool', [
    'tsdb',
    'create-blocks-from',
    'openmetrics',
    '--max-block-duration=744h',
    '-q',
    join(dir, 'data.om'),
    join(dir, 'tsdb'),
  ]);
  const ruleFiles = Object.entries(options.ruleFiles ?? {}).map(
    ([name, text]) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    },
  );
  const writeConfig = () =>
    writeFileSync(
      join(dir, 'prometheus.yml'),
      `global:\n  evaluation_interval: 1m\nrule_files: ${JSON.stringify(
        ruleFiles,
      )}\n`,
    );
  writeConfig();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const launch = async () => {
    const server = spawn(
      'prometheus',
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'tsdb')}`,
        '--storage.tsdb.retention.time=100y',
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: 'ignore' },
    );
    await waitReady(url, server);
    return server;
  };
  const halt = async (server: ChildProcess) => {
    if (server.exitCode === null) {
      const exited = new Promise(resolve => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
  };
  let child = await launch();
  return {
    url,
    endMs: endS * 1000,
    minutes: options.minutes,
    async loadRules(rulesYaml: string, fromMs: number) {
      const file = join(dir, `rules-${ruleFiles.length + 1}.yaml`);
      writeFileSync(file, rulesYaml);
      const blocks = join(dir, `rule-blocks-${ruleFiles.length + 1}`);
      await promisify(execFile)('promtool', [
        'tsdb',
        'create-blocks-from',
        'rules',
        '-q',
        `--url=${url}`,
        `--start=${Math.floor(fromMs / 1000)}`,
        `--end=${endS}`,
        `--output-dir=${blocks}`,
        file,
      ]);
      await halt(child);
      for (const block of readdirSync(blocks)) {
        renameSync(join(blocks, block), join(dir, 'tsdb', block));
      }
      ruleFiles.push(file);
      writeConfig();
      child = await launch();
    },
    async stop() {
      await halt(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
