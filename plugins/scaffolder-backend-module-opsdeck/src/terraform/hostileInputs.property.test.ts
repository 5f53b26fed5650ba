import { InputError } from '@backstage/errors';
import { COST_ALLOCATION_TAGS } from '@opsdeck/plugin-cost-common';
import fc from 'fast-check';
import { BASE_INPUTS } from './__testUtils__/terraformInputs';
import {
  parseTerraformFiles,
  validateTerraform,
} from './__testUtils__/terraformValidation';
import { sanitizeGcpLabelValue } from './costTags';
import { generateTerraformEnvironment } from './generateTerraformEnvironment';
import { TERRAFORM_CLOUDS } from './model';

jest.setTimeout(600_000);

/*
 * What is tried: every text parameter (TEXT_FIELDS, state fields and
 * environment fields) receives values built from hostile fragments —
 * newlines and carriage returns, NUL, ESC and DEL, HCL interpolation `${...}`
 * and directives `%{...}`, escaped forms `$${` and `%%{`, heredoc starts
 * `<<EOF`, comment starts `#`, `//`, `/*`, quotes and backslashes, braces and
 * `resource "x" "y" {` block openers, `../` and absolute paths, `;`, `&&`,
 * `|`, spaces, Unicode look-alikes (Cyrillic a and e, fullwidth $ and {,
 * zero-width space, right-to-left override, an emoji) and values up to 5,000
 * characters — mixed with plausible valid fragments (names, regions, machine
 * types, CIDRs) so that accepted inputs are exercised too. Number parameters
 * get negative, fractional, huge and non-finite values. Each input must give
 * an InputError, or files that parse, pass every check, and carry the user's
 * text only as plain string literals.
 */
const FRAGMENTS = [
  '${',
  '}',
  '${var.x}',
  '%{',
  '%{ if true }',
  '$${',
  '%%{',
  '<<EOF',
  '#',
  '//',
  '/*',
  '"',
  "'",
  '\\',
  '{',
  'resource "x" "y" {',
  '\n',
  '\r',
  '\u0000',
  '\u001b',
  '\u007f',
  '../',
  '/',
  ';',
  '&&',
  '|',
  ' ',
  '=',
  '\u0430',
  '\u0435',
  '\uff04',
  '\uff5b',
  '\u200b',
  '\u202e',
  '\u{1f600}',
  'a',
  'z',
  '0',
  '9',
  '-',
  '.',
  '_',
  ':',
  'group:default/',
  'checkout',
  'prod',
  'eu-west-1',
  'europe-west1',
  'westeurope',
  'm6i.large',
  'db.t4g.medium',
  'e2-standard-4',
  'Standard_D4s_v5',
  '10.30.0.0/16',
  '1.31',
];

const hostileText = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .array(fc.constantFrom(...FRAGMENTS), { maxLength: 8 })
      .map(p => p.join('')),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 40, unit: 'binary' }) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 0, max: 5000 }).map(n => 'a'.repeat(n)),
  },
);

/** Values valid for most name fields, so that many inputs are accepted. */
const plausibleName = fc.stringMatching(/^[a-z][a-z0-9-]{1,8}[a-z0-9]$/);

const text = fc.oneof(
  { weight: 3, arbitrary: hostileText },
  { weight: 2, arbitrary: plausibleName },
);

const hostileNumber = fc.oneof(
  fc.integer({ min: 1, max: 8 }),
  fc.integer({ min: -10, max: 20 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 1e12, 2 ** 53 + 1),
);

const TEXT_FIELDS = [
  'name',
  'owner',
  'system',
  'region',
  'gcpProject',
  'azureSubscriptionId',
  'kubernetesVersion',
  'namespace',
  'serviceAccount',
] as const;
const STATE_FIELDS = [
  'bucket',
  'region',
  'lockTable',
  'resourceGroup',
  'storageAccount',
  'container',
] as const;
const ENVIRONMENT_TEXT_FIELDS = [
  'name',
  'networkCidr',
  'nodeInstanceType',
  'databaseInstanceType',
] as const;
const ENVIRONMENT_NUMBER_FIELDS = [
  'minNodes',
  'maxNodes',
  'databaseStorageGb',
] as const;

const mutation = fc.oneof(
  fc.record({
    at: fc.constant('top'),
    field: fc.constantFrom(...TEXT_FIELDS),
    value: text,
  }),
  fc.record({
    at: fc.constant('state'),
    field: fc.constantFrom(...STATE_FIELDS),
    value: text,
  }),
  fc.record({
    at: fc.constant('environment'),
    field: fc.constantFrom(...ENVIRONMENT_TEXT_FIELDS),
    value: text,
  }),
  fc.record({
    at: fc.constant('environment'),
    field: fc.constantFrom(...ENVIRONMENT_NUMBER_FIELDS),
    value: hostileNumber,
  }),
  fc.record({
    at: fc.constant('top'),
    field: fc.constant('postgresVersion'),
    value: hostileNumber,
  }),
);

const sample = fc.record({
  cloud: fc.constantFrom(...TERRAFORM_CLOUDS),
  environments: fc.uniqueArray(
    fc.constantFrom('dev', 'qa', 'staging', 'production'),
    {
      minLength: 1,
      maxLength: 3,
    },
  ),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 2 }),
});

type Input = Record<string, any>;
type Drawn = {
  cloud: string;
  environments: string[];
  mutations: Array<{ at: string; field: string; value: unknown }>;
};

function build({ cloud, environments, mutations }: Drawn): Input {
  const input: Input = structuredClone(
    BASE_INPUTS[cloud as keyof typeof BASE_INPUTS],
  );
  input.state = { ...input.state };
  input.environments = environments.map((name: string) => ({ name }));
  for (const { at, field, value } of mutations) {
    if (at === 'top') input[field] = value;
    else if (at === 'state') input.state[field] = value;
    else input.environments[0][field] = value;
  }
  return input;
}

/** Every string the user gave, wherever it is in the input. */
function userStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(userStrings);
  if (value && typeof value === 'object')
    return Object.values(value).flatMap(userStrings);
  return [];
}

describe('hostile Terraform parameters', () => {
  it('give an InputError, or Terraform that parses, passes every check and holds user text as plain literals', async () => {
    let accepted = 0;
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(sample, async drawn => {
        const input = build(drawn);
        let files;
        try {
          files = generateTerraformEnvironment(input);
        } catch (error) {
          const named = drawn.mutations.some(
            (m: { field: string }) =>
              error instanceof InputError && error.message.includes(m.field),
          );
          if (
            !(error instanceof InputError) ||
            !error.message.startsWith(
              'Invalid Terraform environment parameters: ',
            ) ||
            !named
          ) {
            throw new Error(
              `expected an InputError naming one of the changed fields, got ${error}`,
            );
          }
          rejected += 1;
          return;
        }
        accepted += 1;
        for (const value of userStrings(input)) {
          expect(value).toMatch(/^[\x21-\x7e]+$/);
          expect(value).not.toMatch(/[$%]\{|["\\]/);
        }
        expect(await validateTerraform(files)).toEqual([]);
        const parsed = await parseTerraformFiles(files);
        const environments = input.environments.map(
          (e: { name: string }) => e.name,
        );
        for (const environment of environments) {
          const main = parsed.find(
            f => f.path === `environments/${environment}/main.tf`,
          )!;
          const locals = (main.json.locals as Array<Record<string, any>>)[0];
          expect(locals.name).toBe(`${input.name}-${environment}`);
          const tags = locals.cost_tags ?? locals.cost_labels;
          const clean =
            input.cloud === 'gcp' ? sanitizeGcpLabelValue : (v: string) => v;
          expect(tags[COST_ALLOCATION_TAGS.component]).toBe(clean(input.name));
          expect(tags[COST_ALLOCATION_TAGS.environment]).toBe(environment);
          expect(tags[COST_ALLOCATION_TAGS.owner]).toBe(
            clean(
              input.owner
                .split('/')
                .pop()
                .replace(/^group:/, ''),
            ),
          );
          expect(tags[COST_ALLOCATION_TAGS.system]).toBe(
            clean(
              input.system
                .split('/')
                .pop()
                .replace(/^system:/, ''),
            ),
          );
        }
      }),
      { numRuns: 4000, seed: 20261126 },
    );
    // Both outcomes must actually be exercised.
    expect(accepted).toBeGreaterThan(250);
    expect(rejected).toBeGreaterThan(2000);
  });
});
