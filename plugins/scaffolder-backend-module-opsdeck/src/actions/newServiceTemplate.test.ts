import { parse } from 'yaml';
import {
  CLOUD_FORM_VALUES,
  outcome,
  startScaffolder,
  SUCCEEDED,
} from '../__testUtils__/templateDryRun';
import {
  PIPELINE_VALIDATOR,
  validateRepository,
} from '../__testUtils__/repositoryValidators';

jest.setTimeout(300_000);

const VALUES = {
  name: 'checkout',
  description: 'Takes the money: "card" & wallet payments',
  owner: 'group:default/payments',
  system: 'system:default/storefront',
  language: 'node',
  ciSystem: 'github',
  registry: 'ghcr.io',
  imageRepository: 'acme/checkout',
  cloud: 'aws',
  region: 'eu-west-1',
  ...CLOUD_FORM_VALUES,
  environments: 'staging-production',
  strategy: 'canary',
  portalUrl: 'http://localhost:7007',
  sloObjective: 0.999,
  oncallMembers: ['user:default/ada.lovelace', 'user:default/alan.turing'],
  timeZone: 'Europe/Berlin',
  repoUrl: 'github.com?owner=acme&repo=checkout',
};

/*
 * The golden path through a real scaffolder backend in dry-run mode, for
 * every language, CI system, cloud and strategy (combinations rotate so each
 * value appears at least once).
 */
const CASES = [
  { language: 'node', ciSystem: 'github', cloud: 'aws', strategy: 'canary' },
  {
    language: 'python',
    ciSystem: 'gitlab',
    cloud: 'gcp',
    region: 'europe-west1',
    strategy: 'blue-green',
    repoUrl: 'gitlab.com?owner=acme&repo=checkout',
  },
  {
    language: 'go',
    ciSystem: 'jenkins',
    cloud: 'azure',
    region: 'westeurope',
    strategy: 'rolling',
    environments: 'dev-staging-production',
  },
  {
    language: 'java',
    ciSystem: 'github',
    cloud: 'aws',
    strategy: 'canary',
    environments: 'production',
  },
];

const ENVIRONMENTS: Record<string, string[]> = {
  'staging-production': ['staging', 'production'],
  'dev-staging-production': ['dev', 'staging', 'prod'],
  production: ['production'],
};

const SKELETON: Record<string, string> = {
  node: 'src/index.js',
  python: 'app/__main__.py',
  go: 'main.go',
  java: 'src/main/java/service/App.java',
};

const PIPELINE: Record<string, string> = {
  github: '.github/workflows/ci.yml',
  gitlab: '.gitlab-ci.yml',
  jenkins: 'Jenkinsfile',
};

describe('templates/new-service', () => {
  let scaffolder: Awaited<ReturnType<typeof startScaffolder>>;
  beforeAll(async () => {
    scaffolder = await startScaffolder();
  });
  afterAll(() => scaffolder.backend.stop());

  it.each(
    CASES.map(c => [`${c.language}/${c.ciSystem}/${c.cloud}/${c.strategy}`, c]),
  )(
    'dry-runs %s and every file passes its validators',
    async (_label, overrides) => {
      const values = { ...VALUES, ...overrides };
      const environments = ENVIRONMENTS[values.environments];
      const result = await scaffolder.dryRun('new-service', values);
      expect(outcome(result)).toEqual(SUCCEEDED);
      const files = result.files;
      expect(Object.keys(files)).toEqual(
        expect.arrayContaining([
          'catalog-info.yaml',
          'Dockerfile',
          '.dockerignore',
          PIPELINE[values.ciSystem],
          SKELETON[values.language],
          'kubernetes/base/kustomization.yaml',
          `kubernetes/overlays/${environments[0]}/kustomization.yaml`,
          'vault/main.tf',
          `vault/checkout-${environments[0]}.hcl`,
          'slo/openslo.yaml',
          'oncall/rotation.yaml',
          'deploy/deploy.sh',
        ]),
      );
      expect(Object.keys(files).some(f => f.startsWith('terraform/'))).toBe(
        true,
      );
      const report = await validateRepository(files, 'checkout');
      expect(report).toEqual({
        dockerfile: [],
        [PIPELINE_VALIDATOR[values.ciSystem]]: [],
        shellcheck: [],
        kubernetes: [],
        terraform: [],
        vault: [],
        openslo: [],
        rotation: [],
        catalog: [],
      });

      const entity = parse(files['catalog-info.yaml']);
      expect(entity.metadata).toEqual({
        name: 'checkout',
        description: VALUES.description,
        annotations: {
          'opsdeck.io/slo': './slo/openslo.yaml',
          'opsdeck.io/oncall-rotation': './oncall/rotation.yaml',
          'backstage.io/kubernetes-id': 'checkout',
          'opsdeck.io/deployments-id': 'component:default/checkout',
          'opsdeck.io/cost-allocation': 'backstage-component=checkout',
        },
      });
      expect(entity.spec).toMatchObject({
        owner: 'group:default/payments',
        system: 'system:default/storefront',
      });
      expect(files['catalog-info.yaml']).toContain(
        '# checkout: created from the Opsdeck new service golden path.',
      );
      expect(files['slo/openslo.yaml']).toContain('target: 0.999');
      expect(
        parse(files['oncall/rotation.yaml']).spec.schedules[0].layers[0]
          .members,
      ).toEqual(VALUES.oncallMembers);
      // The last environment waits for approval; the others do not.
      const pipeline = files[PIPELINE[values.ciSystem]];
      for (const environment of environments) {
        expect(pipeline).toContain(environment);
      }
      expect(result.log).toContain('[dry run]');
      const publisher = values.repoUrl.startsWith('gitlab')
        ? 'publish:gitlab'
        : 'publish:github';
      expect(result.log).toContain(publisher);
    },
  );
});
