import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import type { KubernetesObject } from '../labels';

const execFileAsync = promisify(execFile);

/** A Kubernetes object with a name saying where it came from. */
export type NamedObject = { name: string; object: KubernetesObject };

/** Problems per named object; an empty list means valid. */
export type ObjectReport = Record<string, string[]>;

const PACKAGE_DIR = path.resolve(__dirname, '../../..');

function runNode(script: string, stdin: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], {
      cwd: PACKAGE_DIR,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', chunk => {
      stdout += chunk;
    });
    child.stderr.on('data', chunk => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', code =>
      code === 0
        ? resolve(stdout)
        : reject(new Error(`${script} exited ${code}: ${stderr}`)),
    );
    child.stdin.end(stdin);
  });
}

/** kubernetes-models 5 and @kubernetes-models/argo-rollouts 2 `.validate()`, in one child process (ESM-only packages). */
export async function validateWithKubernetesModels(
  items: NamedObject[],
): Promise<ObjectReport> {
  const output = await runNode(
    path.join(__dirname, 'validateKubernetesModels.mjs'),
    JSON.stringify(items),
  );
  const results: { name: string; errors: string[] }[] = JSON.parse(output);
  return Object.fromEntries(results.map(r => [r.name, r.errors]));
}

/** The TypeScript type each kind is checked against. */
const TYPES: Record<string, { from: string; type: string }> = {
  'v1/Namespace': { from: 'kubernetes-types/core/v1', type: 'Namespace' },
  'v1/ResourceQuota': {
    from: 'kubernetes-types/core/v1',
    type: 'ResourceQuota',
  },
  'v1/LimitRange': { from: 'kubernetes-types/core/v1', type: 'LimitRange' },
  'v1/ServiceAccount': {
    from: 'kubernetes-types/core/v1',
    type: 'ServiceAccount',
  },
  'v1/Service': { from: 'kubernetes-types/core/v1', type: 'Service' },
  'apps/v1/Deployment': {
    from: 'kubernetes-types/apps/v1',
    type: 'Deployment',
  },
  'autoscaling/v2/HorizontalPodAutoscaler': {
    from: 'kubernetes-types/autoscaling/v2',
    type: 'HorizontalPodAutoscaler',
  },
  'policy/v1/PodDisruptionBudget': {
    from: 'kubernetes-types/policy/v1',
    type: 'PodDisruptionBudget',
  },
  'networking.k8s.io/v1/NetworkPolicy': {
    from: 'kubernetes-types/networking/v1',
    type: 'NetworkPolicy',
  },
  'argoproj.io/v1alpha1/Rollout': {
    from: '@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1/Rollout',
    type: 'IRollout',
  },
  'argoproj.io/v1alpha1/AnalysisTemplate': {
    from: '@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1/AnalysisTemplate',
    type: 'IAnalysisTemplate',
  },
};

/**
 * Strict unknown-field and type check: every object is written as an object
 * literal typed with `kubernetes-types` (core kinds) or the
 * `@kubernetes-models/argo-rollouts` interfaces (Rollout, AnalysisTemplate)
 * and compiled with tsc, whose excess-property check rejects any field the
 * API does not define.
 */
export async function checkUnknownFieldsWithTsc(
  items: NamedObject[],
): Promise<ObjectReport> {
  const report: ObjectReport = Object.fromEntries(items.map(i => [i.name, []]));
  const imports = new Map<string, Set<string>>();
  const lines: string[] = [];
  const ranges: { name: string; start: number; end: number }[] = [];
  items.forEach((item, index) => {
    const key = `${item.object.apiVersion}/${item.object.kind}`;
    const type = TYPES[key];
    if (!type) {
      report[item.name].push(`no TypeScript type for ${key}`);
      return;
    }
    const alias = `${type.type}_${Object.keys(TYPES).indexOf(key)}`;
    if (!imports.has(type.from)) imports.set(type.from, new Set());
    imports.get(type.from)!.add(`${type.type} as ${alias}`);
    const body = JSON.stringify(item.object, null, 1).split('\n');
    const start = lines.length;
    lines.push(
      `export const object${index}: ${alias} = ${body[0]}`,
      ...body.slice(1),
    );
    ranges.push({ name: item.name, start, end: lines.length });
  });
  const header = [...imports].map(
    ([from, names]) =>
      `import type { ${[...names].join(', ')} } from '${from}';`,
  );
  const offset = header.length;
  // Inside node_modules (git-ignored), so that the type packages resolve.
  const cache = path.join(
    path.dirname(
      path.dirname(require.resolve('kubernetes-types/package.json')),
    ),
    '.cache',
  );
  fs.mkdirSync(cache, { recursive: true });
  const dir = fs.mkdtempSync(path.join(cache, 'opsdeck-typecheck-'));
  try {
    fs.writeFileSync(
      path.join(dir, 'objects.ts'),
      [...header, ...lines].join('\n'),
    );
    const tsc = require.resolve('typescript/bin/tsc');
    try {
      await execFileAsync(
        process.execPath,
        [
          tsc,
          '--noEmit',
          '--strict',
          '--skipLibCheck',
          '--target',
          'es2022',
          '--module',
          'nodenext',
          '--moduleResolution',
          'nodenext',
          'objects.ts',
        ],
        { cwd: dir, timeout: 280_000, maxBuffer: 64 * 1024 * 1024 },
      );
    } catch (error) {
      const stdout = (error as { stdout?: string }).stdout ?? '';
      const errorLines = stdout.split('\n').filter(l => /error TS/.test(l));
      if (errorLines.length === 0) throw error;
      for (const line of errorLines) {
        const m = /^objects\.ts\((\d+),\d+\)/.exec(line);
        const at = m ? Number(m[1]) - 1 - offset : -1;
        const range = ranges.find(r => at >= r.start && at < r.end);
        const name = range?.name ?? items[0]?.name ?? 'objects.ts';
        report[name] = [...(report[name] ?? []), line.trim()];
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return report;
}

/** Writes a generated tree to a new temporary directory. */
export function writeTree(
  files: ReadonlyArray<{ path: string; content: string }>,
): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-kustomize-'));
  for (const file of files) {
    const target = path.join(dir, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.content);
  }
  return dir;
}

/** `kubectl kustomize <dir>` (kustomize v5 built into kubectl), parsed into objects. */
export async function kustomizeBuild(dir: string): Promise<KubernetesObject[]> {
  const { stdout } = await execFileAsync('kubectl', ['kustomize', dir], {
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return parseAllDocuments(stdout).map(d => {
    if (d.errors.length > 0) throw d.errors[0];
    return d.toJSON() as KubernetesObject;
  });
}
