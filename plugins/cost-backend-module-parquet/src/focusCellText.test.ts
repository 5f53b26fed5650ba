import { focusCellText } from './focusCellText';

describe('focusCellText', () => {
  it('writes Parquet values as FOCUS text', () => {
    expect(focusCellText(null)).toBe('');
    expect(focusCellText(undefined)).toBe('');
    expect(focusCellText('Usage')).toBe('Usage');
    expect(focusCellText(12.5)).toBe('12.5');
    expect(focusCellText(1e-7)).toBe('1e-7');
    expect(focusCellText(9007199254740993n)).toBe('9007199254740993');
    expect(focusCellText(true)).toBe('true');
    expect(focusCellText(new Date('2026-01-01T00:00:00Z'))).toBe(
      '2026-01-01T00:00:00Z',
    );
    expect(focusCellText(new Date('2026-01-01T10:20:30.250Z'))).toBe(
      '2026-01-01T10:20:30.250Z',
    );
    expect(focusCellText(new Date(Number.NaN))).toBe('invalid date');
    expect(focusCellText({ team: 'search', 'cost-center': 42 })).toBe(
      '{"team":"search","cost-center":42}',
    );
    expect(
      focusCellText({
        at: new Date('2026-02-01T00:00:00Z'),
        n: 5n,
        raw: new Uint8Array([1, 2]),
      }),
    ).toBe('{"at":"2026-02-01T00:00:00Z","n":"5","raw":"AQI="}');
  });
});
