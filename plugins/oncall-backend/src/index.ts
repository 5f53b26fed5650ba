/**
 * The Opsdeck on-call backend plugin.
 *
 * @packageDocumentation
 */

export { oncallPlugin as default } from './plugin';
