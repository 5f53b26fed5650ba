import {
  BUILD_TOOLS,
  DEPLOY_STRATEGIES,
  LANGUAGES,
} from '../pipeline/parameters';

const CLOUDS = [
  undefined,
  {
    provider: 'aws',
    roleArn: 'arn:aws:iam::123456789012:role/deploy',
    region: 'eu-west-1',
  },
  {
    provider: 'gcp',
    workloadIdentityProvider:
      'projects/123456789/locations/global/workloadIdentityPools/ci-pool/providers/ci-provider',
    serviceAccount: 'deployer@acme-prod.iam.gserviceaccount.com',
  },
  {
    provider: 'azure',
    clientId: '11111111-2222-3333-4444-555555555555',
    tenantId: '66666666-7777-8888-9999-000000000000',
    subscriptionId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  },
] as const;

const PORTALS = [
  undefined,
  { baseUrl: 'https://portal.example.com', auth: 'token' },
  {
    baseUrl: 'https://portal.example.com/backstage',
    auth: 'oidc',
    minRemainingBudget: 0.25,
  },
] as const;

/** Every language and build tool, with every strategy, rotating the other options. */
export function parameterMatrix(): { label: string; parameters: any }[] {
  const cases: { label: string; parameters: any }[] = [];
  let n = 0;
  for (const language of LANGUAGES) {
    for (const buildTool of BUILD_TOOLS[language]) {
      for (const strategy of DEPLOY_STRATEGIES) {
        const cloud = CLOUDS[n % CLOUDS.length];
        const portal = PORTALS[n % PORTALS.length];
        const withContainer = n % 2 === 0;
        const parameters = {
          name: `svc-${language}-${buildTool}`,
          language,
          buildTool,
          strategy,
          testShards: n % 3 === 0 ? 1 : (n % 5) + 2,
          lint: n % 4 !== 3,
          caching: n % 6 !== 5,
          ...(withContainer
            ? {
                container: {
                  registry: n % 3 === 0 ? 'ghcr.io' : 'registry.gitlab.com',
                  image: `acme/${language}-${buildTool}`,
                  ...(n % 4 === 0 ? { target: 'runtime' } : {}),
                },
              }
            : {}),
          ...(cloud ? { cloud } : {}),
          ...(portal ? { portal } : {}),
          ...(n % 7 === 6
            ? {
                environments: [
                  { name: 'dev' },
                  { name: 'staging', approval: true },
                  {
                    name: 'production',
                    approval: true,
                    url: 'https://shop.example.com',
                  },
                ],
              }
            : {}),
        };
        cases.push({
          label: `${language}/${buildTool}/${strategy}/${
            cloud?.provider ?? 'no-cloud'
          }/${portal?.auth ?? 'no-portal'}${withContainer ? '/image' : ''}`,
          parameters,
        });
        n++;
      }
    }
  }
  return cases;
}
