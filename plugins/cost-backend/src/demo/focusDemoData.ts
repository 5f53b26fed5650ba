import { addDays } from '@opsdeck/plugin-cost-common';
/**
 * Deterministic FOCUS 1.2 cost and usage rows for the demo organisation and
 * for benchmarks. No imports, so Node can run it directly.
 */

export interface FocusDemoOptions {
  /** First day, `YYYY-MM-DD`. */
  start: string;
  /** Last day, inclusive, `YYYY-MM-DD`. */
  end: string;
  /** One row per resource and hour instead of per day. */
  hourly?: boolean;
  /** Copies of each tagged resource (scales the row count). */
  resourceCopies?: number;
  /** Seed of the pseudo-random generator. */
  seed?: number;
}

export const FOCUS_DEMO_HEADER = [
  'BilledCost',
  'BillingAccountId',
  'BillingAccountName',
  'BillingCurrency',
  'BillingPeriodStart',
  'BillingPeriodEnd',
  'ChargeCategory',
  'ChargeClass',
  'ChargeDescription',
  'ChargeFrequency',
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'ContractedCost',
  'EffectiveCost',
  'InvoiceIssuerName',
  'ListCost',
  'PricingCategory',
  'PricingQuantity',
  'PricingUnit',
  'ProviderName',
  'PublisherName',
  'RegionId',
  'ResourceId',
  'ServiceCategory',
  'ServiceName',
  'SubAccountId',
  'ConsumedQuantity',
  'Tags',
];

interface DemoResource {
  id: string;
  component?: string;
  owner?: string;
  system?: string;
  serviceCategory: string;
  serviceName: string;
  /** Effective cost per day at the start. */
  daily: number;
  pricing: 'Standard' | 'Committed';
  region: string;
  unit: string;
  /** Daily growth rate (0.01 = +1 % a day). */
  growth?: number;
  /** Days (`YYYY-MM-DD`) with spend multiplied by `spikeFactor`. */
  spikeDays?: string[];
  spikeFactor?: number;
  /** From this day on the resource is billed with no usage. */
  idleFrom?: string;
}

const COMPONENTS: Array<[string, string, string]> = [
  ['checkout-service', 'checkout-team', 'shop'],
  ['payments-api', 'checkout-team', 'shop'],
  ['search-service', 'search-team', 'discovery'],
  ['recommendations', 'search-team', 'discovery'],
  ['web-storefront', 'web-team', 'shop'],
];

function demoResources(end: string): DemoResource[] {
  const [checkout, payments, search, recs, web] = COMPONENTS;
  const tag = (c: [string, string, string]) => ({
    component: c[0],
    owner: c[1],
    system: c[2],
  });
  const lastMonth = addDays(end, -29);
  return [
    {
      id: 'i-checkout-1',
      ...tag(checkout),
      serviceCategory: 'Compute',
      serviceName: 'Virtual Machines',
      daily: 48,
      pricing: 'Committed',
      region: 'eu-west-1',
      unit: 'Hours',
    },
    {
      id: 'i-checkout-2',
      ...tag(checkout),
      serviceCategory: 'Compute',
      serviceName: 'Virtual Machines',
      daily: 36,
      pricing: 'Standard',
      region: 'eu-west-1',
      unit: 'Hours',
    },
    {
      id: 'vol-checkout',
      ...tag(checkout),
      serviceCategory: 'Storage',
      serviceName: 'Block Storage',
      daily: 6,
      pricing: 'Standard',
      region: 'eu-west-1',
      unit: 'GB-Months',
    },
    {
      id: 'i-payments-1',
      ...tag(payments),
      serviceCategory: 'Compute',
      serviceName: 'Virtual Machines',
      daily: 30,
      pricing: 'Standard',
      region: 'eu-west-1',
      unit: 'Hours',
    },
    {
      id: 'db-payments',
      component: 'payments-db',
      owner: 'platform',
      system: 'shop',
      serviceCategory: 'Databases',
      serviceName: 'Managed PostgreSQL',
      daily: 55,
      pricing: 'Committed',
      region: 'eu-west-1',
      unit: 'Hours',
    },
    {
      id: 'db-orders',
      component: 'orders-db',
      owner: 'platform',
      system: 'shop',
      serviceCategory: 'Databases',
      serviceName: 'Managed PostgreSQL',
      daily: 42,
      pricing: 'Committed',
      region: 'eu-west-1',
      unit: 'Hours',
    },
    {
      id: 'i-search-1',
      ...tag(search),
      serviceCategory: 'Compute',
      serviceName: 'Virtual Machines',
      daily: 64,
      pricing: 'Standard',
      region: 'eu-central-1',
      unit: 'Hours',
      spikeDays: [addDays(end, -12), addDays(end, -11)],
      spikeFactor: 4,
    },
    {
      id: 'es-search',
      ...tag(search),
      serviceCategory: 'Analytics',
      serviceName: 'Managed Search',
      daily: 40,
      pricing: 'Standard',
      region: 'eu-central-1',
      unit: 'Hours',
    },
    {
      id: 'gpu-recs-1',
      ...tag(recs),
      serviceCategory: 'AI and Machine Learning',
      serviceName: 'GPU Instances',
      daily: 72,
      pricing: 'Standard',
      region: 'eu-central-1',
      unit: 'Hours',
      idleFrom: lastMonth,
    },
    {
      id: 'i-recs-1',
      ...tag(recs),
      serviceCategory: 'Compute',
      serviceName: 'Virtual Machines',
      daily: 12,
      pricing: 'Standard',
      region: 'eu-central-1',
      unit: 'Hours',
    },
    {
      id: 'i-web-1',
      ...tag(web),
      serviceCategory: 'Compute',
      serviceName: 'Virtual Machines',
      daily: 22,
      pricing: 'Standard',
      region: 'us-east-1',
      unit: 'Hours',
    },
    {
      id: 'cdn-web',
      ...tag(web),
      serviceCategory: 'Networking',
      serviceName: 'Data Transfer',
      daily: 9,
      pricing: 'Standard',
      region: 'us-east-1',
      unit: 'GB',
      growth: 0.012,
    },
    {
      id: 'bucket-web',
      ...tag(web),
      serviceCategory: 'Storage',
      serviceName: 'Object Storage',
      daily: 4,
      pricing: 'Standard',
      region: 'us-east-1',
      unit: 'GB-Months',
    },
    {
      id: 'nat-shared',
      serviceCategory: 'Networking',
      serviceName: 'NAT Gateway',
      daily: 18,
      pricing: 'Standard',
      region: 'eu-west-1',
      unit: 'Hours',
    },
    {
      id: 'logs-shared',
      serviceCategory: 'Management and Governance',
      serviceName: 'Log Storage',
      daily: 14,
      pricing: 'Standard',
      region: 'eu-west-1',
      unit: 'GB',
    },
  ];
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function monthBounds(day: string): [string, string] {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  const next =
    m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return [`${day.slice(0, 7)}-01T00:00:00Z`, `${next}-01T00:00:00Z`];
}

/** Yields the header line, then one CSV line per row. */
export function* generateFocusDemoCsv(
  options: FocusDemoOptions,
): Generator<string> {
  const random = mulberry32(options.seed ?? 42);
  const copies = options.resourceCopies ?? 1;
  const slots = options.hourly ? 24 : 1;
  const base = demoResources(options.end);
  const resources: DemoResource[] = [];
  for (let c = 0; c < copies; c++) {
    for (const r of base) {
      resources.push(copies === 1 ? r : { ...r, id: `${r.id}-${c}` });
    }
  }
  yield `${FOCUS_DEMO_HEADER.join(',')}\n`;
  let dayIndex = 0;
  for (
    let day = options.start;
    day <= options.end;
    day = addDays(day, 1), dayIndex++
  ) {
    const [periodStart, periodEnd] = monthBounds(day);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    const weekly = weekday === 0 || weekday === 6 ? 0.8 : 1;
    for (const r of resources) {
      const tags: Record<string, string> = {};
      if (r.component) tags['backstage-component'] = r.component;
      if (r.owner) tags['backstage-owner'] = r.owner;
      if (r.system) tags['backstage-system'] = r.system;
      if (r.component) tags['backstage-environment'] = 'production';
      const tagText = Object.keys(tags).length ? JSON.stringify(tags) : '';
      const spike = r.spikeDays?.includes(day) ? r.spikeFactor ?? 1 : 1;
      const idle = r.idleFrom !== undefined && day >= r.idleFrom;
      const dailyAmount =
        r.daily * weekly * spike * Math.pow(1 + (r.growth ?? 0), dayIndex);
      for (let s = 0; s < slots; s++) {
        const noise = 0.95 + random() * 0.1;
        const effective =
          Math.round((dailyAmount / slots) * noise * 10_000) / 10_000;
        const list =
          Math.round(
            effective * (r.pricing === 'Committed' ? 1.4 : 1) * 10_000,
          ) / 10_000;
        const quantity =
          r.unit === 'Hours' ? 24 / slots : Math.round(effective * 100) / 10;
        const startTime = options.hourly
          ? `${day}T${String(s).padStart(2, '0')}:00:00Z`
          : `${day}T00:00:00Z`;
        const endTime = options.hourly
          ? new Date(Date.parse(startTime) + 3_600_000)
              .toISOString()
              .replace('.000', '')
          : `${addDays(day, 1)}T00:00:00Z`;
        const fields = [
          String(effective),
          'ba-northwind',
          'Northwind Shop',
          'EUR',
          periodStart,
          periodEnd,
          'Usage',
          '',
          `${r.serviceName} ${r.id}`,
          'Usage-Based',
          startTime,
          endTime,
          String(effective),
          String(effective),
          'Example Cloud',
          String(list),
          r.pricing,
          String(quantity),
          r.unit,
          'Example Cloud',
          'Example Cloud',
          r.region,
          r.id,
          r.serviceCategory,
          r.serviceName,
          r.owner ? `acct-${r.owner}` : 'acct-shared',
          idle ? '0' : String(quantity),
          tagText,
        ];
        yield `${fields.map(csvField).join(',')}\n`;
      }
    }
  }
}
