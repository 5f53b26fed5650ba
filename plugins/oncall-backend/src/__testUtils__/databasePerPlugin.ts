import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';

/**
 * The database service giving each plugin of a test backend a database of
 * its own, as a production backend does.
 */
export function databasePerPlugin(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
) {
  return createServiceFactory({
    service: coreServices.database,
    deps: {},
    async factory() {
      return mockServices.database({
        knex: await databases.init(databaseId),
        migrations: { skip: false },
      });
    },
  });
}
