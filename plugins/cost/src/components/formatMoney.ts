/** Formats an amount with its ISO 4217 currency, e.g. `€1,234.50`. */
export function formatMoney(amount: number, currency: string | null): string {
  if (!currency) {
    return amount.toFixed(2);
  }
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(amount);
}

/** Formats a relative change, e.g. `+12.5 %`; `n/a` without a base. */
export function formatRatio(ratio: number | null): string {
  if (ratio === null) {
    return 'n/a';
  }
  const sign = ratio > 0 ? '+' : '';
  return `${sign}${(ratio * 100).toFixed(1)} %`;
}
