/**
 * Quotes `value` as an HCL string literal. Everything that HCL would
 * interpret is escaped: backslashes, quotes, line breaks and other control
 * characters, and the template sequences `${` and `%{`. Inputs are validated
 * before they get here; the escaping is a second line of defence.
 */
export function hclString(value: string): string {
  const chars = Array.from(value);
  let out = '';
  for (let i = 0; i < chars.length; i += 1) {
    const char = chars[i];
    const next = chars[i + 1];
    if (char === '\\') {
      out += '\\\\';
    } else if (char === '"') {
      out += '\\"';
    } else if (char === '\n') {
      out += '\\n';
    } else if (char === '\r') {
      out += '\\r';
    } else if (char === '\t') {
      out += '\\t';
    } else if ((char === '$' || char === '%') && next === '{') {
      out += `${char}${char}`;
    } else {
      const code = char.codePointAt(0)!;
      if (code > 0xffff) {
        out += `\\U${code.toString(16).padStart(8, '0')}`;
      } else if (code < 0x20 || code > 0x7e) {
        out += `\\u${code.toString(16).padStart(4, '0')}`;
      } else {
        out += char;
      }
    }
  }
  return `"${out}"`;
}

/** Renders a map of string literals, one `"key" = "value"` per line. */
export function hclStringMap(
  entries: Array<[string, string]>,
  indent: string,
): string {
  const width = Math.max(...entries.map(([key]) => hclString(key).length));
  return [
    '{',
    ...entries.map(
      ([key, value]) =>
        `${indent}  ${hclString(key).padEnd(width)} = ${hclString(value)}`,
    ),
    `${indent}}`,
  ].join('\n');
}
