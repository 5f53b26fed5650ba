#!/usr/bin/env node
// A tiny npm registry for the adoption test: it serves the `@opsdeck/*`
// tarballs of one directory (made by `yarn pack`) and nothing else.
//
//   node registry.mjs <tarball dir> <port file>
//
// Listens on 127.0.0.1 on a free port, writes that port to <port file> once
// it listens, and answers:
//   GET /@opsdeck%2f<name> (or /@opsdeck/<name>)  the packument: versions,
//       dist-tags.latest, time, and per version the tarball's own package.json
//       with dist.tarball, dist.shasum (sha1) and dist.integrity (sha512)
//   GET /@opsdeck/<name>/-/<file>.tgz               the tarball
// Anything else is a 404, so the fresh app cannot get other packages from it.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const [dir, portFile] = process.argv.slice(2);
if (!dir || !portFile) {
  console.error('usage: registry.mjs <tarball dir> <port file>');
  process.exit(2);
}
const SCOPE = '@opsdeck/';

/** The text of `package/package.json` inside a .tgz (a plain ustar reader). */
function packageJsonOf(tgz) {
  const tar = gunzipSync(tgz);
  let offset = 0;
  let longName;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every(b => b === 0)) break;
    const field = (start, length) =>
      header
        .subarray(start, start + length)
        .toString('utf8')
        .replace(/\0.*$/s, '');
    let name = field(0, 100);
    const prefix = field(345, 155);
    if (prefix) name = `${prefix}/${name}`;
    if (longName) {
      name = longName;
      longName = undefined;
    }
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    const body = tar.subarray(offset + 512, offset + 512 + size);
    if (type === 'L') {
      longName = body.toString('utf8').replace(/\0.*$/s, '');
    } else if (/^[^/]+\/package\.json$/.test(name)) {
      return JSON.parse(body.toString('utf8'));
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error('no package.json in the tarball');
}

/** name -> { versions: { version: { manifest, file, time } } } */
const packages = new Map();
for (const file of readdirSync(dir).filter(f => f.endsWith('.tgz'))) {
  const path = join(dir, file);
  const tgz = readFileSync(path);
  const manifest = packageJsonOf(tgz);
  if (!manifest.name?.startsWith(SCOPE)) continue;
  const entry = packages.get(manifest.name) ?? { versions: {} };
  entry.versions[manifest.version] = {
    manifest,
    path,
    shasum: createHash('sha1').update(tgz).digest('hex'),
    integrity: `sha512-${createHash('sha512').update(tgz).digest('base64')}`,
    time: statSync(path).mtime.toISOString(),
  };
  packages.set(manifest.name, entry);
}

function packument(name, base) {
  const entry = packages.get(name);
  const versions = {};
  const time = {};
  const unscoped = name.slice(SCOPE.length);
  for (const [version, v] of Object.entries(entry.versions)) {
    versions[version] = {
      ...v.manifest,
      _id: `${name}@${version}`,
      dist: {
        tarball: `${base}/${name}/-/${unscoped}-${version}.tgz`,
        shasum: v.shasum,
        integrity: v.integrity,
      },
    };
    time[version] = v.time;
  }
  const all = Object.keys(versions);
  const latest = all.sort((a, b) =>
    a.localeCompare(b, 'en', { numeric: true }),
  )[all.length - 1];
  const stamps = Object.values(time).sort();
  return {
    _id: name,
    name,
    'dist-tags': { latest },
    versions,
    time: { created: stamps[0], modified: stamps[stamps.length - 1], ...time },
  };
}

const server = createServer((req, res) => {
  const send = (status, body, type = 'application/json') => {
    const data = Buffer.from(body);
    res.writeHead(status, {
      'content-type': type,
      'content-length': data.length,
    });
    res.end(req.method === 'HEAD' ? undefined : data);
    process.stderr.write(`registry: ${status} ${req.method} ${req.url}\n`);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(405, JSON.stringify({ error: 'method not allowed' }));
    return;
  }
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const base = `http://${req.headers.host}`;
  const tarball = path.match(
    /^\/(@opsdeck\/[^/]+)\/-\/([^/]+)-(\d[^/]*)\.tgz$/,
  );
  if (tarball) {
    const version = packages.get(tarball[1])?.versions[tarball[3]];
    if (version) {
      send(200, readFileSync(version.path), 'application/octet-stream');
      return;
    }
  } else {
    const name = path.slice(1);
    if (packages.has(name)) {
      send(200, JSON.stringify(packument(name, base)));
      return;
    }
  }
  send(404, JSON.stringify({ error: 'not found' }));
});

// Yarn keeps connections alive: do not close them under it.
server.keepAliveTimeout = 120_000;
server.headersTimeout = 125_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  writeFileSync(portFile, String(port));
  console.log(
    `registry: ${packages.size} packages (${[...packages.keys()]
      .map(n => basename(n))
      .join(', ')}) on http://127.0.0.1:${port}`,
  );
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => process.exit(0));
}
