import { FOCUS_COLUMNS, FocusColumnType } from '@opsdeck/plugin-cost-common';
import type { SchemaTree } from 'hyparquet';
import {
  describeParquetColumn,
  ParquetColumnKind,
  parquetColumnKind,
} from './parquetColumnKind';

/** Parquet kinds that can hold each FOCUS value type. */
const ACCEPTED_KINDS: Record<FocusColumnType, readonly ParquetColumnKind[]> = {
  decimal: ['number', 'string'],
  datetime: ['datetime', 'string'],
  string: ['string'],
  currency: ['string'],
  json: ['map', 'json', 'string'],
};

const KIND_NAMES: Record<ParquetColumnKind, string> = {
  string: 'a string',
  json: 'JSON text',
  number: 'a number or DECIMAL',
  datetime: 'a TIMESTAMP or DATE',
  boolean: 'a boolean',
  map: 'a MAP',
  nested: 'a group',
  other: 'another type',
};

const FOCUS_TYPES = new Map<string, FocusColumnType>(
  FOCUS_COLUMNS.flatMap(def => [
    [def.name, def.type] as const,
    ...(def.alternatives ?? []).map(alt => [alt, def.type] as const),
  ]),
);

/**
 * Checks that each FOCUS column of a Parquet schema has a type that can
 * hold its FOCUS value type. Returns the first mismatch as a sentence, or
 * undefined when every column fits. Columns FOCUS does not define (`x_`
 * custom columns) may have any type.
 */
export function findFocusTypeMismatch(
  columns: readonly SchemaTree[],
): string | undefined {
  for (const column of columns) {
    const focusType = FOCUS_TYPES.get(column.element.name);
    if (!focusType) {
      continue;
    }
    const kind = parquetColumnKind(column);
    const accepted = ACCEPTED_KINDS[focusType];
    if (!accepted.includes(kind)) {
      return `column ${column.element.name} is ${
        KIND_NAMES[kind]
      } (Parquet ${describeParquetColumn(
        column,
      )}); FOCUS ${focusType} columns must be ${accepted
        .map(k => KIND_NAMES[k])
        .join(' or ')}`;
    }
  }
  return undefined;
}
