import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'yaml';
import {
  outcome,
  startScaffolder,
  SUCCEEDED,
} from '../__testUtils__/templateDryRun';
import {
  PIPELINE_VALIDATOR,
  validateRepository,
} from '../__testUtils__/repositoryValidators';

jest.setTimeout(300_000);

/** The service's catalog file as its repository holds it, with comments. */
const CATALOG_INFO = `# Checkout: the storefront's payment step. Owned by payments.
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout
  description: Takes the money # shown in the catalog
  annotations:
    github.com/project-slug: acme/checkout
    backstage.io/techdocs-ref: dir:.
spec:
  type: service
  lifecycle: production
  owner: group:default/payments # escalations go to #payments
  system: storefront
---
# The API it provides stays as it is.
apiVersion: backstage.io/v1alpha1
kind: API
metadata: {name: checkout-api}
spec: {type: openapi, lifecycle: production, owner: payments, definition: "openapi: 3.0.0"}
`;

describe('templates/onboard-service', () => {
  let server: http.Server;
  let base: string;
  const requested: string[] = [];
  let scaffolder: Awaited<ReturnType<typeof startScaffolder>>;

  beforeAll(async () => {
    // The repository host, serving raw files like a git host's raw endpoint.
    server = http.createServer((request, response) => {
      requested.push(request.url ?? '');
      if (request.url === '/acme/checkout/catalog-info.yaml') {
        response.writeHead(200, { 'content-type': 'text/yaml' });
        response.end(CATALOG_INFO);
        return;
      }
      response.writeHead(404);
      response.end();
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    base = `http://localhost:${port}`;
    scaffolder = await startScaffolder(
      [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            name: 'checkout',
            namespace: 'default',
            annotations: {
              'backstage.io/source-location': `url:${base}/acme/checkout/`,
            },
          },
          spec: {
            type: 'service',
            lifecycle: 'production',
            owner: 'group:default/payments',
          },
        },
      ],
      { backend: { reading: { allow: [{ host: `localhost:${port}` }] } } },
    );
  });

  afterAll(async () => {
    await scaffolder.backend.stop();
    await new Promise(resolve => server.close(resolve));
  });

  it.each([
    ['github', 'node', 'npm', 'github.com?owner=acme&repo=checkout'],
    ['gitlab', 'python', 'poetry', 'gitlab.com?owner=acme&repo=checkout'],
    ['jenkins', 'java', 'gradle', 'github.com?owner=acme&repo=checkout'],
  ])(
    'proposes a %s pipeline (%s, %s), manifests and annotations, keeping the catalog file',
    async (ciSystem, language, buildTool, repoUrl) => {
      const result = await scaffolder.dryRun(
        'onboard-service',
        {
          component: 'component:default/checkout',
          language,
          buildTool,
          ciSystem,
          registry: 'ghcr.io',
          imageRepository: 'acme/checkout',
          imageTag: '1.4.2',
          strategy: 'canary',
          portalUrl: 'https://portal.example.com',
          slo: './slo/checkout.openslo.yaml',
          oncallRotation: './oncall/payments.rotation.yaml',
          pagerdutyServiceId: 'PCHKOUT',
          sloObjective: 0.995,
          repoUrl,
        },
        { USER_OAUTH_TOKEN: 'dry-run-only' },
      );
      expect(outcome(result)).toEqual(SUCCEEDED);
      expect(requested).toContain('/acme/checkout/catalog-info.yaml');

      const report = await validateRepository(result.files, 'checkout');
      expect(report).toEqual({
        [PIPELINE_VALIDATOR[ciSystem]]: [],
        kubernetes: [],
        catalog: [],
      });

      const catalog = result.files['catalog-info.yaml'];
      // Every original comment and the API document survive unchanged.
      for (const line of CATALOG_INFO.split('\n').filter(l =>
        l.includes('#'),
      )) {
        expect(catalog).toContain(line.slice(line.indexOf('#')));
      }
      expect(
        catalog.endsWith(CATALOG_INFO.slice(CATALOG_INFO.indexOf('---'))),
      ).toBe(true);
      const component = parse(catalog.slice(0, catalog.indexOf('---')));
      expect(component.metadata.annotations).toEqual({
        'github.com/project-slug': 'acme/checkout',
        'backstage.io/techdocs-ref': 'dir:.',
        'opsdeck.io/slo': './slo/checkout.openslo.yaml',
        'opsdeck.io/oncall-rotation': './oncall/payments.rotation.yaml',
        'pagerduty.com/service-id': 'PCHKOUT',
        'backstage.io/kubernetes-id': 'checkout',
        'opsdeck.io/deployments-id': 'component:default/checkout',
      });
      expect(component.spec).toEqual({
        type: 'service',
        lifecycle: 'production',
        owner: 'group:default/payments',
        system: 'storefront',
      });
      const publisher = repoUrl.startsWith('gitlab')
        ? 'publish:gitlab:merge-request'
        : 'publish:github:pull-request';
      expect(result.log).toContain(publisher);
    },
  );

  it('leaves optional annotations out when they are not given', async () => {
    const result = await scaffolder.dryRun(
      'onboard-service',
      {
        component: 'component:default/checkout',
        language: 'go',
        buildTool: 'go',
        ciSystem: 'github',
        registry: 'ghcr.io',
        imageRepository: 'acme/checkout',
        imageTag: '1.4.2',
        strategy: 'rolling',
        portalUrl: 'https://portal.example.com',
        slo: '',
        oncallRotation: '',
        sloObjective: 0.999,
        repoUrl: 'github.com?owner=acme&repo=checkout',
      },
      { USER_OAUTH_TOKEN: 'dry-run-only' },
    );
    expect(outcome(result)).toEqual(SUCCEEDED);
    const annotations = parse(result.files['catalog-info.yaml'].split('---')[0])
      .metadata.annotations;
    expect(Object.keys(annotations).sort()).toEqual([
      'backstage.io/kubernetes-id',
      'backstage.io/techdocs-ref',
      'github.com/project-slug',
      'opsdeck.io/deployments-id',
    ]);
  });
});
