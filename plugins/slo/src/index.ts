/**
 * Opsdeck SLO frontend: an entity card and tab showing OpenSLO objectives,
 * error budgets and multi-window burn rates.
 *
 * @packageDocumentation
 */

export {
  sloPlugin,
  EntitySloCard,
  EntitySloContent,
  sloRouteRef,
} from './plugin';
export { sloApiRef } from './api/SloApi';
export type { SloApi } from './api/SloApi';
export { SloClient } from './api/SloClient';
export { isSloAvailable } from './isSloAvailable';
