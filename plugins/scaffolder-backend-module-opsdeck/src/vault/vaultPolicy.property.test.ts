import { InputError } from '@backstage/errors';
import fc from 'fast-check';
import { hostileText, PLAIN_VALUE } from '../__testUtils__/hostileText';
import { validateVaultFiles } from '../__testUtils__/vaultValidators';
import { generateVaultPolicy } from './vaultPolicy';

jest.setTimeout(120_000);

/*
 * What is tried: every text parameter (FIELDS) receives hostile text (see
 * hostileText: newlines, quotes, `${` and `%{` HCL templates, `*` and `+`
 * globs, `../`, `#` comments, braces, look-alikes, 5,000-character values).
 * Accepted values must give files HashiCorp's parser reads and whose policies
 * stay under the service's prefixes.
 */
const FIELDS: [string, (v: string) => Record<string, unknown>][] = [
  ['name', v => ({ name: v })],
  ['serviceAccount', v => ({ serviceAccount: v })],
  ['environments.0.name', v => ({ environments: [{ name: v }] })],
  [
    'environments.0.namespace',
    v => ({ environments: [{ name: 'prod', namespace: v }] }),
  ],
  ['kvMount', v => ({ kvMount: v })],
  ['secretPrefix', v => ({ secretPrefix: v })],
  ['authMount', v => ({ authMount: v })],
  ['audience', v => ({ audience: v })],
];

describe('hostile Vault parameters', () => {
  it('either throw an InputError naming the field or give parseable least-privilege files', async () => {
    const tally = { rejected: 0, accepted: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...FIELDS),
        hostileText,
        async ([field, place], value) => {
          const parameters = { name: 'checkout', ...place(value) } as {
            name: string;
            kvMount?: string;
            secretPrefix?: string;
          };
          let files: Record<string, string>;
          try {
            files = generateVaultPolicy(parameters).files;
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
          expect(value).toMatch(PLAIN_VALUE);
          const mount = parameters.kvMount ?? 'secret';
          const prefix = parameters.secretPrefix ?? parameters.name;
          expect(
            await validateVaultFiles(files, [
              `${mount}/data/${prefix}/`,
              `${mount}/metadata/${prefix}/`,
            ]),
          ).toEqual([]);
        },
      ),
      { numRuns: 500, seed: 20261126 },
    );
    expect(tally.rejected).toBeGreaterThan(200);
    expect(tally.accepted).toBeGreaterThan(20);
  });
});
