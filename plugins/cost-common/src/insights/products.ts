import { FOCUS_SERVICE_CATEGORIES } from '../focus/focusColumns';

/**
 * A product key reduced for comparison: lower case, letters and digits only,
 * so `cloudStorage`, `Cloud Storage` and `cloud-storage` are the same key.
 *
 * @public
 */
export function normalizeProductKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLocaleLowerCase('en-US')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Which FOCUS spend a product key of the community `costInsights.products`
 * config stands for: a `ServiceCategory` when the key matches one of the
 * categories the specification enumerates, else every `ServiceName` among
 * `serviceNames` it matches (usually one). Both compared through
 * {@link normalizeProductKey}.
 *
 * @public
 */
export type CostProductMatch =
  | { column: 'ServiceCategory'; values: string[] }
  | { column: 'ServiceName'; values: string[] };

/** @public */
export function matchProduct(
  product: string,
  serviceNames: Iterable<string>,
): CostProductMatch {
  const key = normalizeProductKey(product);
  const categories = FOCUS_SERVICE_CATEGORIES.filter(
    c => normalizeProductKey(c) === key,
  );
  if (categories.length > 0) {
    return { column: 'ServiceCategory', values: categories };
  }
  const names = new Set<string>();
  for (const name of serviceNames) {
    if (normalizeProductKey(name) === key) {
      names.add(name);
    }
  }
  return { column: 'ServiceName', values: [...names].sort() };
}
