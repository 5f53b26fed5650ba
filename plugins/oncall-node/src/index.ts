/**
 * The on-call provider interface and the extension point through which
 * backend modules register providers with the Opsdeck on-call backend.
 *
 * @packageDocumentation
 */

export * from './OnCallProvider';
export * from './extensionPoint';
