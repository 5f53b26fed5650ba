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

/**
 * Formats an axis value: no cents when the axis steps are whole, and a
 * compact form (`€120K`) from 100,000 on.
 */
export function formatAxisMoney(
  amount: number,
  currency: string | null,
  step: number,
): string {
  const digits = Number.isInteger(step) ? 0 : 2;
  const compact = Math.abs(amount) >= 100_000;
  const options: Intl.NumberFormatOptions = compact
    ? {
        notation: 'compact',
        minimumFractionDigits: 0,
        maximumFractionDigits: 1,
      }
    : { minimumFractionDigits: digits, maximumFractionDigits: digits };
  if (currency) {
    options.style = 'currency';
    options.currency = currency;
  }
  return new Intl.NumberFormat('en-US', options).format(amount);
}
