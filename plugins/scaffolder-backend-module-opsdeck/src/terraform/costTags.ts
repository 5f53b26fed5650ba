import { COST_ALLOCATION_TAGS } from '@opsdeck/plugin-cost-common';
import type { TerraformCloud } from './model';

/** The values of the cost-allocation tags of one environment. */
export type CostTagValues = {
  component: string;
  owner: string;
  system: string;
  environment: string;
};

/**
 * Google Cloud label values allow only lowercase letters, digits, `_` and
 * `-`, at most 63 characters. Anything else becomes `_`, upper case becomes
 * lower case.
 *
 * @public
 */
export function sanitizeGcpLabelValue(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '_')
    .slice(0, 63);
}

/**
 * The cost-allocation tags (labels on Google Cloud) as key/value pairs, with
 * the keys defined once in `@opsdeck/plugin-cost-common`.
 */
export function costTags(
  cloud: TerraformCloud,
  values: CostTagValues,
): Array<[string, string]> {
  const clean = cloud === 'gcp' ? sanitizeGcpLabelValue : (v: string) => v;
  return (Object.keys(COST_ALLOCATION_TAGS) as Array<keyof CostTagValues>).map(
    key => [COST_ALLOCATION_TAGS[key], clean(values[key])],
  );
}
