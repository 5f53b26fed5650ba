/** ISO 8601 in UTC, without milliseconds when they are zero. */
function isoText(date: Date): string {
  if (Number.isNaN(date.getTime())) {
    return 'invalid date';
  }
  return date.toISOString().replace('.000Z', 'Z');
}

function jsonValue(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value.toString();
  }
  if (value instanceof Uint8Array) {
    return Buffer.from(value).toString('base64');
  }
  return value;
}

/**
 * A Parquet value as FOCUS text: null is the empty cell, numbers are plain
 * decimals, instants ISO 8601 UTC, maps and groups JSON objects.
 */
export function focusCellText(value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' || typeof value === 'bigint') {
    return String(value);
  }
  if (typeof value === 'boolean') {
    return value ? 'true' : 'false';
  }
  if (value instanceof Date) {
    return isoText(value);
  }
  if (value instanceof Uint8Array) {
    return Buffer.from(value).toString('base64');
  }
  return JSON.stringify(value, function replacer(key, v) {
    const raw = (this as Record<string, unknown>)[key];
    return raw instanceof Date ? isoText(raw) : jsonValue(key, v);
  });
}
