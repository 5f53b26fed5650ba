import fc from 'fast-check';
import { parseFocusDateTime, parseFocusDecimal } from './parseFocusValues';

describe('parseFocusDecimal', () => {
  it('reads back every finite double written by JavaScript', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), v => {
        expect(parseFocusDecimal(String(v))).toBe(v === 0 ? 0 : v);
      }),
    );
  });

  it.each(['', ' 1', '1 ', '0x10', '1_000', '--1', '.', 'e5', '١٢'])(
    'rejects %j',
    text => {
      expect(parseFocusDecimal(text)).toBeUndefined();
    },
  );

  it.each([
    ['-0.5', -0.5],
    ['+3', 3],
    ['.25', 0.25],
    ['1.5E2', 150],
  ])('reads %s', (text, value) => {
    expect(parseFocusDecimal(text)).toBe(value);
  });
});

describe('parseFocusDateTime', () => {
  it.each([
    ['2026-01-15T10:00:00Z', Date.UTC(2026, 0, 15, 10)],
    ['2026-01-15', Date.UTC(2026, 0, 15)],
    ['2026-01-15T10:00:00.250Z', Date.UTC(2026, 0, 15, 10, 0, 0, 250)],
    ['2026-01-15T10:00:00+02:00', Date.UTC(2026, 0, 15, 8)],
    ['2026-01-15T01:00:00-0130', Date.UTC(2026, 0, 15, 2, 30)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
  ])('reads %s', (text, value) => {
    expect(parseFocusDateTime(text)).toBe(value);
  });

  it.each([
    '2025-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T10:60:00Z',
    '01/02/2026',
    '2026-1-1',
    'yesterday',
  ])('rejects %s', text => {
    expect(parseFocusDateTime(text)).toBeUndefined();
  });

  it('agrees with Date for any instant written in UTC', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1970-01-01T00:00:00Z'),
          max: new Date('2999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        d => {
          const text = d.toISOString();
          expect(parseFocusDateTime(text)).toBe(d.getTime());
        },
      ),
    );
  });
});
