/**
 * The Opsdeck on-call frontend plugin (legacy frontend system exports; the
 * new frontend system plugin is the default export of `./alpha`).
 *
 * @packageDocumentation
 */

export {
  oncallPlugin,
  EntityOnCallCard,
  EntityIncidentsContent,
} from './plugin';
export type { EntityOnCallCardProps } from './components/EntityOnCallCard';
export { onCallApiRef, type OnCallApi } from './api/OnCallApi';
export { OnCallClient } from './api/OnCallClient';
export { isOnCallAvailable } from './isOnCallAvailable';
