/** Reads a timestamp column (Date on PostgreSQL, number or string on SQLite). */
export function toIso(value: Date | string | number): string {
  return new Date(value).toISOString();
}

/** Same as {@link toIso}, keeping null and undefined as undefined. */
export function toIsoOrUndefined(
  value: Date | string | number | null | undefined,
): string | undefined {
  return value === null || value === undefined ? undefined : toIso(value);
}
