/** The currency with the largest total; null without rows. */
export function mainCurrency(
  rows: Array<{ currency: string; amount: number }>,
): string | null {
  const totals = new Map<string, number>();
  rows.forEach(r =>
    totals.set(r.currency, (totals.get(r.currency) ?? 0) + r.amount),
  );
  let best: string | null = null;
  for (const [currency, amount] of totals) {
    if (best === null || amount > totals.get(best)!) {
      best = currency;
    }
  }
  return best;
}
