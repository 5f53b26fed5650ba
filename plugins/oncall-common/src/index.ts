/**
 * Types, annotations, permissions, the rotation file schema and rotation
 * math shared by the Opsdeck on-call plugins.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './permissions';
export * from './incidents';
export * from './rotation';
