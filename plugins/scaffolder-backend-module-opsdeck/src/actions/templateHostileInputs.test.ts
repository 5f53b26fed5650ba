import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { lexer, type Token } from 'marked';
import { parse, parseAllDocuments } from 'yaml';
import {
  CLOUD_FORM_VALUES,
  type DryRunResult,
  outcome,
  startScaffolder,
  SUCCEEDED,
  TEMPLATES_DIR,
} from '../__testUtils__/templateDryRun';

/*
 * Every template in templates/all.yaml, dry-run through a real scaffolder
 * backend with a hostile value in one string parameter at a time (the others
 * valid). A run is either refused by the parameters' JSON schema, naming the
 * parameter, or its files keep the structure of a run with valid values: YAML
 * files the same documents and keys (the hostile value only ever a whole
 * scalar), markdown the same blocks and inline elements (the value only plain
 * text), and no other file holds the value at all.
 */

jest.setTimeout(900_000);

/** Marks every hostile value, so that it can be found in generated files. */
const MARK = 'opsdeckPwn';
const SECRET = 'secret-value-never-rendered';

const HOSTILE: Record<string, string> = {
  'a newline and key: value': `ok\n${MARK}: value`,
  'a --- document with a Group': [
    'ok',
    '---',
    'apiVersion: backstage.io/v1alpha1',
    'kind: Group',
    `metadata: { name: ${MARK} }`,
    'spec: { type: team, children: [], members: [mallory] }',
  ].join('\n'),
  '${{ secrets.X }}': `\${{ secrets.${MARK} }}`,
  '$(id)': `$(id)${MARK}`,
  backticks: `\`id\`${MARK}`,
  'single quotes': `it's '${MARK}'`,
  'double quotes': `"${MARK}": "x"`,
  '../': `../../${MARK}`,
  'a 100 kB string': `${MARK}${'A'.repeat(100_000)}`,
  'a right-to-left override (U+202E)': `${MARK}\u202Egpj.exe`,
  'markdown and HTML': `# ${MARK} <img src=x onerror=alert(1)> [x](https://evil.example) *em*`,
};

/** Hostile values that free text must still accept (and render as inert text). */
const FREE_TEXT_VALUES = [
  '${{ secrets.X }}',
  '$(id)',
  'backticks',
  'single quotes',
  'double quotes',
  '../',
  'markdown and HTML',
];

/**
 * Form values of a good run, for the parameters without a usable default.
 * A new template adds its entry here; everything else is derived from its
 * parameters.
 */
const VALID_VALUES: Record<string, Record<string, unknown>> = {
  'ci-pipeline': {
    name: 'checkout',
    owner: 'group:default/platform',
    repoUrl: 'github.com?owner=acme&repo=checkout',
  },
  'new-service': {
    name: 'checkout',
    description: 'Takes the money',
    owner: 'group:default/payments',
    system: 'system:default/storefront',
    oncallMembers: ['user:default/ada.lovelace'],
    ...CLOUD_FORM_VALUES,
    repoUrl: 'github.com?owner=acme&repo=checkout',
  },
  'onboard-service': {
    component: 'component:default/checkout',
    imageTag: '1.4.2',
    pagerdutyServiceId: 'PCHKOUT',
    repoUrl: 'github.com?owner=acme&repo=checkout',
  },
  'post-incident-review': {
    incidentId: '4f9c2d1e-aaaa-bbbb-cccc-000000000001',
    title: 'Search latency above two seconds',
    entityRef: 'component:default/search-service',
    severity: 'error',
    triggeredAt: '2026-03-01T10:00:00Z',
    acknowledgedAt: '2026-03-01T10:04:00Z',
    resolvedAt: '2026-03-01T10:40:00Z',
    deploymentId: 'deploy-42',
    timeline: [{ at: '2026-03-01T10:12:00Z', entry: 'Paused the rebuild' }],
    summary: 'The index rebuild saturated the disks',
    impact: 'Searches were slow for forty minutes',
    errorBudgetConsumed: 'Eighteen percent',
    rootCause: 'The rebuild ran at peak time',
    actionItems: [
      {
        action: 'Move the rebuild to the night',
        owner: 'group:default/search-team',
        due: '2026-03-08',
      },
    ],
    repoUrl: 'github.com?owner=acme&repo=search-service',
  },
  'terraform-environment': {
    system: 'system:default/storefront',
    owner: 'group:default/platform',
    environment: 'performance',
    ...CLOUD_FORM_VALUES,
    repoUrl: 'github.com?owner=acme&repo=storefront-infra',
  },
};

/** The templates `templates/all.yaml` registers, by folder name. */
function listedTemplates(): string[] {
  const location = parse(
    fs.readFileSync(path.join(TEMPLATES_DIR, 'all.yaml'), 'utf8'),
  );
  return location.spec.targets.map((target: string) =>
    path.basename(path.dirname(target)),
  );
}

function readTemplate(name: string) {
  return parse(
    fs.readFileSync(path.join(TEMPLATES_DIR, name, 'template.yaml'), 'utf8'),
  );
}

type ParameterPath = (string | number)[];

/** Every string in a template's form: top-level, array items and fields of object items. */
function stringParameters(template: any): ParameterPath[] {
  const paths: ParameterPath[] = [];
  for (const page of [template.spec.parameters ?? []].flat()) {
    for (const [key, field] of Object.entries<any>(page.properties ?? {})) {
      if (field.type === 'string') paths.push([key]);
      if (field.type === 'array' && field.items?.type === 'string') {
        paths.push([key, 0]);
      }
      if (field.type === 'array' && field.items?.type === 'object') {
        for (const [itemKey, itemField] of Object.entries<any>(
          field.items.properties ?? {},
        )) {
          if (itemField.type === 'string') paths.push([key, 0, itemKey]);
        }
      }
    }
  }
  return paths;
}

/** The schema of the value at `at`. */
function fieldAt(template: any, at: ParameterPath): any {
  for (const page of [template.spec.parameters ?? []].flat()) {
    let field = page.properties?.[at[0]];
    if (!field) continue;
    if (at.length > 1) field = field.items;
    if (at.length > 2) field = field.properties[at[2]];
    return field;
  }
  return undefined;
}

/** Free text: a string limited only in its characters (no control or bidi characters), not in its form. */
function isFreeText(template: any, at: ParameterPath): boolean {
  const field = fieldAt(template, at);
  return !field.enum && !field.format && /^\^\[\^/.test(field.pattern ?? '');
}

/** The form's defaults overridden by the template's entry in VALID_VALUES. */
function validValues(name: string, template: any): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const page of [template.spec.parameters ?? []].flat()) {
    for (const [key, field] of Object.entries<any>(page.properties ?? {})) {
      if (field.default !== undefined) values[key] = field.default;
    }
  }
  return { ...values, ...VALID_VALUES[name] };
}

/** `instance.timeline[0].entry`: how the scaffolder's schema validation names a value. */
function schemaProperty(at: ParameterPath): string {
  return `instance${at
    .map(part => (typeof part === 'number' ? `[${part}]` : `.${part}`))
    .join('')}`;
}

function withValue(
  values: Record<string, unknown>,
  at: ParameterPath,
  value: string,
): Record<string, unknown> {
  const copy = structuredClone(values);
  let node: any = copy;
  for (const part of at.slice(0, -1)) node = node[part];
  node[at[at.length - 1]] = value;
  return copy;
}

const isYaml = (file: string) => /\.ya?ml$/.test(file);
const isMarkdown = (file: string) => /\.md$/.test(file);

/** Documents of a YAML file: parsed strictly, with duplicate keys and alias bombs refused. */
function yamlDocuments(text: string): unknown[] {
  return parseAllDocuments(text, {
    strict: true,
    uniqueKeys: true,
    maxAliasCount: 100,
  } as any).map((document: any) => {
    const problems = [...document.errors, ...document.warnings];
    if (problems.length > 0) {
      throw new Error(problems.map((p: Error) => p.message).join('; '));
    }
    return document.toJS({ maxAliasCount: 100 });
  });
}

/** Keys and nesting of parsed YAML, with every scalar reduced to its type. */
function yamlShape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(yamlShape);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map(key => [key, yamlShape((value as any)[key])]),
    );
  }
  return typeof value;
}

/** Keys and strings of parsed YAML that hold the marker. */
function markedYamlParts(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string' && value.includes(MARK)) found.push(value);
  if (Array.isArray(value)) value.forEach(v => markedYamlParts(v, found));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key.includes(MARK)) found.push(`key ${key}`);
      markedYamlParts(child, found);
    }
  }
  return found;
}

function childTokens(token: any): Token[] {
  const children: Token[] = [...(token.tokens ?? [])];
  if (token.type === 'list') children.push(...token.items);
  if (token.type === 'table') {
    for (const cell of [...token.header, ...token.rows.flat()]) {
      children.push({ type: 'cell', raw: '', tokens: cell.tokens } as any);
    }
  }
  return children;
}

/** Block and inline elements of a markdown file, depth first; plain text, escapes and line breaks left out. */
function markdownShape(markdown: string): string[] {
  const types: string[] = [];
  const walk = (tokens: Token[]) => {
    for (const token of tokens) {
      if (!['text', 'escape', 'br'].includes(token.type)) {
        types.push(token.type);
      }
      walk(childTokens(token));
    }
  };
  walk(lexer(markdown));
  return types;
}

/** What a reader of the rendered markdown sees as text, whitespace collapsed. */
function markdownText(markdown: string): string {
  const parts: string[] = [];
  const walk = (tokens: Token[]) => {
    for (const token of tokens) {
      const children = childTokens(token);
      if (children.length > 0) {
        walk(children);
        parts.push(' ');
      } else if (token.type === 'text' || token.type === 'escape') {
        parts.push((token as any).text);
      } else parts.push(' ');
    }
  };
  walk(lexer(markdown));
  return parts.join('').replace(/\s+/g, ' ');
}

/** Why a dry run with a hostile value is not acceptable, or undefined when it is. */
function problemWith(
  result: DryRunResult,
  baseline: DryRunResult,
  at: ParameterPath,
  value: string,
): string | undefined {
  if (result.status === 400) {
    const property = schemaProperty(at);
    const errors: { property?: string; stack?: string }[] =
      result.body.errors ?? [];
    return errors.some(e => e.property === property && e.stack)
      ? undefined
      : `refused without naming ${property}: ${JSON.stringify(
          result.body,
        ).slice(0, 300)}`;
  }
  if (result.status !== 200) {
    return `answered ${result.status}: ${JSON.stringify(result.body).slice(
      0,
      300,
    )}`;
  }
  const files = Object.keys(result.files).sort();
  const expectedFiles = Object.keys(baseline.files).sort();
  if (JSON.stringify(files) !== JSON.stringify(expectedFiles)) {
    return `wrote ${files.join(', ')} instead of ${expectedFiles.join(', ')}`;
  }
  for (const file of files) {
    const text = result.files[file];
    if (text.includes(SECRET)) return `${file} holds a secret`;
    if (isYaml(file)) {
      let documents: unknown[];
      try {
        documents = yamlDocuments(text);
      } catch (error) {
        return `${file} does not parse: ${(error as Error).message}`;
      }
      const expected = yamlDocuments(baseline.files[file]);
      if (
        JSON.stringify(yamlShape(documents)) !==
        JSON.stringify(yamlShape(expected))
      ) {
        return `${file} has other documents or keys than with valid values`;
      }
      const parts = markedYamlParts(documents).filter(p => p !== value);
      if (parts.length > 0) {
        return `${file} holds the value in part: ${JSON.stringify(
          parts[0],
        ).slice(0, 200)}`;
      }
    } else if (isMarkdown(file)) {
      const shape = markdownShape(text);
      const expected = markdownShape(baseline.files[file]);
      if (JSON.stringify(shape) !== JSON.stringify(expected)) {
        return `${file} has other markdown elements than with valid values: ${JSON.stringify(
          shape,
        )}`;
      }
      if (
        text.includes(MARK) &&
        !markdownText(text).includes(value.replace(/\s+/g, ' '))
      ) {
        return `${file} does not show the value as text`;
      }
    } else if (text.includes(MARK)) {
      return `${file} holds the value (only YAML and markdown content is quoted)`;
    }
  }
  return undefined;
}

/** Runs `tasks` with at most `limit` at a time. */
async function inPool<T>(
  limit: number,
  tasks: (() => Promise<T>)[],
): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]();
      }
    }),
  );
  return results;
}

/** The service repository of onboard-service, serving its catalog file. */
const CATALOG_INFO = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout
spec:
  type: service
  lifecycle: production
  owner: group:default/payments
`;

const TEMPLATES = listedTemplates();
const PLAN = TEMPLATES.map(name => {
  const template = readTemplate(name);
  return { name, template, parameters: stringParameters(template) };
});
const FREE_TEXT = PLAN.flatMap(t =>
  t.parameters
    .filter(at => isFreeText(t.template, at))
    .map(at => `${t.name} ${at.join('.')}`),
);
const RUNS =
  PLAN.reduce((sum, t) => sum + t.parameters.length, 0) *
  Object.keys(HOSTILE).length;

describe('templates with hostile parameter values', () => {
  let server: http.Server;
  let scaffolder: Awaited<ReturnType<typeof startScaffolder>>;
  const tally = { refused: 0, rendered: 0 };
  const started = Date.now();

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      if (request.url === '/acme/checkout/catalog-info.yaml') {
        response.writeHead(200, { 'content-type': 'text/yaml' });
        response.end(CATALOG_INFO);
        return;
      }
      response.writeHead(404);
      response.end();
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    scaffolder = await startScaffolder(
      [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            name: 'checkout',
            namespace: 'default',
            annotations: {
              'backstage.io/source-location': `url:http://localhost:${port}/acme/checkout/`,
            },
          },
          spec: {
            type: 'service',
            lifecycle: 'production',
            owner: 'group:default/payments',
          },
        },
      ],
      {
        backend: { reading: { allow: [{ host: `localhost:${port}` }] } },
        // post-incident-review opens its pull request with the integration's
        // token; a dry run only checks that there is one.
        integrations: {
          github: [{ host: 'github.com', token: 'dry-run-only' }],
        },
      },
    );
  });

  afterAll(async () => {
    await scaffolder?.backend.stop();
    await new Promise(resolve => server?.close(resolve));
    process.stdout.write(
      `hostile template inputs: ${tally.refused + tally.rendered} dry runs ` +
        `(${tally.refused} refused by the parameter schema, ${tally.rendered} rendered as inert values; ` +
        `free text: ${FREE_TEXT.join(', ')}) ` +
        `in ${Math.round((Date.now() - started) / 1000)} s\n`,
    );
  });

  it('covers every template folder through templates/all.yaml', () => {
    const folders = fs
      .readdirSync(TEMPLATES_DIR, { withFileTypes: true })
      .filter(entry =>
        fs.existsSync(path.join(TEMPLATES_DIR, entry.name, 'template.yaml')),
      )
      .map(entry => entry.name);
    expect([...TEMPLATES].sort()).toEqual(folders.sort());
    expect(
      TEMPLATES.filter(name => !VALID_VALUES[name]).map(
        name => `add valid form values for templates/${name} to VALID_VALUES`,
      ),
    ).toEqual([]);
  });

  it.each(
    PLAN.map(t => [
      `${t.name}: ${t.parameters.length} string parameters x ${
        Object.keys(HOSTILE).length
      } hostile values`,
      t,
    ]),
  )(
    `%s (${RUNS} dry runs in all)`,
    async (_label, { name, template, parameters }: (typeof PLAN)[number]) => {
      const values = validValues(name, template);
      const secrets = { USER_OAUTH_TOKEN: 'dry-run-only', [MARK]: SECRET };
      const baseline = await scaffolder.dryRun(name, values, secrets);
      expect(outcome(baseline)).toEqual(SUCCEEDED);
      const problems = (
        await inPool(
          3,
          parameters.flatMap(at =>
            Object.entries(HOSTILE).map(([label, hostile]) => async () => {
              const result = await scaffolder.dryRun(
                name,
                withValue(values, at, hostile),
                secrets,
              );
              if (result.status === 400) tally.refused += 1;
              else if (result.status === 200) tally.rendered += 1;
              if (
                FREE_TEXT_VALUES.includes(label) &&
                isFreeText(template, at) &&
                result.status !== 200
              ) {
                return `${at.join('.')} = ${label}: free text refused`;
              }
              const problem = problemWith(result, baseline, at, hostile);
              return problem && `${at.join('.')} = ${label}: ${problem}`;
            }),
          ),
        )
      ).filter(Boolean);
      expect(problems).toEqual([]);
    },
  );
});
