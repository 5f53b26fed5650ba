/** Calendar days written `YYYY-MM-DD`, in UTC. */

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` plus `n` days. @public */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS)
    .toISOString()
    .slice(0, 10);
}

/** Number of days from `from` to `to`, both inclusive. @public */
export function dayCount(from: string, to: string): number {
  return (
    Math.round(
      (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) /
        DAY_MS,
    ) + 1
  );
}

/** Every day from `from` to `to`, inclusive. @public */
export function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    days.push(d);
  }
  return days;
}

/** Days in the month of `day`. @public */
export function daysInMonth(day: string): number {
  const [y, m] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}
