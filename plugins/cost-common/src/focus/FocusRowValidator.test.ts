import { FocusRowValidator } from './FocusRowValidator';

const HEADER = [
  'BilledCost',
  'BillingAccountId',
  'BillingAccountName',
  'BillingCurrency',
  'BillingPeriodStart',
  'BillingPeriodEnd',
  'ChargeCategory',
  'ChargeClass',
  'ChargeDescription',
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'ContractedCost',
  'EffectiveCost',
  'InvoiceIssuerName',
  'ListCost',
  'PricingQuantity',
  'PricingUnit',
  'ProviderName',
  'PublisherName',
  'ServiceCategory',
  'ServiceName',
  'RegionId',
  'ResourceId',
  'SubAccountId',
  'PricingCategory',
  'ConsumedQuantity',
  'Tags',
  'x_Custom',
];

function row(overrides: Record<string, string> = {}): string[] {
  const base: Record<string, string> = {
    BilledCost: '12.50',
    BillingAccountId: 'acc-1',
    BillingAccountName: '',
    BillingCurrency: 'EUR',
    BillingPeriodStart: '2026-01-01T00:00:00Z',
    BillingPeriodEnd: '2026-02-01T00:00:00Z',
    ChargeCategory: 'Usage',
    ChargeClass: '',
    ChargeDescription: 'vCPU hours',
    ChargePeriodStart: '2026-01-15T10:00:00Z',
    ChargePeriodEnd: '2026-01-15T11:00:00Z',
    ContractedCost: '12.50',
    EffectiveCost: '11.25',
    InvoiceIssuerName: 'Cloud Inc',
    ListCost: '15',
    PricingQuantity: '1',
    PricingUnit: 'Hours',
    ProviderName: 'Cloud Inc',
    PublisherName: 'Cloud Inc',
    ServiceCategory: 'Compute',
    ServiceName: 'Virtual Machines',
    RegionId: 'eu-west-1',
    ResourceId: 'i-123',
    SubAccountId: 'sub-9',
    PricingCategory: 'Standard',
    ConsumedQuantity: '1',
    Tags: '{"backstage-component":"checkout-service","flag":true}',
    x_Custom: 'anything',
    ...overrides,
  };
  return HEADER.map(h => base[h]);
}

function validator() {
  const { validator: v, problems } = FocusRowValidator.forHeader(HEADER);
  expect(problems).toEqual([]);
  return v!;
}

describe('FocusRowValidator', () => {
  it('reduces a valid row to what attribution needs', () => {
    const { row: r, problems } = validator().validate(row(), 2);
    expect(problems).toEqual([]);
    expect(r).toEqual({
      billingPeriodStart: '2026-01-01',
      day: '2026-01-15',
      currency: 'EUR',
      billedCost: 12.5,
      effectiveCost: 11.25,
      listCost: 15,
      chargeCategory: 'Usage',
      serviceName: 'Virtual Machines',
      serviceCategory: 'Compute',
      region: 'eu-west-1',
      account: 'sub-9',
      resourceId: 'i-123',
      allocationMethod: '',
      pricingCategory: 'Standard',
      commitmentDiscountStatus: '',
      consumedQuantity: 1,
      tags: { 'backstage-component': 'checkout-service', flag: 'true' },
    });
  });

  it('names every missing mandatory column', () => {
    const header = HEADER.filter(
      h => h !== 'EffectiveCost' && h !== 'ServiceName',
    );
    const { validator: v, problems } = FocusRowValidator.forHeader(header);
    expect(v).toBeUndefined();
    expect(problems).toEqual([
      {
        line: 1,
        column: 'EffectiveCost',
        message: "mandatory FOCUS column 'EffectiveCost' is missing",
      },
      {
        line: 1,
        column: 'ServiceName',
        message: "mandatory FOCUS column 'ServiceName' is missing",
      },
    ]);
  });

  it('accepts the FOCUS 1.3 provider columns instead of the deprecated ones', () => {
    const renamed: Record<string, string> = {
      ProviderName: 'ServiceProviderName',
      PublisherName: 'HostProviderName',
    };
    const header = HEADER.map(h => renamed[h] ?? h);
    expect(FocusRowValidator.forHeader(header).problems).toEqual([]);
  });

  it('recognises a semicolon- or tab-delimited file', () => {
    expect(
      FocusRowValidator.forHeader([HEADER.join(';')]).problems[0].message,
    ).toMatch(/delimited by ';'/);
    expect(
      FocusRowValidator.forHeader([HEADER.join('\t')]).problems[0].message,
    ).toMatch(/delimited by a tab/);
  });

  it('rejects duplicate and unnamed header columns, and strips a BOM', () => {
    expect(
      FocusRowValidator.forHeader([...HEADER, 'Tags', '']).problems,
    ).toEqual([
      {
        line: 1,
        column: 'Tags',
        message: "column 'Tags' appears more than once",
      },
      { line: 1, message: 'column 30 of the header has no name' },
    ]);
    const bom = [`\uFEFF${HEADER[0]}`, ...HEADER.slice(1)];
    expect(FocusRowValidator.forHeader(bom).problems).toEqual([]);
  });

  it.each([
    ['BilledCost', '1,000.00', "'1,000.00' is not a decimal number"],
    ['BilledCost', 'NaN', "'NaN' is not a decimal number"],
    ['ListCost', 'Infinity', "'Infinity' is not a decimal number"],
    ['ListCost', '1e400', "'1e400' is not a decimal number"],
    ['EffectiveCost', '$(rm -rf /)', "'$(rm -rf /)' is not a decimal number"],
    ['EffectiveCost', '', 'value must not be empty'],
    [
      'ChargePeriodStart',
      '2026-02-30T00:00:00Z',
      "'2026-02-30T00:00:00Z' is not an ISO 8601 date/time (YYYY-MM-DDTHH:mm:ssZ)",
    ],
    [
      'BillingPeriodStart',
      '15/01/2026',
      "'15/01/2026' is not an ISO 8601 date/time (YYYY-MM-DDTHH:mm:ssZ)",
    ],
    [
      'ChargeCategory',
      'usage',
      "'usage' is not one of 'Usage', 'Purchase', 'Tax', 'Credit', 'Adjustment'",
    ],
    ['BillingCurrency', 'euro', "'euro' is not an ISO 4217 currency code"],
    ['Tags', '{not json', 'value is not valid JSON'],
    ['Tags', '["a"]', 'value must be a JSON object of tag keys to values'],
    [
      'Tags',
      '{"a":{"b":1}}',
      "tag 'a' must have a string, number or boolean value",
    ],
    [
      'BillingPeriodEnd',
      '2026-01-01T00:00:00Z',
      'BillingPeriodEnd must be after BillingPeriodStart',
    ],
  ])('rejects %s = %j', (column, value, message) => {
    const result = validator().validate(row({ [column]: value }), 7);
    expect(result.row).toBeUndefined();
    expect(result.problems).toEqual([{ line: 7, column, message }]);
  });

  it('shortens hostile values in messages and keeps them on one line', () => {
    const hostile = `\${{ github.token }}\n${'x'.repeat(100)}`;
    const { problems } = validator().validate(row({ BilledCost: hostile }), 3);
    expect(problems[0].message).toBe(
      `'\${{ github.token }} ${'x'.repeat(20)}…' is not a decimal number`,
    );
  });

  it('keeps strings with quotes, newlines and template syntax as data', () => {
    const { row: r } = validator().validate(
      row({ ChargeDescription: 'a "quoted"\nline ${{ x }} ../../etc' }),
      2,
    );
    expect(r).toBeDefined();
  });

  it('rejects a currency differing from earlier rows of the file', () => {
    const v = validator();
    expect(v.validate(row(), 2).problems).toEqual([]);
    expect(v.validate(row({ BillingCurrency: 'USD' }), 3).problems).toEqual([
      {
        line: 3,
        column: 'BillingCurrency',
        message:
          'currency USD differs from EUR used by earlier rows; a file must use one billing currency',
      },
    ]);
    expect(v.fileCurrency).toBe('EUR');
  });

  it('rejects a record with the wrong number of fields', () => {
    expect(validator().validate(row().slice(0, 5), 9).problems).toEqual([
      { line: 9, message: 'expected 28 fields as in the header, found 5' },
    ]);
  });

  it('uses BillingAccountId and RegionName when the conditional columns are empty', () => {
    const header = [...HEADER, 'RegionName'];
    const v = FocusRowValidator.forHeader(header).validator!;
    const { row: r } = v.validate(
      [...row({ SubAccountId: '', RegionId: '' }), 'West Europe'],
      2,
    );
    expect(r?.account).toBe('acc-1');
    expect(r?.region).toBe('West Europe');
  });
});

describe('FocusRowValidator with FOCUS 1.3 columns', () => {
  const RENAMED_13: Record<string, string> = {
    ProviderName: 'ServiceProviderName',
    PublisherName: 'HostProviderName',
  };
  const HEADER_13 = [
    ...HEADER.map(h => RENAMED_13[h] ?? h),
    'AllocatedMethodId',
    'AllocatedMethodDetails',
    'AllocatedResourceId',
    'AllocatedResourceName',
    'AllocatedTags',
    'ContractApplied',
  ];
  const row13 = (overrides: Record<string, string>) => {
    const base = row();
    const values: Record<string, string> = {
      ServiceProviderName: 'Cloud Inc',
      HostProviderName: 'Cloud Inc',
      AllocatedMethodId: '',
      AllocatedMethodDetails: '',
      AllocatedResourceId: '',
      AllocatedResourceName: '',
      AllocatedTags: '',
      ContractApplied: '',
      ...overrides,
    };
    return HEADER_13.map((h, i) => (h in values ? values[h] : base[i]));
  };
  const validator13 = () => {
    const { validator: v, problems } = FocusRowValidator.forHeader(HEADER_13);
    expect(problems).toEqual([]);
    return v!;
  };

  it('attributes a split-cost row by its allocated resource and tags', () => {
    const { row: r, problems } = validator13().validate(
      row13({
        AllocatedMethodId: 'k8s-cpu-request',
        AllocatedMethodDetails: '{"Elements":[{"AllocatedRatio":0.25}]}',
        AllocatedResourceId: 'ns/checkout',
        AllocatedResourceName: 'checkout',
        AllocatedTags: '{"backstage-component":"checkout-worker"}',
      }),
      4,
    );
    expect(problems).toEqual([]);
    expect(r).toMatchObject({
      resourceId: 'ns/checkout',
      allocationMethod: 'k8s-cpu-request',
      tags: { 'backstage-component': 'checkout-worker' },
    });
  });

  it('keeps the resource and its tags when a row was not split', () => {
    const { row: r } = validator13().validate(row13({}), 4);
    expect(r).toMatchObject({
      resourceId: 'i-123',
      allocationMethod: '',
      tags: { 'backstage-component': 'checkout-service', flag: 'true' },
    });
  });

  // Bad inputs tried: AllocatedTags not JSON or not an object or nested,
  // AllocatedMethodDetails and ContractApplied not JSON objects.
  it.each([
    ['AllocatedTags', '{oops', 'value is not valid JSON'],
    [
      'AllocatedTags',
      '[1]',
      'value must be a JSON object of tag keys to values',
    ],
    [
      'AllocatedTags',
      '{"team":[1]}',
      "tag 'team' must have a string, number or boolean value",
    ],
    ['AllocatedMethodDetails', '{"Elements":', 'value must be a JSON object'],
    ['ContractApplied', '"text"', 'value must be a JSON object'],
  ])('rejects %s = %j', (column, value, message) => {
    const result = validator13().validate(row13({ [column]: value }), 9);
    expect(result.row).toBeUndefined();
    expect(result.problems).toEqual([{ line: 9, column, message }]);
  });
});
