import { InputError } from '@backstage/errors';
import {
  checkGitlabImagePinning,
  checkJenkinsImagePinning,
} from './security/imagePinningChecker';
import fc from 'fast-check';
import {
  extractScripts,
  GeneratedFile,
  validateJenkinsStructure,
  validateWithActionlint,
  validateWithGitlabSchema,
  validateWithSecurityChecker,
  validateWithWorkflowParser,
} from '../__testUtils__/validators';
import { generateGithubActionsWorkflow } from './githubActions';
import { generateGitlabCi } from './gitlabCi';
import { generateJenkinsfile } from './jenkinsfile';

jest.setTimeout(240_000);

/*
 * What is tried: every free-text parameter (listed in FIELDS) receives values
 * built from hostile fragments — newlines and carriage returns, NUL and ESC,
 * `${{ github.event... }}`, `$[[ inputs ]]`, `$(...)`, `${...}`, backticks,
 * single and double quotes, `../` and absolute paths, `;`, `&&`, `|`, glob
 * characters, YAML and Groovy syntax (`: `, `#`, `{`, `}`, `'''`), Unicode
 * look-alikes (Cyrillic a, fullwidth $, zero-width space, right-to-left
 * override), empty strings and values up to 5,000 characters — mixed with
 * plausible valid values so that accepted files are exercised too.
 */
const FRAGMENTS = [
  '${{',
  '}}',
  'github.event.issue.title',
  '$[[ inputs.x ]]',
  '$(',
  ')',
  '${',
  '}',
  '`',
  '"',
  "'",
  "'''",
  '\n',
  '\r',
  '\u0000',
  '\u001b',
  '../',
  '/',
  '\\',
  ';',
  '&&',
  '|',
  ' ',
  '*',
  '?',
  '[',
  ']',
  ': ',
  '#',
  '{',
  '\u0430',
  '\uff04',
  '\u200b',
  '\u202e',
  'a',
  'z',
  '0',
  '9',
  '-',
  '.',
  '_',
  'main',
  'ghcr.io',
  'acme',
  'prod',
  'https://',
  ':',
  '@',
  '=',
  'A',
];

const hostileText = fc.oneof(
  fc
    .array(fc.constantFrom(...FRAGMENTS), { maxLength: 12 })
    .map(p => p.join('')),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('', 'x'.repeat(5_000), 'a'.repeat(64), 'A\u0301'),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,12}[a-z0-9]$/),
  fc.stringMatching(/^[a-z0-9]{1,8}(\/[a-z0-9]{1,8}){0,2}$/),
  fc.stringMatching(/^[A-Z][A-Z0-9_]{0,10}$/),
);

const FIELDS: [string, (value: string) => Record<string, unknown>][] = [
  ['name', v => ({ name: v })],
  ['entityRef', v => ({ entityRef: v })],
  ['defaultBranch', v => ({ defaultBranch: v })],
  ['languageVersion', v => ({ languageVersion: v })],
  ['deployScript', v => ({ deployScript: v })],
  [
    'container.registry',
    v => ({ container: { registry: v, image: 'acme/app' } }),
  ],
  ['container.image', v => ({ container: { registry: 'ghcr.io', image: v } })],
  [
    'container.dockerfile',
    v => ({
      container: { registry: 'ghcr.io', image: 'acme/app', dockerfile: v },
    }),
  ],
  [
    'container.context',
    v => ({
      container: { registry: 'ghcr.io', image: 'acme/app', context: v },
    }),
  ],
  [
    'container.target',
    v => ({ container: { registry: 'ghcr.io', image: 'acme/app', target: v } }),
  ],
  [
    'environments.0.name',
    v => ({
      environments: [{ name: v }, { name: 'production', approval: true }],
    }),
  ],
  [
    'environments.0.url',
    v => ({ environments: [{ name: 'staging', url: v }] }),
  ],
  ['portal.baseUrl', v => ({ portal: { baseUrl: v } })],
  [
    'portal.tokenSecretName',
    v => ({
      portal: { baseUrl: 'https://portal.example.com', tokenSecretName: v },
    }),
  ],
  [
    'portal.audience',
    v => ({
      portal: {
        baseUrl: 'https://portal.example.com',
        auth: 'oidc',
        audience: v,
      },
    }),
  ],
  [
    'cloud.roleArn',
    v => ({ cloud: { provider: 'aws', roleArn: v, region: 'eu-west-1' } }),
  ],
  [
    'cloud.region',
    v => ({
      cloud: {
        provider: 'aws',
        roleArn: 'arn:aws:iam::123456789012:role/d',
        region: v,
      },
    }),
  ],
  [
    'cloud.serviceAccount',
    v => ({
      cloud: {
        provider: 'gcp',
        workloadIdentityProvider:
          'projects/1/locations/global/workloadIdentityPools/pool1/providers/prov1',
        serviceAccount: v,
      },
    }),
  ],
];

const BASE = {
  name: 'checkout',
  language: 'node',
  container: { registry: 'ghcr.io', image: 'acme/app' },
  portal: { baseUrl: 'https://portal.example.com' },
  cloud: {
    provider: 'aws',
    roleArn: 'arn:aws:iam::123456789012:role/d',
    region: 'eu-west-1',
  },
};

type Kind = 'github' | 'gitlab' | 'jenkins';

const GENERATORS: Record<Kind, (p: unknown) => string> = {
  github: generateGithubActionsWorkflow,
  gitlab: generateGitlabCi,
  jenkins: generateJenkinsfile,
};

const FULL_CHECKS = 100;
const referenceCache = new Map<string, string[]>();

function referenceScripts(
  kind: Kind,
  field: string,
  place: (value: string) => Record<string, unknown>,
): string[] {
  const key = `${kind}:${field}`;
  if (!referenceCache.has(key)) {
    const reference = GENERATORS[kind]({ ...BASE, ...place(baseValue(field)) });
    referenceCache.set(key, extractScripts(kind, reference));
  }
  return referenceCache.get(key)!;
}

describe.each<Kind>(['github', 'gitlab', 'jenkins'])(
  'hostile parameters for the %s generator',
  kind => {
    it('either throw an InputError naming the field or give a valid file whose scripts hold no user text', async () => {
      const generate = GENERATORS[kind];
      const tally = { rejected: 0, accepted: 0 };
      const accepted: GeneratedFile[] = [];
      const structural: string[] = [];
      fc.assert(
        fc.property(
          fc.constantFrom(...FIELDS),
          hostileText,
          ([field, place], value) => {
            const parameters = { ...BASE, ...place(value) };
            let content: string;
            try {
              content = generate(parameters);
            } catch (error) {
              if (
                !(error instanceof InputError) ||
                !error.message.includes(field)
              ) {
                throw new Error(
                  `expected an InputError naming ${field}, got ${error}`,
                );
              }
              tally.rejected++;
              return;
            }
            tally.accepted++;
            // Accepted values are plain ASCII without expression or shell syntax.
            expect(value).toMatch(/^[A-Za-z0-9._/:@=-]*$/);
            // Every accepted file up to FULL_CHECKS goes through the validators
            // (YAML parsing dominates the cost, hence the cap).
            if (tally.accepted > FULL_CHECKS) {
              return;
            }
            // Scripts are the same whatever the value: user text never lands in them.
            expect(extractScripts(kind, content)).toEqual(
              referenceScripts(kind, field, place),
            );
            const file = { name: `${field}-${tally.accepted}.yml`, content };
            if (kind === 'github') {
              structural.push(...validateWithSecurityChecker(file));
              accepted.push(file);
            } else if (kind === 'gitlab') {
              structural.push(...validateWithGitlabSchema(file));
              structural.push(
                ...checkGitlabImagePinning(content).map(f => f.image),
              );
            } else {
              structural.push(...validateJenkinsStructure(file));
              structural.push(
                ...checkJenkinsImagePinning(content).map(f => f.image),
              );
            }
          },
        ),
        { numRuns: 1200, seed: 20261126 },
      );
      expect(structural).toEqual([]);
      expect(tally.rejected).toBeGreaterThan(400);
      expect(tally.accepted).toBeGreaterThan(50);
      const parserProblems =
        kind === 'github'
          ? Object.values(await validateWithWorkflowParser(accepted)).flat()
          : [];
      const actionlintProblems: string[] = [];
      for (const file of accepted.slice(0, 40)) {
        actionlintProblems.push(...(await validateWithActionlint(file)));
      }
      expect(parserProblems).toEqual([]);
      expect(actionlintProblems).toEqual([]);
    });
  },
);

function baseValue(field: string): string {
  const values: Record<string, string> = {
    name: 'checkout',
    entityRef: 'component:default/checkout',
    defaultBranch: 'main',
    languageVersion: '22',
    deployScript: 'deploy/deploy.sh',
    'container.registry': 'ghcr.io',
    'container.image': 'acme/app',
    'container.dockerfile': 'Dockerfile',
    'container.context': '.',
    'container.target': 'runtime',
    'environments.0.name': 'staging',
    'environments.0.url': 'https://staging.example.com',
    'portal.baseUrl': 'https://portal.example.com',
    'portal.tokenSecretName': 'OPSDECK_TOKEN',
    'portal.audience': 'opsdeck',
    'cloud.roleArn': 'arn:aws:iam::123456789012:role/d',
    'cloud.region': 'eu-west-1',
    'cloud.serviceAccount': 'deployer@acme.iam.gserviceaccount.com',
  };
  return values[field];
}
