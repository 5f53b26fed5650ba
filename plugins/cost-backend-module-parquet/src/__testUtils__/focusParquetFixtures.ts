import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { readFileSync } from 'node:fs';
import { ByteWriter, parquetWrite } from 'hyparquet-writer';

/** The cost backend's small FOCUS CSV export (10 rows, EUR 95 in total). */
export const FOCUS_SMALL_CSV = readFileSync(
  resolvePackagePath(
    '@opsdeck/plugin-cost-backend',
    'src/__fixtures__/focus-small.csv',
  ),
);

/** Splits one CSV line; quoted cells may contain commas and `""`. */
export function csvCells(line: string): string[] {
  const cells: string[] = [];
  let at = 0;
  while (at <= line.length) {
    if (line[at] === '"') {
      let end = at + 1;
      let text = '';
      for (;;) {
        const quote = line.indexOf('"', end);
        text += line.slice(end, quote);
        if (line[quote + 1] === '"') {
          text += '"';
          end = quote + 2;
        } else {
          end = quote + 1;
          break;
        }
      }
      cells.push(text);
      at = end + 1;
    } else {
      const comma = line.indexOf(',', at);
      const end = comma === -1 ? line.length : comma;
      cells.push(line.slice(at, end));
      at = end + 1;
    }
  }
  return cells;
}

/** Header and rows of a CSV file without line breaks inside cells. */
export function csvTable(csv: Buffer): FocusTable {
  const [header, ...rows] = csv.toString('utf8').trimEnd().split('\n');
  return { header: csvCells(header), rows: rows.map(csvCells) };
}

/** A schema element as the writer takes it. */
type SchemaElement = NonNullable<
  Parameters<typeof parquetWrite>[0]['schema']
>[number];

/** How a fixture column is stored in Parquet. */
export type FixtureColumnType =
  | 'string'
  | 'double'
  | 'decimal'
  | 'timestamp'
  | 'map'
  | 'boolean';

const DECIMAL_COLUMNS = new Set(['BilledCost', 'EffectiveCost']);
const DOUBLE_COLUMNS = new Set([
  'ContractedCost',
  'ListCost',
  'PricingQuantity',
  'ConsumedQuantity',
]);

/** The type a FOCUS 1.0 Parquet export uses for a column. */
export function exportColumnType(name: string): FixtureColumnType {
  if (DECIMAL_COLUMNS.has(name)) return 'decimal';
  if (DOUBLE_COLUMNS.has(name)) return 'double';
  if (name.endsWith('Start') || name.endsWith('End')) return 'timestamp';
  if (name === 'Tags') return 'map';
  return 'string';
}

function schemaOf(name: string, type: FixtureColumnType): SchemaElement[] {
  const optional = { name, repetition_type: 'OPTIONAL' as const };
  switch (type) {
    case 'decimal':
      return [
        {
          ...optional,
          type: 'FIXED_LEN_BYTE_ARRAY',
          type_length: 8,
          converted_type: 'DECIMAL',
          precision: 18,
          scale: 4,
        },
      ];
    case 'double':
      return [{ ...optional, type: 'DOUBLE' }];
    case 'timestamp':
      return [
        {
          ...optional,
          type: 'INT64',
          logical_type: {
            type: 'TIMESTAMP',
            isAdjustedToUTC: true,
            unit: 'MILLIS',
          },
        },
      ];
    case 'boolean':
      return [{ ...optional, type: 'BOOLEAN' }];
    case 'map':
      return [
        { ...optional, num_children: 1, converted_type: 'MAP' },
        { name: 'key_value', repetition_type: 'REPEATED', num_children: 2 },
        {
          name: 'key',
          repetition_type: 'REQUIRED',
          type: 'BYTE_ARRAY',
          converted_type: 'UTF8',
        },
        {
          name: 'value',
          repetition_type: 'OPTIONAL',
          type: 'BYTE_ARRAY',
          converted_type: 'UTF8',
        },
      ];
    default:
      return [{ ...optional, type: 'BYTE_ARRAY', converted_type: 'UTF8' }];
  }
}

function valueOf(cell: string, type: FixtureColumnType): unknown {
  if (cell === '') return null;
  switch (type) {
    case 'decimal':
    case 'double':
      return Number(cell);
    case 'timestamp':
      return new Date(cell);
    case 'boolean':
      return cell === 'true';
    case 'map':
      return JSON.parse(cell);
    default:
      return cell;
  }
}

/** A table of FOCUS text cells. */
export interface FocusTable {
  header: string[];
  rows: string[][];
}

/** The Parquet schema of a FOCUS table, each column typed by `typeOf`. */
export function focusParquetSchema(
  header: string[],
  typeOf: (name: string) => FixtureColumnType = exportColumnType,
): SchemaElement[] {
  return [
    { name: 'root', num_children: header.length },
    ...header.flatMap(name => schemaOf(name, typeOf(name))),
  ];
}

/** The columns of a FOCUS table as typed Parquet values. */
export function focusParquetColumns(
  table: FocusTable,
  typeOf: (name: string) => FixtureColumnType = exportColumnType,
) {
  return table.header.map((name, c) => {
    const type = typeOf(name);
    return { name, data: table.rows.map(row => valueOf(row[c] ?? '', type)) };
  });
}

/**
 * Writes a table of FOCUS text cells as a Parquet file, each column stored
 * with the type `typeOf` gives it, in row groups of `rowGroupSize` rows.
 */
export function writeFocusParquet(
  table: FocusTable,
  options: {
    typeOf?: (name: string) => FixtureColumnType;
    rowGroupSize?: number;
  } = {},
): Buffer {
  const writer = new ByteWriter();
  parquetWrite({
    writer,
    schema: focusParquetSchema(table.header, options.typeOf),
    columnData: focusParquetColumns(table, options.typeOf),
    rowGroupSize: options.rowGroupSize ?? 1000,
  });
  return Buffer.from(writer.getBuffer());
}
