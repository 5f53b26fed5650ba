/**
 * Parquet reader for FOCUS billing exports, a module of the Opsdeck cost
 * backend.
 *
 * @packageDocumentation
 */

export { costModuleParquet as default } from './module';
export {
  createParquetFocusReader,
  parquetFocusReader,
} from './parquetFocusReader';
