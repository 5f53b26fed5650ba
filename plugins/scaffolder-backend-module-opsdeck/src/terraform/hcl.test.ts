import { parseHcl } from './__testUtils__/terraformValidation';
import { hclString, hclStringMap } from './hcl';

describe('hclString', () => {
  // Each value must come back from HashiCorp's parser as the same literal
  // text: no interpolation, no directive, no broken string.
  it.each([
    ['plain'],
    ['with "quotes" inside'],
    ['back\\slash\\'],
    ['${var.secret}'],
    ['%{ if true }x%{ endif }'],
    ['$${already} %%{escaped}'],
    ['line\nbreak\r\ttab'],
    ['\u0000\u001b\u007f'],
    ['caf\u00e9 \u0430 \uff04 \u200b \u202e'],
    ['emoji \u{1f600}'],
    ['ends with $'],
    ['ends with %'],
    ['"; resource "x" "y" {}'],
  ])('round-trips %j through the HCL parser', async value => {
    const json = await parseHcl(
      'x.tf',
      `locals {\n  v = ${hclString(value)}\n}\n`,
    );
    const parsed = (json.locals as Array<Record<string, string>>)[0].v;
    // The parser keeps literal template escapes ($${, %%{) as written.
    expect(parsed.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{')).toBe(value);
    expect(parsed).not.toMatch(/(^|[^$])\$\{/);
    expect(parsed).not.toMatch(/(^|[^%])%\{/);
  });

  it('renders aligned string maps', () => {
    expect(
      hclStringMap(
        [
          ['a', '1'],
          ['long-key', '2'],
        ],
        '  ',
      ),
    ).toBe('{\n    "a"        = "1"\n    "long-key" = "2"\n  }');
  });
});
