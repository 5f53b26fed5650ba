/**
 * Types, tag keys and constants shared by the Opsdeck cost plugins and by the
 * infrastructure generators that tag resources for cost attribution.
 *
 * @packageDocumentation
 */

export * from './costAllocationTags';
