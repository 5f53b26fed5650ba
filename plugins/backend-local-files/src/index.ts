/**
 * Lets a Backstage backend read `file:` URLs below configured directories, so
 * that files which locally registered entities point at (OpenSLO files,
 * on-call rotation files) can be read by the Opsdeck plugins.
 *
 * @packageDocumentation
 */

export { LocalFileUrlReader } from './LocalFileUrlReader';
export { localFilesServiceFactory } from './localFilesServiceFactory';
export { localFilesServiceFactory as default } from './localFilesServiceFactory';
