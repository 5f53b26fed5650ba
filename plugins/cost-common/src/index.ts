/**
 * Types, tag keys, FOCUS validation, permissions and insight math shared by
 * the Opsdeck cost plugins and by the infrastructure generators that tag
 * resources for cost attribution.
 *
 * @packageDocumentation
 */

export * from './costAllocationTags';
export * from './costAllocationSelector';
export * from './focus/focusColumns';
export * from './focus/focusRow';
export * from './focus/parseFocusValues';
export * from './focus/FocusRowValidator';
export * from './insights/change';
export * from './insights/days';
export * from './insights/forecast';
export * from './insights/anomalies';
export * from './insights/hints';
export * from './insights/intervals';
export * from './insights/products';
export * from './permissions';
export * from './api';
