import { createServiceFactory } from '@backstage/backend-plugin-api';
import { urlReaderFactoriesServiceRef } from '@backstage/backend-defaults/urlReader';
import { LocalFileUrlReader } from './LocalFileUrlReader';

/**
 * Adds {@link LocalFileUrlReader} to the backend's URL readers. Without
 * `opsdeck.localFiles.allow` in the configuration it adds nothing.
 *
 * @public
 */
export const localFilesServiceFactory = createServiceFactory({
  service: urlReaderFactoriesServiceRef,
  deps: {},
  async factory() {
    return LocalFileUrlReader.factory;
  },
});
