// Extracts the argument and block names of every resource, data source and
// provider that the Terraform generator writes, from the jsii assemblies of
// the prebuilt CDK for Terraform provider packages (generated from the real
// provider schemas), into a small test fixture.
//
// The packages are large (about 1 GB together), so they are not dependencies:
//   npm install --prefix /tmp/provider-schemas --ignore-scripts --legacy-peer-deps \
//     @cdktf/provider-aws@21.22.1 @cdktf/provider-google@16.12.1 \
//     @cdktf/provider-azurerm@14.23.1 @cdktf/provider-random@12.0.1 @cdktf/provider-tls@11.0.1
//   node scripts/extract-terraform-provider-schemas.mjs /tmp/provider-schemas/node_modules
//   yarn prettier --write src/terraform/__testUtils__/fixtures/provider-schemas.json
// Run from the package directory.
import fs from 'node:fs';
import path from 'node:path';

const modulesDir = process.argv[2];
if (!modulesDir) {
  throw new Error(
    'usage: extract-terraform-provider-schemas.mjs <node_modules>',
  );
}
const PROVIDERS = ['aws', 'google', 'azurerm', 'random', 'tls'];
const sourceDir = path.resolve('src/terraform');
const output = path.join(
  sourceDir,
  '__testUtils__/fixtures/provider-schemas.json',
);

function sources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === '__testUtils__' ? [] : sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')
      ? [full]
      : [];
  });
}

const wanted = { resource: new Set(), data: new Set(), provider: new Set() };
for (const file of sources(sourceDir)) {
  const text = fs.readFileSync(file, 'utf8');
  for (const [, kind, type] of text.matchAll(
    /\b(resource|data|provider) "([a-z0-9_]+)"/g,
  )) {
    wanted[kind].add(type);
  }
}

const ANCHOR = /#([a-z0-9_]+) [A-Za-z0-9]+#/;
const REPRESENTS =
  /docs\/(resources|data-sources)\/([a-z0-9_]+) ([a-z0-9_]+)\}/;

function structOf(types, typeRef) {
  if (!typeRef) return undefined;
  if (typeRef.fqn && types[typeRef.fqn]?.kind === 'interface')
    return typeRef.fqn;
  if (typeRef.collection)
    return structOf(types, typeRef.collection.elementtype);
  if (typeRef.union) {
    for (const member of typeRef.union.types) {
      const found = structOf(types, member);
      if (found) return found;
    }
  }
  return undefined;
}

function schemaOf(types, fqn, seen = new Set()) {
  const schema = { arguments: [], required: [], blocks: {} };
  if (seen.has(fqn)) return schema;
  seen.add(fqn);
  const type = types[fqn];
  for (const property of type.properties ?? []) {
    const docs = `${property.docs?.summary ?? ''} ${
      property.docs?.remarks ?? ''
    }`;
    const name = ANCHOR.exec(docs)?.[1];
    if (!name) continue;
    if (!property.optional) schema.required.push(name);
    const nested = structOf(types, property.type);
    if (nested && !nested.startsWith('cdktf.')) {
      schema.blocks[name] = schemaOf(types, nested, new Set(seen));
    } else {
      schema.arguments.push(name);
    }
  }
  schema.arguments.sort();
  schema.required.sort();
  return schema;
}

const result = { providers: {}, resource: {}, data: {}, provider: {} };
for (const provider of PROVIDERS) {
  const assembly = JSON.parse(
    fs.readFileSync(
      path.join(modulesDir, `@cdktf/provider-${provider}/.jsii`),
      'utf8',
    ),
  );
  const types = assembly.types;
  for (const [fqn, type] of Object.entries(types)) {
    if (type.kind !== 'class') continue;
    const summary = type.docs?.summary ?? '';
    const represents = REPRESENTS.exec(summary);
    const version = /hashicorp\/[a-z0-9]+\/([0-9.]+)\/docs/.exec(summary)?.[1];
    if (version) result.providers[provider] = version;
    let kind;
    let name;
    if (represents) {
      kind = represents[1] === 'resources' ? 'resource' : 'data';
      name = represents[3].replace(/^data\./, '');
    } else if (
      fqn.endsWith(`.provider.${type.name}`) &&
      /\/docs [a-z]+\}/.test(summary)
    ) {
      kind = 'provider';
      name = provider;
    } else {
      continue;
    }
    if (!wanted[kind].has(name)) continue;
    const config = `${fqn}Config`;
    if (!types[config]) throw new Error(`no ${config} for ${kind} ${name}`);
    result[kind][name] = schemaOf(types, config);
  }
}

for (const kind of ['resource', 'data', 'provider']) {
  const missing = [...wanted[kind]].filter(name => !result[kind][name]);
  if (missing.length > 0)
    throw new Error(`no schema found for ${kind} ${missing.join(', ')}`);
}
fs.mkdirSync(path.dirname(output), { recursive: true });
fs.writeFileSync(output, `${JSON.stringify(result, null, 1)}\n`);
console.log(
  `wrote ${path.relative(process.cwd(), output)}: ${
    Object.keys(result.resource).length
  } resources, ${Object.keys(result.data).length} data sources, ${
    Object.keys(result.provider).length
  } providers`,
);
