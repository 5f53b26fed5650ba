import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

// A standalone backend for working on the plugin: `yarn start` here, then
//
//   curl 'http://localhost:7007/api/oncall/incidents'
//   curl http://localhost:7007/api/oncall/incidents -H 'Content-Type: application/json' \
//     -d '{"entityRef": "component:default/sample", "title": "Sample is down", "severity": "error"}'
//
// Auth and permissions are mocked: every request acts as a test user.
const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'sample', namespace: 'default' },
        spec: { type: 'service', owner: 'team-a' },
      },
    ],
  }),
);
backend.add(import('../src'));

backend.start();
