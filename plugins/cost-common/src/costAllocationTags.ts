/**
 * Tag (label) keys that attribute cloud cost to catalog entities. The
 * infrastructure generators write them on every taggable resource and the cost
 * backend reads them from FOCUS billing rows (`Tags` column).
 *
 * Cloud tag keys cannot contain `/` everywhere (GCP labels allow only
 * lowercase letters, digits, `-` and `_`), so one spelling that every cloud
 * accepts is used.
 *
 * @public
 */
export const COST_ALLOCATION_TAGS = {
  component: 'backstage-component',
  owner: 'backstage-owner',
  system: 'backstage-system',
  environment: 'backstage-environment',
} as const;

/** @public */
export type CostAllocationTagKey = keyof typeof COST_ALLOCATION_TAGS;

/**
 * Annotation overriding how an entity's cost is selected: a comma-separated
 * list of `tag=value` pairs that must all match. Default: the component tag
 * equal to the entity's name.
 *
 * @public
 */
export const COST_ALLOCATION_ANNOTATION = 'opsdeck.io/cost-allocation';
