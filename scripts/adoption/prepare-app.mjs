#!/usr/bin/env node
// ENVIRONMENT WORKAROUNDS of the adoption test, not install steps: nothing
// here is something an adopter does. Run on a fresh create-app app before the
// README's steps:
//
//   node prepare-app.mjs pins <opsdeck root> <app dir>   (before its first install)
//   node prepare-app.mjs scope <app dir> <registry port>
//
// 1. pins: the npm registry of this machine holds a partial newer Backstage
//    release, so `^` ranges would mix release lines. The app's root
//    package.json gets the `resolutions` of Opsdeck's own root package.json
//    (exactly the Backstage 1.55.0 release), except better-sqlite3, which the
//    README's install section adds, and Opsdeck's `dependenciesMeta`
//    (better-sqlite3 and keytar `built: false`: prebuilt binaries; no
//    libsecret for keytar).
// 2. scope: `.yarnrc.yml` points the `@opsdeck` scope only at the local registry
//    that serves the tarballs just packed (npmScopes, plain http allowed for
//    127.0.0.1), and pre-approves `@opsdeck/*` for create-app's 3-day
//    npmMinimalAgeGate, since those tarballs were "published" seconds ago.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';

const [mode, ...args] = process.argv.slice(2);

if (mode === 'pins' && args.length === 2) {
  const [root, appDir] = args;
  const ours = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const appPackagePath = join(appDir, 'package.json');
  const app = JSON.parse(readFileSync(appPackagePath, 'utf8'));
  const { 'better-sqlite3': _left, ...pins } = ours.resolutions;
  app.resolutions = { ...app.resolutions, ...pins };
  app.dependenciesMeta = { ...app.dependenciesMeta, ...ours.dependenciesMeta };
  writeFileSync(appPackagePath, `${JSON.stringify(app, null, 2)}\n`);
  console.log(
    `package.json: ${
      Object.keys(pins).length
    } resolutions pinned (Backstage 1.55.0), dependenciesMeta ${Object.keys(
      ours.dependenciesMeta,
    ).join(', ')}`,
  );
} else if (mode === 'scope' && args.length === 2) {
  const [appDir, port] = args;
  const yarnrcPath = join(appDir, '.yarnrc.yml');
  const yarnrc = parseDocument(readFileSync(yarnrcPath, 'utf8'));
  yarnrc.setIn(
    ['npmScopes', 'opsdeck', 'npmRegistryServer'],
    `http://127.0.0.1:${port}`,
  );
  yarnrc.set('unsafeHttpWhitelist', ['127.0.0.1']);
  const preapproved = yarnrc.get('npmPreapprovedPackages')?.toJSON() ?? [];
  yarnrc.set('npmPreapprovedPackages', [
    ...new Set([...preapproved, '@opsdeck/*']),
  ]);
  writeFileSync(yarnrcPath, yarnrc.toString());
  console.log(`.yarnrc.yml: @opsdeck scope from http://127.0.0.1:${port}`);
} else {
  console.error(
    'usage: prepare-app.mjs pins <opsdeck root> <app dir> | prepare-app.mjs scope <app dir> <registry port>',
  );
  process.exit(2);
}
