// Pure checks behind scripts/check-packages.mjs: what a publishable @opsdeck package must
// declare, which packages its built files import, and what its packed tarball must hold.
// No file system or process access here, so node --test can exercise every rule directly.
import { builtinModules } from 'node:module';

const BUILTINS = new Set(
  builtinModules.map(name => name.replace(/^node:/, '')),
);

const DEPENDENCY_FIELDS = [
  'dependencies',
  'peerDependencies',
  'optionalDependencies',
  'devDependencies',
];

// Phrases of the README that `backstage-cli new` writes: a package still carrying one has no
// README of its own.
const README_STUB_PATTERNS = [
  /Welcome to the [\w@/ -]+ plugin!/i,
  /_This plugin was created through the Backstage CLI_/i,
];

/**
 * Parses `1.2.3` or `1.2.3-next.1` into numbers; null for anything else.
 */
export function parseVersion(version) {
  const match = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$/.exec(version);
  if (!match) return null;
  return {
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3]),
    prerelease: match[4] ?? null,
  };
}

function compareVersions(a, b) {
  for (const key of ['major', 'minor', 'patch']) {
    if (a[key] !== b[key]) return a[key] < b[key] ? -1 : 1;
  }
  if (a.prerelease === b.prerelease) return 0;
  if (a.prerelease === null) return 1;
  if (b.prerelease === null) return -1;
  return a.prerelease < b.prerelease ? -1 : 1;
}

/**
 * Whether `version` satisfies the caret range `range` (`^1.2.3`), as npm reads it: the
 * left-most non-zero part is fixed. A prerelease version only satisfies a range on the same
 * major.minor.patch. Returns false when either is not of that simple form.
 */
export function caretSatisfies(range, version) {
  if (typeof range !== 'string' || !range.startsWith('^')) return false;
  const base = parseVersion(range.slice(1));
  const v = parseVersion(version);
  if (!base || !v) return false;
  if (compareVersions(v, base) < 0) return false;
  if (
    v.prerelease !== null &&
    (v.major !== base.major || v.minor !== base.minor || v.patch !== base.patch)
  ) {
    return false;
  }
  if (base.major > 0) return v.major === base.major;
  if (base.minor > 0) return v.major === 0 && v.minor === base.minor;
  return v.major === 0 && v.minor === 0 && v.patch === base.patch;
}

/**
 * The package a module specifier names (`@scope/name/sub` -> `@scope/name`, `lodash/fp` ->
 * `lodash`), or null for relative and absolute paths, URLs and Node.js built-ins.
 */
export function packageNameOf(specifier) {
  if (!specifier || /^[./]/.test(specifier)) return null;
  if (specifier.startsWith('node:')) return null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(specifier)) return null; // data:, https:, ...
  const parts = specifier.split('/');
  if (specifier.startsWith('@')) {
    if (parts.length < 2 || !parts[1]) return null;
    return `${parts[0]}/${parts[1]}`;
  }
  if (BUILTINS.has(parts[0]) || BUILTINS.has(specifier)) return null;
  return parts[0];
}

const SPECIFIER_PATTERNS = [
  // import x from 'a'; import { x,\n y } from 'a'; export * from 'a'; import type { X } from 'a'
  /(?:^|[\s;}])(?:import|export)\s[^'"`;]*?\bfrom\s*(['"])([^'"\n]+)\1/g,
  // import 'a';
  /(?:^|[\s;}])import\s*(['"])([^'"\n]+)\1/g,
  // require('a'), import('a') (dynamic, or a type in a .d.ts)
  /(?:^|[^\w$.])(?:require|import)\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g,
  // /// <reference types="a" />
  /\/\/\/\s*<reference\s+types\s*=\s*(['"])([^'"\n]+)\1/g,
];

/**
 * Every module specifier a JavaScript or declaration file imports, exports from, requires or
 * references, in order of first appearance.
 */
export function importSpecifiers(source) {
  const found = [];
  for (const pattern of SPECIFIER_PATTERNS) {
    pattern.lastIndex = 0;
    for (const match of source.matchAll(pattern)) {
      found.push({ index: match.index, specifier: match[2] });
    }
  }
  found.sort((a, b) => a.index - b.index);
  return [...new Set(found.map(f => f.specifier))];
}

/**
 * Packages that built files import but the package does not declare in dependencies,
 * peerDependencies or optionalDependencies. `files` maps a path to its content. Returns
 * `{ name, files }` entries, files being where the import was seen.
 */
export function undeclaredImports(pkg, files) {
  const declared = new Set([
    pkg.name,
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.peerDependencies ?? {}),
    ...Object.keys(pkg.optionalDependencies ?? {}),
  ]);
  const missing = new Map();
  for (const [path, source] of Object.entries(files)) {
    for (const specifier of importSpecifiers(source)) {
      const name = packageNameOf(specifier);
      if (!name || declared.has(name)) continue;
      if (!missing.has(name)) missing.set(name, []);
      missing.get(name).push(path);
    }
  }
  return [...missing.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, where]) => ({ name, files: where.sort() }));
}

/** Whether a README is missing, empty or still the CLI's generated stub. */
export function readmeProblem(readme) {
  if (readme === null || readme === undefined) return 'has no README.md';
  if (!readme.trim()) return 'README.md is empty';
  if (README_STUB_PATTERNS.some(p => p.test(readme))) {
    return "README.md is still the Backstage CLI's generated stub";
  }
  return null;
}

/**
 * Problems with a public package's package.json, README and @backstage/* ranges.
 * `dir` is the package's folder relative to the repository root (`plugins/slo`),
 * `resolutions` the root package.json's `resolutions`.
 */
export function metadataProblems({ pkg, dir, readme, resolutions }) {
  const problems = [];
  const text = value => typeof value === 'string' && value.trim() !== '';

  if (!text(pkg.description)) problems.push('no "description"');
  if (pkg.license !== 'Apache-2.0') {
    problems.push(
      `"license" is ${JSON.stringify(pkg.license)}, expected "Apache-2.0"`,
    );
  }
  const repo = pkg.repository;
  if (!repo || typeof repo !== 'object' || !text(repo.url)) {
    problems.push(
      '"repository" must be an object with "type", "url" and "directory"',
    );
  } else if (repo.directory !== dir) {
    problems.push(
      `"repository.directory" is ${JSON.stringify(
        repo.directory,
      )}, expected "${dir}"`,
    );
  }
  if (!text(pkg.homepage)) problems.push('no "homepage"');
  const bugs = typeof pkg.bugs === 'string' ? pkg.bugs : pkg.bugs?.url;
  if (!text(bugs)) problems.push('no "bugs" URL');
  if (pkg.publishConfig?.access !== 'public') {
    problems.push('"publishConfig.access" must be "public"');
  }

  const readmeIssue = readmeProblem(readme);
  if (readmeIssue) problems.push(readmeIssue);

  for (const field of DEPENDENCY_FIELDS) {
    for (const [name, range] of Object.entries(pkg[field] ?? {})) {
      if (!name.startsWith('@backstage/')) continue;
      const pinned = resolutions?.[name];
      if (!/^\^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(range)) {
        problems.push(
          `${field}: ${name} "${range}" is not a caret range (^x.y.z)`,
        );
      } else if (!pinned) {
        problems.push(
          `${field}: ${name} has no pinned version in the root "resolutions"`,
        );
      } else if (!caretSatisfies(range, pinned)) {
        problems.push(
          `${field}: ${name} "${range}" does not accept the pinned release version ${pinned}`,
        );
      }
    }
  }
  return problems;
}

/**
 * Problems with a packed tarball. `entries` are the paths inside it (with the leading
 * `package/`), `packed` its package.json as packed, `source` the package.json in the
 * repository (for `configSchema`: the tarball must hold the schema file the packed
 * package.json names, `config.schema.json` after backstage-cli's prepack, else `config.d.ts`).
 */
export function tarballProblems({ entries, packed, packedText, source }) {
  const problems = [];
  const files = new Set(entries.map(e => e.replace(/^package\//, '')));
  for (const required of ['LICENSE', 'README.md', 'package.json']) {
    if (!files.has(required)) problems.push(`tarball has no ${required}`);
  }
  if (![...files].some(f => f.startsWith('dist/'))) {
    problems.push('tarball has no dist/ (was the package built?)');
  }
  if (typeof source.configSchema === 'string') {
    // backstage-cli's prepack compiles a config.d.ts schema into config.schema.json and points
    // configSchema at it; a JSON schema in the repository is packed as it is.
    const declared = packed ? packed.configSchema : source.configSchema;
    if (typeof declared !== 'string') {
      problems.push(
        `package.json declares configSchema "${source.configSchema}" but the packed one declares none`,
      );
    } else if (!files.has(declared.replace(/^\.\//, ''))) {
      problems.push(
        `package.json declares configSchema "${
          source.configSchema
        }" but the tarball has no ${declared.replace(/^\.\//, '')}`,
      );
    }
  }
  if (packed) {
    const text = packedText ?? JSON.stringify(packed);
    const workspaceRanges = [];
    for (const field of DEPENDENCY_FIELDS) {
      for (const [name, range] of Object.entries(packed[field] ?? {})) {
        if (String(range).startsWith('workspace:')) {
          workspaceRanges.push(`${name}@${range}`);
        }
      }
    }
    if (workspaceRanges.length > 0) {
      problems.push(
        `packed package.json keeps workspace: ranges (${workspaceRanges.join(
          ', ',
        )})`,
      );
    } else if (text.includes('workspace:')) {
      problems.push('packed package.json still mentions "workspace:"');
    }
    if (packed.private === true)
      problems.push('packed package.json is private');
    for (const field of ['main', 'module', 'types']) {
      const target = packed[field];
      if (typeof target !== 'string') continue;
      const path = target.replace(/^\.\//, '');
      if (!files.has(path)) {
        problems.push(
          `"${field}" points at ${target}, which is not in the tarball`,
        );
      }
    }
    for (const target of exportTargets(packed.exports)) {
      const path = target.replace(/^\.\//, '');
      if (!path.includes('*') && !files.has(path)) {
        problems.push(
          `"exports" points at ${target}, which is not in the tarball`,
        );
      }
    }
  }
  return problems;
}

/**
 * Every file path an `exports` map points at: its `./` targets (conditions such as
 * Backstage's `"backstage": "@backstage/FrontendPlugin"` name no file).
 */
export function exportTargets(exportsField) {
  if (typeof exportsField === 'string') {
    return exportsField.startsWith('./') ? [exportsField] : [];
  }
  if (!exportsField || typeof exportsField !== 'object') return [];
  return Object.values(exportsField).flatMap(exportTargets);
}

/**
 * The entries of an uncompressed tar archive (ustar, as npm and Yarn write it): name and
 * content, long names from their PAX or GNU headers.
 */
export function readTar(buffer) {
  const entries = [];
  let offset = 0;
  let paxPath = null;
  while (offset + 512 <= buffer.length) {
    const header = buffer.subarray(offset, offset + 512);
    if (header.every(byte => byte === 0)) break;
    const field = (start, length) =>
      header
        .subarray(start, start + length)
        .toString('utf8')
        .replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1) || '0';
    const prefix = field(345, 155);
    let name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const content = buffer.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      const match = /\d+ path=([^\n]*)\n/.exec(content.toString('utf8'));
      paxPath = match ? match[1] : null;
      continue;
    }
    if (type === 'L') {
      // GNU tar's long name: the next entry's name
      paxPath = content.toString('utf8').replace(/\0.*$/s, '');
      continue;
    }
    if (type === 'g' || type === 'K') continue;
    if (paxPath) {
      name = paxPath;
      paxPath = null;
    }
    if (type === '0' || type === '\0' || type === '5') {
      entries.push({
        name,
        type: type === '5' ? 'directory' : 'file',
        content,
      });
    }
  }
  return entries;
}
