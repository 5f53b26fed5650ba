import { InputError } from '@backstage/errors';
import fc from 'fast-check';
import { parse, parseAllDocuments } from 'yaml';
import {
  HOSTILE_FRAGMENTS,
  hostileText,
  PLAIN_VALUE,
} from '../__testUtils__/hostileText';
import { annotateCatalogInfo } from './annotateCatalogInfo';
import {
  CATALOG_ANNOTATIONS,
  CatalogAnnotationName,
} from './annotationParameters';

const SOURCE = `# checkout
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout # name
  annotations:
    github.com/project-slug: acme/checkout
spec:
  owner: payments
`;

const SOURCE_LINES = SOURCE.split('\n');

/*
 * What is tried: every annotation (and entityName, entityKind) receives
 * hostile text (see hostileText: newlines, quotes, `: ` and `- ` YAML
 * structure, `#`, braces, `${`, `../`, look-alikes, 5,000-character values);
 * then sources with hostile lines slipped into a component, and arbitrary
 * YAML-ish sources built from the same fragments. Accepted
 * values must land verbatim in the one annotation and change nothing else.
 */
describe('hostile annotation parameters and sources', () => {
  const names = Object.keys(CATALOG_ANNOTATIONS) as CatalogAnnotationName[];

  it('either throw an InputError naming the field or set exactly that annotation', () => {
    const tally = { rejected: 0, accepted: 0 };
    fc.assert(
      fc.property(fc.constantFrom(...names), hostileText, (name, value) => {
        let content: string;
        try {
          content = annotateCatalogInfo(SOURCE, {
            annotations: { [name]: value },
          }).content;
        } catch (error) {
          if (
            !(error instanceof InputError) ||
            !error.message.includes(`annotations.${name}`)
          ) {
            throw new Error(
              `expected an InputError naming ${name}, got ${error}`,
            );
          }
          tally.rejected++;
          return;
        }
        tally.accepted++;
        expect(value).toMatch(PLAIN_VALUE);
        const before = parse(SOURCE);
        expect(parse(content)).toEqual({
          ...before,
          metadata: {
            ...before.metadata,
            annotations: {
              ...before.metadata.annotations,
              [CATALOG_ANNOTATIONS[name]]: value,
            },
          },
        });
        expect(content).toContain('# name');
      }),
      { numRuns: 1000, seed: 20261126 },
    );
    expect(tally.rejected).toBeGreaterThan(400);
    expect(tally.accepted).toBeGreaterThan(20);
  });

  it('rejects hostile entity names and kinds before reading the file', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('entityName', 'entityKind'),
        hostileText.filter(v => !PLAIN_VALUE.test(v) || v === ''),
        (field, value) => {
          expect(() =>
            annotateCatalogInfo(SOURCE, {
              [field]: value,
              annotations: { kubernetesId: 'checkout' },
            }),
          ).toThrow(new RegExp(`Invalid annotation parameters: ${field} `));
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });

  it('on any source, either throws an InputError or keeps every other value', () => {
    const tally = { rejected: 0, accepted: 0 };
    fc.assert(
      fc.property(
        fc.oneof(
          // The component with hostile lines slipped in between its lines.
          fc
            .array(
              fc.tuple(
                fc.nat({ max: SOURCE_LINES.length }),
                fc.constantFrom('# ', 'extra: ', '---\n', '  note: ', ''),
                hostileText,
              ),
              { maxLength: 3 },
            )
            .map(insertions => {
              const lines = [...SOURCE_LINES];
              for (const [at, prefix, text] of insertions) {
                lines.splice(at, 0, `${prefix}${text}`);
              }
              return lines.join('\n');
            }),
          fc
            .array(
              fc.constantFrom(
                ...HOSTILE_FRAGMENTS,
                'kind: Component\n',
                'metadata:\n',
                '  name: a\n',
                '  annotations:\n',
                '    x: y\n',
                '---\n',
                '&anchor ',
                '*anchor',
                '!!binary ',
              ),
              { maxLength: 14 },
            )
            .map(parts => parts.join('')),
          fc.string({ maxLength: 200 }),
        ),
        source => {
          let content: string;
          try {
            content = annotateCatalogInfo(source, {
              annotations: { kubernetesId: 'a' },
            }).content;
          } catch (error) {
            if (!(error instanceof InputError)) {
              throw new Error(`expected an InputError, got ${error}`);
            }
            tally.rejected++;
            return;
          }
          tally.accepted++;
          const before = parseAllDocuments(source).map(d => d.toJS());
          const after = parseAllDocuments(content).map(d => d.toJS());
          const changed = after.filter(
            (d, i) => JSON.stringify(d) !== JSON.stringify(before[i]),
          );
          expect(after).toHaveLength(before.length);
          expect(changed).toHaveLength(1);
          expect(
            changed[0].metadata.annotations['backstage.io/kubernetes-id'],
          ).toBe('a');
        },
      ),
      { numRuns: 1000, seed: 3 },
    );
    expect(tally.rejected).toBeGreaterThan(100);
    expect(tally.accepted).toBeGreaterThan(0);
  });
});
