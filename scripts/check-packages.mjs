#!/usr/bin/env node
// Checks the publishable packages under plugins/ (every one without "private": true).
//
//   node scripts/check-packages.mjs metadata
//     package.json fields (description, license Apache-2.0, repository with directory, homepage,
//     bugs, publishConfig.access public), a README of its own, @backstage/* caret ranges that
//     accept the release pinned in the root "resolutions", and every package imported from the
//     built dist/**/*.{js,cjs,mjs,d.ts} declared in dependencies or peerDependencies.
//     Run it after the packages are built.
//
//   node scripts/check-packages.mjs tarball <package dir> <tarball.tgz>
//     What the packed tarball of one package holds: LICENSE, README.md, package.json, dist/, its
//     configSchema file, no workspace: ranges, main/module/types/exports present.
//
// Prints one line per problem, "<package>: <problem>", and exits 1 when there is any.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
  metadataProblems,
  readTar,
  tarballProblems,
  undeclaredImports,
} from './release/packageChecks.mjs';

const root = resolve(new URL('..', import.meta.url).pathname);

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function publicPackages() {
  const dir = join(root, 'plugins');
  return readdirSync(dir)
    .filter(name => existsSync(join(dir, name, 'package.json')))
    .sort()
    .map(name => ({
      dir: `plugins/${name}`,
      pkg: readJson(join(dir, name, 'package.json')),
    }))
    .filter(({ pkg }) => pkg.private !== true);
}

function builtFiles(dir) {
  const files = {};
  const walk = current => {
    for (const entry of readdirSync(current)) {
      const path = join(current, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(c|m)?js$|\.d\.(c|m)?ts$/.test(entry)) {
        files[relative(root, path)] = readFileSync(path, 'utf8');
      }
    }
  };
  walk(dir);
  return files;
}

function checkMetadata() {
  const { resolutions = {} } = readJson(join(root, 'package.json'));
  const problems = [];
  const packages = publicPackages();
  for (const { dir, pkg } of packages) {
    const readmePath = join(root, dir, 'README.md');
    const readme = existsSync(readmePath)
      ? readFileSync(readmePath, 'utf8')
      : null;
    for (const problem of metadataProblems({ pkg, dir, readme, resolutions })) {
      problems.push(`${pkg.name}: ${problem}`);
    }
    const dist = join(root, dir, 'dist');
    if (!existsSync(dist)) {
      problems.push(
        `${pkg.name}: no dist/ to check imports in (build it first)`,
      );
      continue;
    }
    for (const { name, files } of undeclaredImports(pkg, builtFiles(dist))) {
      const where = files.slice(0, 3).join(', ');
      const more = files.length > 3 ? ` and ${files.length - 3} more` : '';
      problems.push(
        `${pkg.name}: imports "${name}" (${where}${more}) but does not declare it in dependencies or peerDependencies`,
      );
    }
  }
  return { problems, checked: packages.length };
}

function checkTarball(dir, tarball) {
  const source = readJson(join(resolve(root, dir), 'package.json'));
  const entries = readTar(gunzipSync(readFileSync(tarball)));
  const packedEntry = entries.find(e => e.name === 'package/package.json');
  const packedText = packedEntry ? packedEntry.content.toString('utf8') : null;
  let packed = null;
  const problems = [];
  if (packedText) {
    try {
      packed = JSON.parse(packedText);
    } catch (error) {
      problems.push(`packed package.json is not valid JSON: ${error.message}`);
    }
  }
  problems.push(
    ...tarballProblems({
      entries: entries.filter(e => e.type === 'file').map(e => e.name),
      packed,
      packedText,
      source,
    }),
  );
  return problems.map(p => `${source.name}: ${p}`);
}

const [command, ...args] = process.argv.slice(2);
let problems;
if (command === 'metadata') {
  const result = checkMetadata();
  problems = result.problems;
  if (problems.length === 0) {
    console.log(`package metadata: ${result.checked} public packages OK`);
  }
} else if (command === 'tarball' && args.length === 2) {
  problems = checkTarball(args[0], args[1]);
} else {
  console.error(
    'usage: check-packages.mjs metadata | tarball <package dir> <tarball.tgz>',
  );
  process.exit(2);
}
for (const problem of problems) console.log(problem);
process.exit(problems.length > 0 ? 1 : 0);
