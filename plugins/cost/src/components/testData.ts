import { CostApi } from '../api/CostApi';

export const SUMMARY = {
  entityRef: 'component:default/checkout-service',
  from: '2026-01-01',
  to: '2026-01-30',
  totals: [
    {
      currency: 'EUR',
      amount: 1250,
      previousAmount: 1000,
      change: { amount: 250, ratio: 0.25 },
    },
  ],
};

export const FORECAST = {
  entityRef: SUMMARY.entityRef,
  currency: 'EUR',
  month: '2026-01',
  lastDayWithData: '2026-01-30',
  actualToDate: 1234.5,
  forecastTotal: 1300,
  trend: { slope: 1, intercept: 40 },
  projectedDays: [{ date: '2026-01-31', amount: 65.5 }],
  budget: {
    amount: 1240,
    currency: 'EUR',
    usedRatio: 0.99,
    forecastRatio: 1.048,
    state: 'at-risk' as const,
  },
};

export const DAILY = {
  entityRef: SUMMARY.entityRef,
  from: '2026-01-29',
  to: '2026-01-30',
  dimension: 'service' as const,
  currency: 'EUR',
  days: [
    {
      date: '2026-01-29',
      amount: 40,
      breakdown: { 'Virtual Machines': 30, 'Block Storage': 10 },
    },
    {
      date: '2026-01-30',
      amount: 42,
      breakdown: { 'Virtual Machines': 32, 'Block Storage': 10 },
    },
  ],
};

export const ANOMALIES = {
  entityRef: SUMMARY.entityRef,
  currency: 'EUR',
  method: 'rolling median and MAD',
  anomalies: [
    {
      date: '2026-01-20',
      amount: 400,
      expected: 100,
      excess: 300,
      score: null,
    },
  ],
};

export const HINTS = {
  entityRef: SUMMARY.entityRef,
  from: '2026-01-01',
  to: '2026-01-30',
  hints: [
    {
      kind: 'idle-resource' as const,
      title: 'Idle resource vol-9',
      detail: 'Block Storage billed with no consumed quantity over the period.',
      amount: 40,
      estimatedSaving: 40,
      currency: 'EUR',
      subject: 'vol-9',
    },
  ],
};

export const OVERVIEW = {
  from: '2026-01-01',
  to: '2026-01-30',
  currency: 'EUR',
  total: 5000,
  unallocated: 250,
  byOwner: [
    {
      owner: 'checkout-team',
      amount: 3000,
      previousAmount: 2500,
      change: { amount: 500, ratio: 0.2 },
    },
  ],
};

/** A CostApi answering with the figures above. */
export function costApiWith(overrides: Partial<CostApi> = {}): CostApi {
  return {
    getSummary: jest.fn(async () => SUMMARY),
    getDaily: jest.fn(async () => DAILY),
    getForecast: jest.fn(async () => FORECAST),
    getAnomalies: jest.fn(async () => ANOMALIES),
    getHints: jest.fn(async () => HINTS),
    getOverview: jest.fn(async () => OVERVIEW),
    // the cards do not read accounts or products
    getAccounts: jest.fn(() => Promise.reject(new Error('not stubbed'))),
    getAccountDaily: jest.fn(() => Promise.reject(new Error('not stubbed'))),
    getProductInsights: jest.fn(() => Promise.reject(new Error('not stubbed'))),
    ...overrides,
  };
}
