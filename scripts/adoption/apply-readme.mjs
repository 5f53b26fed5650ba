#!/usr/bin/env node
// Applies the code and config blocks of the README's install section to a
// fresh create-app app, as an adopter would paste them:
//
//   node apply-readme.mjs <README.md> <app dir> <nfs|legacy>
//
// - root-package-json: merged into the app's root package.json
// - backend, backend-local-files: inserted before `backend.start();`
// - app-config, app-config-local-files (and app-extensions for the new
//   frontend system): merged into app-config.yaml (maps merged, lists appended)
// - nfs: app-features: its imports and `features` entries into App.tsx
// - legacy: legacy-entity-page (imports, overview cards, service tabs),
//   legacy-app (route into <FlatRoutes>), legacy-root (sidebar item)
// Imports are added where the file does not already import the name. Every
// anchor that is not found is an error naming the file and the anchor.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, parse as parseYaml } from 'yaml';
import { block, readBlocks } from './readme.mjs';

const [readmePath, appDir, flavour] = process.argv.slice(2);
if (!readmePath || !appDir || !['nfs', 'legacy'].includes(flavour)) {
  console.error('usage: apply-readme.mjs <README.md> <app dir> <nfs|legacy>');
  process.exit(2);
}
const blocks = readBlocks(readmePath);

function edit(relativePath, change) {
  const path = join(appDir, relativePath);
  const before = readFileSync(path, 'utf8');
  const after = change(before, relativePath);
  writeFileSync(path, after);
  console.log(`applied to ${relativePath}`);
}

function fail(file, what) {
  throw new Error(`${file}: ${what}`);
}

// --- package.json -----------------------------------------------------------

function mergeJson(target, source) {
  for (const [key, value] of Object.entries(source)) {
    if (
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      target[key] &&
      typeof target[key] === 'object'
    ) {
      mergeJson(target[key], value);
    } else {
      target[key] = value;
    }
  }
  return target;
}

edit(
  'package.json',
  text =>
    `${JSON.stringify(
      mergeJson(
        JSON.parse(text),
        JSON.parse(block(blocks, 'root-package-json').code),
      ),
      null,
      2,
    )}\n`,
);

// --- TypeScript imports -------------------------------------------------------

const IMPORT = /^import\s+([\s\S]*?)\s+from\s+'([^']+)';[ \t]*$/gm;

/** The local names an import clause binds: `X`, `{ a, b as c }`, `X, { a }`. */
function importedNames(clause) {
  const names = [];
  const named = clause.match(/\{([\s\S]*)\}/);
  const defaultPart = clause
    .replace(/\{[\s\S]*\}/, '')
    .replace(/,/g, '')
    .trim();
  if (defaultPart && !defaultPart.startsWith('*'))
    names.push({ default: defaultPart });
  if (named) {
    for (const spec of named[1]
      .split(',')
      .map(s => s.trim())
      .filter(Boolean)) {
      const [imported, local] = spec.split(/\s+as\s+/);
      names.push({ imported, local: local ?? imported });
    }
  }
  return names;
}

function snippetImports(code) {
  return [...code.matchAll(IMPORT)].map(m => ({
    names: importedNames(m[1]),
    from: m[2],
  }));
}

/** Adds the snippet's imports the file lacks, after the file's last import. */
function addImports(text, code, file) {
  const existing = new Set();
  let lastImportEnd = 0;
  for (const m of text.matchAll(IMPORT)) {
    for (const n of importedNames(m[1])) existing.add(n.default ?? n.local);
    lastImportEnd = m.index + m[0].length;
  }
  const lines = [];
  for (const { names, from } of snippetImports(code)) {
    const missing = names.filter(n => !existing.has(n.default ?? n.local));
    if (missing.length === 0) continue;
    const def = missing.find(n => n.default);
    const named = missing
      .filter(n => !n.default)
      .map(n =>
        n.local === n.imported ? n.imported : `${n.imported} as ${n.local}`,
      );
    const clause = [
      def?.default,
      named.length ? `{ ${named.join(', ')} }` : undefined,
    ]
      .filter(Boolean)
      .join(', ');
    lines.push(`import ${clause} from '${from}';`);
    missing.forEach(n => existing.add(n.default ?? n.local));
  }
  if (lines.length === 0) return text;
  if (lastImportEnd === 0)
    fail(file, 'no import statement to add imports after');
  return `${text.slice(0, lastImportEnd)}\n${lines.join('\n')}${text.slice(
    lastImportEnd,
  )}`;
}

/** The snippet without its import statements and comment lines. */
function body(code) {
  return code
    .replace(IMPORT, '')
    .split('\n')
    .filter(line => !/^\s*\/\//.test(line))
    .join('\n')
    .trim();
}

function insertBefore(text, anchor, insertion, file, from = 0) {
  const at = text.indexOf(anchor, from);
  if (at < 0) fail(file, `anchor ${JSON.stringify(anchor)} not found`);
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const indent = text.slice(lineStart, at).match(/^\s*/)[0];
  const indented = insertion
    .split('\n')
    .map(line => (line ? `${indent}${line}` : line))
    .join('\n');
  return `${text.slice(0, lineStart)}${indented}\n${text.slice(lineStart)}`;
}

// --- backend ------------------------------------------------------------------

edit('packages/backend/src/index.ts', (text, file) => {
  const lines = ['backend', 'backend-local-files']
    .map(name => body(block(blocks, name).code))
    .join('\n');
  return insertBefore(text, 'backend.start();', lines, file);
});

// --- app-config.yaml ----------------------------------------------------------

function mergeYaml(doc, path, value) {
  const current = path.length ? doc.getIn(path, true) : doc.contents;
  if (
    current === undefined ||
    current === null ||
    (current.value === null && !current.items)
  ) {
    doc.setIn(path, doc.createNode(value));
    return;
  }
  if (Array.isArray(value)) {
    if (!current.items)
      fail('app-config.yaml', `${path.join('.')} is not a list`);
    for (const item of value) current.items.push(doc.createNode(item));
    return;
  }
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value))
      mergeYaml(doc, [...path, key], child);
    return;
  }
  doc.setIn(path, value);
}

edit('app-config.yaml', (text, file) => {
  const doc = parseDocument(text);
  const names = ['app-config', 'app-config-local-files'];
  if (flavour === 'nfs') names.push('app-extensions');
  for (const name of names)
    mergeYaml(doc, [], parseYaml(block(blocks, name).code));
  const out = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  parseYaml(out); // throws on duplicate keys or bad YAML
  if (doc.errors.length) fail(file, doc.errors.map(e => e.message).join('; '));
  return out;
});

// --- frontend -----------------------------------------------------------------

if (flavour === 'nfs') {
  edit('packages/app/src/App.tsx', (text, file) => {
    const { code } = block(blocks, 'app-features');
    const wanted = code.match(/features:\s*\[([\s\S]*?)\]/);
    if (!wanted) fail('README app-features', 'no features: [...] list');
    const names = wanted[1]
      .split(',')
      .map(s => s.trim())
      .filter(Boolean);
    let out = addImports(text, code, file);
    const list = out.match(/features:\s*\[([\s\S]*?)\]/);
    if (!list) fail(file, 'no `features: [...]` in createApp');
    const have = list[1]
      .split(',')
      .map(s => s.trim())
      .filter(Boolean);
    const all = [...have, ...names.filter(n => !have.includes(n))];
    out = out.replace(list[0], `features: [\n    ${all.join(',\n    ')},\n  ]`);
    return out;
  });
} else {
  edit('packages/app/src/components/catalog/EntityPage.tsx', (text, file) => {
    const { code } = block(blocks, 'legacy-entity-page');
    const rest = body(code);
    const cards = rest
      .split('\n')
      .filter(line => /^<Grid item\b.*<\/Grid>$/.test(line.trim()))
      .join('\n');
    const tabsStart = rest.indexOf('<EntityLayout.Route');
    const tabsEnd = rest.lastIndexOf('</EntityLayout.Route>');
    if (!cards || tabsStart < 0)
      fail('README legacy-entity-page', 'no cards or tabs');
    const tabs = rest.slice(
      tabsStart,
      tabsEnd + '</EntityLayout.Route>'.length,
    );
    let out = addImports(text, code, file);
    // Cards: before the closing </Grid> of overviewContent's Grid container.
    const overview = out.indexOf('const overviewContent = (');
    if (overview < 0) fail(file, 'no `const overviewContent = (`');
    const overviewEnd = out.indexOf('\n);', overview);
    const closing = out.lastIndexOf('</Grid>', overviewEnd);
    out = insertBefore(
      out,
      '</Grid>',
      cards.replace(/^/gm, '  '),
      file,
      closing,
    );
    // Tabs: before the closing </EntityLayout> of serviceEntityPage.
    const service = out.indexOf('const serviceEntityPage = (');
    if (service < 0) fail(file, 'no `const serviceEntityPage = (`');
    out = insertBefore(
      out,
      '</EntityLayout>',
      tabs.replace(/^/gm, '  '),
      file,
      service,
    );
    return out;
  });
  edit('packages/app/src/App.tsx', (text, file) => {
    const { code } = block(blocks, 'legacy-app');
    return insertBefore(
      addImports(text, code, file),
      '</FlatRoutes>',
      `  ${body(code)}`,
      file,
    );
  });
  edit('packages/app/src/components/Root/Root.tsx', (text, file) => {
    const { code } = block(blocks, 'legacy-root');
    return insertBefore(
      addImports(text, code, file),
      '{/* End global nav */}',
      body(code),
      file,
    );
  });
}
