/**
 * Types, annotations and permissions shared by the Opsdeck on-call plugins.
 *
 * @packageDocumentation
 */

export * from './annotations';
