/**
 * Node.js library for the Opsdeck SLO plugin: the metrics source interface
 * and the extension point modules use to add sources.
 *
 * @packageDocumentation
 */

export * from './MetricsSource';
export * from './extensions';
