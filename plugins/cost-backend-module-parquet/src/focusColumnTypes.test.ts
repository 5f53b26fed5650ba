import type { SchemaTree } from 'hyparquet';
import { findFocusTypeMismatch } from './focusColumnTypes';

const leaf = (
  name: string,
  element: Partial<SchemaTree['element']>,
): SchemaTree => ({
  element: { name, ...element },
  children: [],
  count: 1,
  path: [name],
});

describe('findFocusTypeMismatch', () => {
  it('accepts the types FOCUS exports use, and any type for custom columns', () => {
    expect(
      findFocusTypeMismatch([
        leaf('BilledCost', {
          type: 'FIXED_LEN_BYTE_ARRAY',
          converted_type: 'DECIMAL',
        }),
        leaf('ListCost', { type: 'DOUBLE' }),
        leaf('PricingQuantity', { type: 'BYTE_ARRAY', converted_type: 'UTF8' }),
        leaf('ChargePeriodStart', {
          type: 'INT64',
          logical_type: {
            type: 'TIMESTAMP',
            isAdjustedToUTC: true,
            unit: 'MICROS',
          },
        }),
        leaf('BillingPeriodStart', { type: 'INT96' }),
        leaf('ServiceProviderName', {
          type: 'BYTE_ARRAY',
          logical_type: { type: 'STRING' },
        }),
        leaf('x_Discounted', { type: 'BOOLEAN' }),
        {
          element: { name: 'Tags', converted_type: 'MAP', num_children: 1 },
          children: [leaf('key_value', {})],
          count: 2,
          path: ['Tags'],
        },
      ]),
    ).toBeUndefined();
  });

  // Bad inputs tried: a number in a string column (also under a FOCUS 1.3
  // alternative name), a list where JSON is expected, an INT32 DATE-less
  // time of day in a date/time column.
  it.each<[SchemaTree, string]>([
    [
      leaf('BillingAccountId', { type: 'INT64' }),
      'column BillingAccountId is a number or DECIMAL (Parquet INT64); FOCUS string columns must be a string',
    ],
    [
      leaf('ServiceProviderName', { type: 'INT32' }),
      'column ServiceProviderName is a number or DECIMAL (Parquet INT32); FOCUS string columns must be a string',
    ],
    [
      {
        element: { name: 'Tags', converted_type: 'LIST', num_children: 1 },
        children: [leaf('list', {})],
        count: 2,
        path: ['Tags'],
      },
      'column Tags is a group (Parquet group (LIST)); FOCUS json columns must be a MAP or JSON text or a string',
    ],
    [
      leaf('ChargePeriodEnd', {
        type: 'INT32',
        logical_type: { type: 'TIME', isAdjustedToUTC: true, unit: 'MILLIS' },
      }),
      'column ChargePeriodEnd is another type (Parquet INT32 (TIME)); FOCUS datetime columns must be a TIMESTAMP or DATE or a string',
    ],
  ])('rejects %#', (column, message) => {
    expect(findFocusTypeMismatch([column])).toBe(message);
  });
});
