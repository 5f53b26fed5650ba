import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

// A standalone backend serving the demo series for one component whose
// OpenSLO file is read over HTTP:
//   curl http://localhost:7007/api/slo/slos?entityRef=component:default/checkout-service
const backend = createBackend();
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  mockServices.rootConfig.factory({
    data: {
      backend: { baseUrl: 'http://localhost:7007', listen: { port: 7007 } },
      slo: { demo: true },
    },
  }),
);
backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'checkout-service',
          annotations: {
            'opsdeck.io/slo': './checkout-service.openslo.yaml',
            'backstage.io/source-location': `file:${__dirname}/../../../examples/slo/`,
          },
        },
        spec: {
          type: 'service',
          owner: 'checkout-team',
          lifecycle: 'production',
        },
      },
    ],
  }),
);
backend.add(import('../src'));
backend.start();
