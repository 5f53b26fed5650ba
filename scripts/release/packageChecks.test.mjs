// Run with: node --test scripts/release/
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import {
  caretSatisfies,
  exportTargets,
  importSpecifiers,
  metadataProblems,
  packageNameOf,
  readTar,
  readmeProblem,
  tarballProblems,
  undeclaredImports,
} from './packageChecks.mjs';

describe('caretSatisfies', () => {
  it('keeps the major version fixed from 1.0.0 on', () => {
    assert.equal(caretSatisfies('^1.10.1', '1.10.1'), true);
    assert.equal(caretSatisfies('^1.10.1', '1.12.0'), true);
    assert.equal(caretSatisfies('^1.10.1', '1.10.0'), false);
    assert.equal(caretSatisfies('^1.10.1', '2.0.0'), false);
  });

  it('keeps the minor version fixed below 1.0.0', () => {
    assert.equal(caretSatisfies('^0.18.0', '0.18.14'), true);
    assert.equal(caretSatisfies('^0.18.14', '0.18.13'), false);
    assert.equal(caretSatisfies('^0.18.0', '0.19.0'), false);
  });

  it('keeps the patch version fixed below 0.1.0', () => {
    assert.equal(caretSatisfies('^0.0.17', '0.0.17'), true);
    assert.equal(caretSatisfies('^0.0.17', '0.0.18'), false);
  });

  it('accepts a prerelease only on the range base version', () => {
    assert.equal(caretSatisfies('^1.2.0-next.1', '1.2.0-next.2'), true);
    assert.equal(caretSatisfies('^1.2.0-next.1', '1.2.0'), true);
    assert.equal(caretSatisfies('^1.2.0', '1.3.0-next.0'), false);
    assert.equal(caretSatisfies('^1.2.0', '1.2.0-next.0'), false);
  });

  it('rejects anything that is not a plain caret range or version', () => {
    assert.equal(caretSatisfies('1.2.3', '1.2.3'), false);
    assert.equal(caretSatisfies('~1.2.3', '1.2.3'), false);
    assert.equal(caretSatisfies('^1.2', '1.2.3'), false);
    assert.equal(caretSatisfies('^1.2.3', 'latest'), false);
  });
});

describe('packageNameOf', () => {
  it('names the package of bare and scoped specifiers', () => {
    assert.equal(packageNameOf('react'), 'react');
    assert.equal(packageNameOf('react/jsx-runtime'), 'react');
    assert.equal(packageNameOf('@backstage/errors'), '@backstage/errors');
    assert.equal(
      packageNameOf('@backstage/frontend-plugin-api/alpha'),
      '@backstage/frontend-plugin-api',
    );
  });

  it('leaves out paths, URLs and Node.js built-ins', () => {
    for (const specifier of [
      './plugin.esm.js',
      '../api/client',
      '/abs/path',
      'node:crypto',
      'crypto',
      'fs/promises',
      'stream/web',
      'data:text/javascript,',
      '@broken',
    ]) {
      assert.equal(packageNameOf(specifier), null, specifier);
    }
  });
});

describe('importSpecifiers', () => {
  it('finds ESM imports and re-exports, also across lines', () => {
    const source = [
      "import { a } from 'one';",
      'import {',
      '  b,',
      '  c,',
      "} from '@scope/two';",
      "import type { T } from 'three';",
      "export * from './local';",
      "export { d } from 'four/sub';",
      "import 'side-effect';",
      'import Default, * as ns from "five";',
    ].join('\n');
    assert.deepEqual(importSpecifiers(source), [
      'one',
      '@scope/two',
      'three',
      './local',
      'four/sub',
      'side-effect',
      'five',
    ]);
  });

  it('finds require, dynamic import, import types and type references', () => {
    const source = [
      '/// <reference types="node" />',
      "var x = require('cjs-dep');",
      "const lazy = () => import('./lazy.esm.js');",
      "export declare const y: import('typed-dep').Y;",
      'const z=require("min-dep");',
    ].join('\n');
    assert.deepEqual(importSpecifiers(source), [
      'node',
      'cjs-dep',
      './lazy.esm.js',
      'typed-dep',
      'min-dep',
    ]);
  });

  it('ignores look-alikes', () => {
    const source = [
      "someimport('nope');",
      "obj.require('nope-either');",
      "const text = 'import me';",
      'const important = 1;',
    ].join('\n');
    assert.deepEqual(importSpecifiers(source), []);
  });
});

describe('undeclaredImports', () => {
  const pkg = {
    name: '@opsdeck/plugin-x',
    dependencies: { '@backstage/errors': '^1.3.1' },
    peerDependencies: { react: '^18.0.0' },
    devDependencies: { 'only-dev': '^1.0.0' },
  };

  it('accepts declared packages, the package itself and built-ins', () => {
    const files = {
      'dist/index.esm.js': [
        "import { jsx } from 'react/jsx-runtime';",
        "import { NotFoundError } from '@backstage/errors';",
        "import { randomUUID } from 'node:crypto';",
        "import { readFile } from 'fs/promises';",
        "export { a } from '@opsdeck/plugin-x/alpha';",
      ].join('\n'),
    };
    assert.deepEqual(undeclaredImports(pkg, files), []);
  });

  it('reports undeclared and dev-only imports with the files they are in', () => {
    const files = {
      'dist/b.d.ts': "import { Router } from 'express';",
      'dist/a.cjs.js': "var x = require('only-dev');\nrequire('express');",
    };
    assert.deepEqual(undeclaredImports(pkg, files), [
      { name: 'express', files: ['dist/a.cjs.js', 'dist/b.d.ts'] },
      { name: 'only-dev', files: ['dist/a.cjs.js'] },
    ]);
  });
});

describe('readmeProblem', () => {
  it('rejects missing, empty and generated READMEs', () => {
    assert.equal(readmeProblem(null), 'has no README.md');
    assert.equal(readmeProblem('  \n'), 'README.md is empty');
    assert.match(
      readmeProblem('# slo\n\nWelcome to the slo plugin!\n'),
      /stub/,
    );
    assert.match(
      readmeProblem(
        '# x\n\n_This plugin was created through the Backstage CLI_\n',
      ),
      /stub/,
    );
  });

  it('accepts a README of its own', () => {
    assert.equal(readmeProblem('# @opsdeck/plugin-slo\n\nSLO cards.\n'), null);
  });
});

describe('metadataProblems', () => {
  const good = () => ({
    name: '@opsdeck/plugin-x',
    description: 'X for Backstage',
    license: 'Apache-2.0',
    repository: {
      type: 'git',
      url: 'https://example.com/opsdeck/opsdeck',
      directory: 'plugins/x',
    },
    homepage: 'https://example.com/opsdeck/opsdeck/tree/main/plugins/x',
    bugs: { url: 'https://example.com/opsdeck/opsdeck/issues' },
    publishConfig: { access: 'public' },
    dependencies: { '@backstage/errors': '^1.3.1', zod: '^3.25.76' },
    devDependencies: { '@backstage/cli': '^0.36.6' },
  });
  const resolutions = {
    '@backstage/errors': '1.3.1',
    '@backstage/cli': '0.36.6',
    '@backstage/core-components': '0.18.14',
  };
  const check = (pkg, readme = '# X\n\nIt does X.\n') =>
    metadataProblems({ pkg, dir: 'plugins/x', readme, resolutions });

  it('accepts a complete package', () => {
    assert.deepEqual(check(good()), []);
  });

  it('reports each missing or wrong field', () => {
    const pkg = good();
    delete pkg.description;
    pkg.license = 'MIT';
    pkg.repository.directory = 'plugins/y';
    delete pkg.homepage;
    pkg.bugs = {};
    pkg.publishConfig = {};
    assert.deepEqual(check(pkg), [
      'no "description"',
      '"license" is "MIT", expected "Apache-2.0"',
      '"repository.directory" is "plugins/y", expected "plugins/x"',
      'no "homepage"',
      'no "bugs" URL',
      '"publishConfig.access" must be "public"',
    ]);
  });

  it('accepts bugs as a plain URL and rejects a repository string', () => {
    const pkg = good();
    pkg.bugs = 'https://example.com/issues';
    pkg.repository = 'github:opsdeck/opsdeck';
    assert.deepEqual(check(pkg), [
      '"repository" must be an object with "type", "url" and "directory"',
    ]);
  });

  it('checks @backstage ranges against the pinned release', () => {
    const pkg = good();
    pkg.dependencies['@backstage/errors'] = '1.3.1';
    pkg.dependencies['@backstage/core-components'] = '^0.17.0';
    pkg.peerDependencies = { '@backstage/unknown': '^1.0.0' };
    pkg.devDependencies['@backstage/cli'] = '^0.37.0';
    assert.deepEqual(check(pkg), [
      'dependencies: @backstage/errors "1.3.1" is not a caret range (^x.y.z)',
      'dependencies: @backstage/core-components "^0.17.0" does not accept the pinned release version 0.18.14',
      'peerDependencies: @backstage/unknown has no pinned version in the root "resolutions"',
      'devDependencies: @backstage/cli "^0.37.0" does not accept the pinned release version 0.36.6',
    ]);
  });

  it('reports a stub README', () => {
    assert.deepEqual(check(good(), 'Welcome to the x plugin!'), [
      "README.md is still the Backstage CLI's generated stub",
    ]);
  });
});

describe('tarballProblems', () => {
  const source = {
    name: '@opsdeck/plugin-x-backend',
    configSchema: 'config.d.ts',
  };
  const packed = {
    name: '@opsdeck/plugin-x-backend',
    main: 'dist/index.cjs.js',
    types: 'dist/index.d.ts',
    configSchema: 'config.d.ts',
    exports: {
      '.': { require: './dist/index.cjs.js', types: './dist/index.d.ts' },
      './package.json': './package.json',
    },
    dependencies: { '@opsdeck/plugin-x-common': '^0.2.0' },
  };
  const entries = [
    'package/LICENSE',
    'package/README.md',
    'package/package.json',
    'package/config.d.ts',
    'package/dist/index.cjs.js',
    'package/dist/index.d.ts',
  ];

  it('accepts a complete tarball', () => {
    assert.deepEqual(tarballProblems({ entries, packed, source }), []);
  });

  it('reports missing files, workspace ranges and dangling entry points', () => {
    const problems = tarballProblems({
      entries: ['package/package.json', 'package/dist/other.js'],
      packed: {
        ...packed,
        dependencies: { '@opsdeck/plugin-x-common': 'workspace:^' },
      },
      source,
    });
    assert.deepEqual(problems, [
      'tarball has no LICENSE',
      'tarball has no README.md',
      'package.json declares configSchema "config.d.ts" but the tarball has no config.d.ts',
      'packed package.json keeps workspace: ranges (@opsdeck/plugin-x-common@workspace:^)',
      '"main" points at dist/index.cjs.js, which is not in the tarball',
      '"types" points at dist/index.d.ts, which is not in the tarball',
      '"exports" points at ./dist/index.cjs.js, which is not in the tarball',
      '"exports" points at ./dist/index.d.ts, which is not in the tarball',
    ]);
  });

  it('takes the schema prepack compiled from config.d.ts', () => {
    const compiled = { ...packed, configSchema: 'config.schema.json' };
    const withJson = entries
      .filter(e => e !== 'package/config.d.ts')
      .concat('package/config.schema.json');
    assert.deepEqual(
      tarballProblems({ entries: withJson, packed: compiled, source }),
      [],
    );
    assert.deepEqual(tarballProblems({ entries, packed: compiled, source }), [
      'package.json declares configSchema "config.d.ts" but the tarball has no config.schema.json',
    ]);
    const { configSchema, ...none } = compiled;
    assert.deepEqual(tarballProblems({ entries, packed: none, source }), [
      'package.json declares configSchema "config.d.ts" but the packed one declares none',
    ]);
  });

  it('requires dist/ and no configSchema file when none is declared', () => {
    assert.deepEqual(
      tarballProblems({
        entries: [
          'package/LICENSE',
          'package/README.md',
          'package/package.json',
        ],
        packed: { name: 'x' },
        source: { name: 'x' },
      }),
      ['tarball has no dist/ (was the package built?)'],
    );
  });

  it('lists export targets of nested conditions', () => {
    assert.deepEqual(
      exportTargets({
        '.': { import: './a.mjs', default: { types: './a.d.ts' } },
        './alpha': {
          backstage: '@backstage/FrontendPlugin',
          import: './c.mjs',
        },
        './b': './b.js',
      }),
      ['./a.mjs', './a.d.ts', './c.mjs', './b.js'],
    );
  });
});

describe('readTar', () => {
  for (const format of ['gnu', 'pax', 'ustar']) {
    it(`reads names and contents of a ${format} tarball, long names too`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'opsdeck-tar-'));
      try {
        const longDir = `package/dist/${'very-long-folder-name/'.repeat(6)}`;
        mkdirSync(join(dir, longDir), { recursive: true });
        writeFileSync(join(dir, 'package/package.json'), '{"name":"x"}');
        writeFileSync(join(dir, longDir, 'index.esm.js'), 'export {};\n');
        execFileSync('tar', [
          `--format=${format}`,
          '-czf',
          join(dir, 'x.tgz'),
          '-C',
          dir,
          'package',
        ]);
        const entries = readTar(gunzipSync(readFileSync(join(dir, 'x.tgz'))));
        const files = entries.filter(e => e.type === 'file');
        assert.deepEqual(files.map(e => e.name).sort(), [
          `${longDir}index.esm.js`,
          'package/package.json',
        ]);
        const pkg = files.find(e => e.name === 'package/package.json');
        assert.equal(pkg.content.toString('utf8'), '{"name":"x"}');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
