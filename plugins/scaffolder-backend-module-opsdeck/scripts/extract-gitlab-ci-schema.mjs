// Extracts GitLab's CI JSON schema bundled inside gitlab-ci-local into a test
// fixture, so that generated .gitlab-ci.yml files can be checked with ajv.
// Run from the package directory: node scripts/extract-gitlab-ci-schema.mjs
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

const require = createRequire(import.meta.url);
const bundle = fs.readFileSync(
  path.join(
    path.dirname(require.resolve('gitlab-ci-local/package.json')),
    'dist/index.js',
  ),
  'utf8',
);
const marker = '$id:"https://gitlab.com/.gitlab-ci.yml"';
const at = bundle.indexOf(marker);
if (at < 0) throw new Error('GitLab CI schema not found in gitlab-ci-local');
const start = bundle.lastIndexOf('{', at);
let depth = 0;
let quote = null;
let end = start;
for (let i = start; i < bundle.length; i++) {
  const c = bundle[i];
  if (quote) {
    if (c === '\\') i++;
    else if (c === quote) quote = null;
    continue;
  }
  if (c === '"' || c === "'" || c === '`') quote = c;
  else if (c === '{') depth++;
  else if (c === '}' && --depth === 0) {
    end = i + 1;
    break;
  }
}
const schema = vm.runInNewContext(`(${bundle.slice(start, end)})`);

const { version } = JSON.parse(
  fs.readFileSync(require.resolve('gitlab-ci-local/package.json'), 'utf8'),
);
const out = path.resolve('src/__testUtils__/fixtures/gitlab-ci.schema.json');
fs.writeFileSync(out, `${JSON.stringify(schema, null, 1)}\n`);
console.log(
  `Wrote ${out} from gitlab-ci-local ${version} (${
    Object.keys(schema.definitions ?? {}).length
  } definitions)`,
);
