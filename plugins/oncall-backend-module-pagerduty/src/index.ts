/**
 * PagerDuty provider module for the Opsdeck on-call backend.
 *
 * @packageDocumentation
 */

export { oncallModulePagerduty as default } from './module';
