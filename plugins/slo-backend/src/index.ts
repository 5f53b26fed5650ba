/**
 * The Opsdeck SLO backend plugin.
 *
 * @packageDocumentation
 */

export { sloPlugin as default } from './plugin';
