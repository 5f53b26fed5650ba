import fc from 'fast-check';
import { LABEL_VALUE, entityNameLabelValue, toLabelValue } from './labelValue';

describe('toLabelValue', () => {
  it.each([
    ['payments', 'payments'],
    ['group:default/payments', 'group-default-payments'],
    ['Platform Team', 'Platform-Team'],
    ['-leading.and.trailing-', 'leading.and.trailing'],
    ['a'.repeat(70), 'a'.repeat(63)],
    [`${'a'.repeat(62)}-b`, 'a'.repeat(62)],
    ['équipe', 'quipe'],
    ['\u202e\u200b', 'unknown'],
    ['', 'unknown'],
  ])('turns %j into %j', (text, expected) => {
    expect(toLabelValue(text)).toBe(expected);
  });

  it('gives a valid label value for any text (5,000 inputs), keeping valid values as they are', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 100 }),
          fc.string({ unit: 'grapheme', maxLength: 80 }),
        ),
        text => {
          const value = toLabelValue(text);
          expect(value.length).toBeLessThanOrEqual(63);
          expect(LABEL_VALUE.test(value)).toBe(true);
          expect(toLabelValue(value)).toBe(value);
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe('entityNameLabelValue', () => {
  it.each([
    ['group:default/payments', 'payments'],
    ['system:shop', 'shop'],
    ['default/payments', 'payments'],
    ['payments', 'payments'],
  ])('takes the entity name of %s', (ref, expected) => {
    expect(entityNameLabelValue(ref)).toBe(expected);
  });
});
