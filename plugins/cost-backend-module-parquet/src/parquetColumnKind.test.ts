import type { SchemaTree } from 'hyparquet';
import { describeParquetColumn, parquetColumnKind } from './parquetColumnKind';

const leaf = (element: Partial<SchemaTree['element']>): SchemaTree => ({
  element: { name: 'c', ...element },
  children: [],
  count: 1,
  path: ['c'],
});

describe('parquetColumnKind', () => {
  it.each<[Partial<SchemaTree['element']>, string]>([
    [{ type: 'BYTE_ARRAY' }, 'string'],
    [{ type: 'BYTE_ARRAY', converted_type: 'UTF8' }, 'string'],
    [{ type: 'BYTE_ARRAY', logical_type: { type: 'ENUM' } }, 'string'],
    [{ type: 'BYTE_ARRAY', converted_type: 'JSON' }, 'json'],
    [{ type: 'BYTE_ARRAY', logical_type: { type: 'UUID' } }, 'other'],
    [{ type: 'DOUBLE' }, 'number'],
    [{ type: 'INT64', converted_type: 'UINT_64' }, 'number'],
    [
      {
        type: 'INT32',
        logical_type: { type: 'INTEGER', bitWidth: 16, isSigned: true },
      },
      'number',
    ],
    [
      {
        type: 'FIXED_LEN_BYTE_ARRAY',
        logical_type: { type: 'DECIMAL', precision: 18, scale: 4 },
      },
      'number',
    ],
    [{ type: 'INT64', converted_type: 'TIMESTAMP_MICROS' }, 'datetime'],
    [{ type: 'INT32', converted_type: 'DATE' }, 'datetime'],
    [{ type: 'INT96' }, 'datetime'],
    [
      {
        type: 'INT64',
        logical_type: { type: 'TIME', isAdjustedToUTC: true, unit: 'MICROS' },
      },
      'other',
    ],
    [{ type: 'BOOLEAN' }, 'boolean'],
  ])('classifies %j as %s', (element, kind) => {
    expect(parquetColumnKind(leaf(element))).toBe(kind);
  });

  it('tells maps from other groups and names them', () => {
    const group = (converted_type?: 'MAP' | 'LIST'): SchemaTree => ({
      element: { name: 'Tags', converted_type, num_children: 1 },
      children: [leaf({ type: 'BYTE_ARRAY' })],
      count: 2,
      path: ['Tags'],
    });
    expect(parquetColumnKind(group('MAP'))).toBe('map');
    expect(parquetColumnKind(group('LIST'))).toBe('nested');
    expect(parquetColumnKind(group())).toBe('nested');
    expect(describeParquetColumn(group('MAP'))).toBe('group (MAP)');
    expect(describeParquetColumn(leaf({ type: 'INT96' }))).toBe('INT96');
  });
});
