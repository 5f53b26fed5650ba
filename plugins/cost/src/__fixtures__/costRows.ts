import { CostRow } from './InMemoryCostApi';

export const FIRST_DAY = '2025-10-01';
export const LAST_DAY = '2026-11-20';
export const CHECKOUT = 'component:default/checkout-service';
export const SEARCH = 'component:default/search-service';
export const SPIKE_DAY = '2026-10-15';

function row(
  day: string,
  values: Partial<CostRow> & Pick<CostRow, 'amount' | 'resource'>,
): CostRow {
  return {
    day,
    entityRef: CHECKOUT,
    owner: 'checkout-team',
    service: 'Virtual Machines',
    category: 'Compute',
    region: 'eu-west-1',
    account: 'acct-1',
    currency: 'EUR',
    consumedQuantity: 24,
    pricing: 'Standard',
    ...values,
  };
}

/**
 * Spend in EUR from 2025-10-01 to 2026-11-20, simple enough to check by hand:
 *
 * - checkout-service (owner tag `checkout-team`): a virtual machine at 30 a
 *   day, 400 on 2026-10-15 (the anomaly), and a volume at 10 a day (`vol-7`,
 *   used, up to October; `vol-9`, idle, from November 1st): 40 a day.
 * - search-service (`search-team`): a committed virtual machine at 50 a day.
 * - a batch job tagged with the owner `legacy-team` (no such catalog group)
 *   at 5 a day, and untagged object storage at 8 a day.
 */
export function costRows(): CostRow[] {
  const rows: CostRow[] = [];
  for (
    let time = Date.parse(`${FIRST_DAY}T00:00:00Z`);
    time <= Date.parse(`${LAST_DAY}T00:00:00Z`);
    time += 86_400_000
  ) {
    const day = new Date(time).toISOString().slice(0, 10);
    const november = day >= '2026-11-01';
    rows.push(
      row(day, {
        resource: 'vm-checkout-1',
        amount: day === SPIKE_DAY ? 400 : 30,
      }),
      row(day, {
        service: 'Block Storage',
        category: 'Storage',
        resource: november ? 'vol-9' : 'vol-7',
        amount: 10,
        consumedQuantity: november ? 0 : 100,
        pricing: null,
      }),
      row(day, {
        entityRef: SEARCH,
        owner: 'search-team',
        region: 'eu-central-1',
        resource: 'vm-search-1',
        amount: 50,
        pricing: 'Committed',
      }),
      row(day, {
        entityRef: 'component:default/legacy-batch',
        owner: 'legacy-team',
        resource: 'vm-batch-1',
        amount: 5,
      }),
      row(day, {
        entityRef: null,
        owner: '',
        service: 'Object Storage',
        category: 'Storage',
        resource: 'bucket-logs',
        amount: 8,
        consumedQuantity: 1000,
        pricing: null,
      }),
    );
  }
  return rows;
}
