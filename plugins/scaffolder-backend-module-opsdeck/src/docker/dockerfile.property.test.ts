import { InputError } from '@backstage/errors';
import fc from 'fast-check';
import {
  checkDockerfileRules,
  runCommands,
  validateWithDockerfileUtils,
} from '../__testUtils__/dockerfileValidators';
import { hostileText, PLAIN_VALUE } from '../__testUtils__/hostileText';
import { shellcheckScripts } from '../__testUtils__/validators';
import { generateDockerfile } from './dockerfile';

jest.setTimeout(120_000);

/*
 * What is tried: every text parameter (FIELDS) receives hostile text (see
 * hostileText: newlines, quotes, `${`, `$(`, backticks, exec-form JSON
 * breakouts, `../`, globs, look-alikes, 5,000-character values) for each
 * language; numbers get out-of-range and non-integer values.
 */
const FIELDS: [string, (v: string) => Record<string, unknown>][] = [
  ['name', v => ({ name: v })],
  ['languageVersion', v => ({ languageVersion: v })],
  ['healthcheckPath', v => ({ healthcheckPath: v })],
  ['entrypoint', v => ({ entrypoint: v })],
  ['digests.builder', v => ({ digests: { builder: v } })],
  ['digests.runtime', v => ({ digests: { runtime: v } })],
];

describe('hostile Dockerfile parameters', () => {
  it('either throw an InputError naming the field or give a valid Dockerfile', async () => {
    const tally = { rejected: 0, accepted: 0 };
    const problems: string[] = [];
    const runs: string[] = [];
    fc.assert(
      fc.property(
        fc.constantFrom(...FIELDS),
        fc.constantFrom('node', 'python', 'go', 'java'),
        hostileText,
        ([field, place], language, value) => {
          let content: string;
          try {
            content = generateDockerfile({
              name: 'checkout',
              language,
              ...place(value),
            });
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
          problems.push(
            ...validateWithDockerfileUtils(content),
            ...checkDockerfileRules(content),
          );
          runs.push(...runCommands(content));
        },
      ),
      { numRuns: 800, seed: 20261126 },
    );
    expect(problems).toEqual([]);
    expect(await shellcheckScripts(runs)).toEqual({});
    expect(tally.rejected).toBeGreaterThan(300);
    expect(tally.accepted).toBeGreaterThan(20);
  });

  it('rejects out-of-range and non-integer numbers', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('port', 'uid'),
        fc.oneof(
          fc.integer({ max: 0 }),
          fc.integer({ min: 2147483647 }),
          fc.double({ noInteger: true }),
        ),
        (field, value) => {
          expect(() =>
            generateDockerfile({ name: 'a', language: 'node', [field]: value }),
          ).toThrow(new RegExp(`Invalid Dockerfile parameters: ${field} `));
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });
});
