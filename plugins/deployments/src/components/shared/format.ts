/** Human duration, e.g. `2 h 30 min`, `3 d 4 h`, `45 s`. */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  }
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** How long ago an ISO time was, relative to `now`, e.g. `3 h ago`. */
export function formatAgo(iso: string, now: Date = new Date()): string {
  const seconds = (now.getTime() - Date.parse(iso)) / 1000;
  if (seconds < 0) return 'just now';
  return `${formatDuration(seconds)} ago`;
}

/** Deployments per day as the most readable unit. */
export function formatFrequency(perDay: number): string {
  if (perDay >= 1) return `${perDay.toFixed(1)} / day`;
  if (perDay * 7 >= 1) return `${(perDay * 7).toFixed(1)} / week`;
  return `${(perDay * 30).toFixed(1)} / month`;
}
