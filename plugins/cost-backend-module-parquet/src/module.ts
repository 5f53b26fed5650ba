import { createBackendModule } from '@backstage/backend-plugin-api';
import { costSourcesExtensionPoint } from '@opsdeck/plugin-cost-node';
import { parquetFocusReader } from './parquetFocusReader';

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
      deps: { sources: costSourcesExtensionPoint },
      async init({ sources }) {
        sources.addFormatReader(parquetFocusReader);
      },
    });
  },
});
