import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

// A standalone backend for working on the cost plugin:
//   curl -X POST 'http://localhost:7007/api/cost/imports?source=dev' \
//     -H 'Authorization: Bearer mock-service-token' --data-binary @focus.csv
//   curl 'http://localhost:7007/api/cost/summary?entityRef=component:default/sample' \
//     -H 'Authorization: Bearer mock-service-token'
const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'sample', title: 'Sample Component' },
        spec: { type: 'service' },
      },
    ],
  }),
);
backend.add(import('../src'));

backend.start();
