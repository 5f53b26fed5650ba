/**
 * Kubernetes resource quantities in the forms the generator accepts: CPU in
 * cores or millicores (`250m`, `0.5`, `2`) and memory in bytes with a binary
 * or decimal suffix (`128Mi`, `1Gi`, `500M`).
 */

/** CPU quantity: whole or decimal cores (up to 3 decimals) or millicores. */
export const CPU_QUANTITY = /^([1-9][0-9]{0,5}m|[0-9]{1,3}(\.[0-9]{1,3})?)$/;

/** Memory quantity: bytes with an optional Ki/Mi/Gi/Ti or k/M/G/T suffix. */
export const MEMORY_QUANTITY = /^[1-9][0-9]{0,9}(Ki|Mi|Gi|Ti|k|M|G|T)?$/;

const MEMORY_FACTORS: Record<string, number> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
};

/** Millicores of a CPU quantity matching {@link CPU_QUANTITY}; NaN for anything else. */
export function cpuMillicores(quantity: string): number {
  if (!CPU_QUANTITY.test(quantity)) {
    return NaN;
  }
  if (quantity.endsWith('m')) {
    return Number(quantity.slice(0, -1));
  }
  return Math.round(Number(quantity) * 1000);
}

/** Bytes of a memory quantity matching {@link MEMORY_QUANTITY}; NaN for anything else. */
export function memoryBytes(quantity: string): number {
  const match = /^([0-9]+)([A-Za-z]*)$/.exec(quantity);
  const factor = match ? MEMORY_FACTORS[match[2]] : undefined;
  return match && factor ? Number(match[1]) * factor : NaN;
}

/** A CPU quantity for a number of millicores. */
export function formatCpu(millicores: number): string {
  return millicores % 1000 === 0 ? String(millicores / 1000) : `${millicores}m`;
}

/** A memory quantity for a number of bytes, in the largest exact binary unit. */
export function formatMemory(bytes: number): string {
  for (const unit of ['Ti', 'Gi', 'Mi', 'Ki'] as const) {
    const factor = MEMORY_FACTORS[unit];
    if (bytes % factor === 0) {
      return `${bytes / factor}${unit}`;
    }
  }
  return String(bytes);
}
