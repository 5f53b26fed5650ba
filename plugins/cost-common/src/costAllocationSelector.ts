import { COST_ALLOCATION_TAGS } from './costAllocationTags';

/**
 * Tag pairs that must all match for a billing row to belong to an entity.
 *
 * @public
 */
export type CostAllocationSelector = Array<{ key: string; value: string }>;

const PAIR = /^([^=\s,]{1,128})=([^=,]{1,256})$/;

/**
 * Parses the `opsdeck.io/cost-allocation` annotation: comma-separated
 * `tag=value` pairs, all of which must match. Throws on malformed text.
 *
 * @public
 */
export function parseCostAllocationSelector(
  annotation: string,
): CostAllocationSelector {
  const parts = annotation
    .split(',')
    .map(p => p.trim())
    .filter(p => p !== '');
  if (parts.length === 0) {
    throw new Error('cost allocation selector is empty');
  }
  return parts.map(part => {
    const m = PAIR.exec(part);
    if (!m) {
      throw new Error(
        `cost allocation selector part '${part.slice(
          0,
          60,
        )}' is not of the form tag=value`,
      );
    }
    return { key: m[1], value: m[2].trim() };
  });
}

/**
 * Selector of an entity without the annotation: the tag of its kind equal to
 * its name (component tag for components and resources, system tag for
 * systems, owner tag for groups).
 *
 * @public
 */
export function defaultCostAllocationSelector(
  kind: string,
  name: string,
): CostAllocationSelector {
  const k = kind.toLocaleLowerCase('en-US');
  if (k === 'system') {
    return [{ key: COST_ALLOCATION_TAGS.system, value: name }];
  }
  if (k === 'group') {
    return [{ key: COST_ALLOCATION_TAGS.owner, value: name }];
  }
  return [{ key: COST_ALLOCATION_TAGS.component, value: name }];
}
