import type { SchemaElement, SchemaTree } from 'hyparquet';

/**
 * What a Parquet column holds, as far as FOCUS cares: the physical type
 * and its logical (or legacy converted) annotation folded into one word.
 */
export type ParquetColumnKind =
  | 'string'
  | 'json'
  | 'number'
  | 'datetime'
  | 'boolean'
  | 'map'
  | 'nested'
  | 'other';

const TIMESTAMP_CONVERTED = new Set(['TIMESTAMP_MILLIS', 'TIMESTAMP_MICROS']);
const INTEGER_CONVERTED = new Set([
  'INT_8',
  'INT_16',
  'INT_32',
  'INT_64',
  'UINT_8',
  'UINT_16',
  'UINT_32',
  'UINT_64',
]);

function leafKind(element: SchemaElement): ParquetColumnKind {
  const logical = element.logical_type?.type;
  const converted = element.converted_type;
  if (
    logical === 'TIMESTAMP' ||
    logical === 'DATE' ||
    converted === 'DATE' ||
    (converted && TIMESTAMP_CONVERTED.has(converted)) ||
    (element.type === 'INT96' && !converted)
  ) {
    return 'datetime';
  }
  if (logical === 'DECIMAL' || converted === 'DECIMAL') {
    return 'number';
  }
  if (logical === 'JSON' || converted === 'JSON') {
    return 'json';
  }
  switch (element.type) {
    case 'BOOLEAN':
      return 'boolean';
    case 'INT32':
    case 'INT64':
    case 'FLOAT':
    case 'DOUBLE':
      return (!logical || logical === 'INTEGER') &&
        (!converted || INTEGER_CONVERTED.has(converted))
        ? 'number'
        : 'other';
    case 'BYTE_ARRAY':
      // unannotated byte arrays are read as UTF-8 text
      return !logical || logical === 'STRING' || logical === 'ENUM'
        ? 'string'
        : 'other';
    case 'FIXED_LEN_BYTE_ARRAY':
      return logical === 'STRING' || converted === 'UTF8' ? 'string' : 'other';
    default:
      return 'other';
  }
}

/** The kind of a top-level column of a Parquet schema. */
export function parquetColumnKind(column: SchemaTree): ParquetColumnKind {
  const { element } = column;
  if (column.children.length === 0) {
    return leafKind(element);
  }
  if (
    element.converted_type === 'MAP' ||
    element.converted_type === 'MAP_KEY_VALUE' ||
    element.logical_type?.type === 'MAP'
  ) {
    return 'map';
  }
  return 'nested';
}

/** How a kind is named in problem reports. */
export function describeParquetColumn(column: SchemaTree): string {
  const { element } = column;
  const annotation =
    element.logical_type?.type ?? element.converted_type ?? undefined;
  const physical = column.children.length > 0 ? 'group' : element.type;
  return annotation ? `${physical} (${annotation})` : String(physical);
}
