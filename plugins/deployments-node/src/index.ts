/**
 * Provider interface and extension point of the Opsdeck deployments plugin,
 * for backend modules that read deployments from, or roll back through,
 * another system.
 *
 * @packageDocumentation
 */

export * from './provider';
export * from './extensionPoint';
