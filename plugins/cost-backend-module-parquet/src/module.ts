import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { costSourcesExtensionPoint } from '@opsdeck/plugin-cost-node';
import { createParquetFocusReader } from './parquetFocusReader';

/**
 * Adds FOCUS exports in Apache Parquet to the formats the cost backend
 * imports, next to the built-in CSV reader.
 *
 * @public
 */
export const costModuleParquet = createBackendModule({
  pluginId: 'cost',
  moduleId: 'parquet',
  register(reg) {
    reg.registerInit({
      deps: {
        sources: costSourcesExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ sources, config }) {
        const maxSpooledBytes = config.getOptionalNumber(
          'cost.limits.maxSpooledBytes',
        );
        if (
          maxSpooledBytes !== undefined &&
          !(Number.isSafeInteger(maxSpooledBytes) && maxSpooledBytes >= 1)
        ) {
          throw new Error(
            `cost.limits.maxSpooledBytes must be a whole number of at least 1, got ${maxSpooledBytes}`,
          );
        }
        sources.addFormatReader(createParquetFocusReader({ maxSpooledBytes }));
      },
    });
  },
});
