import {
  CLOUD_FORM_VALUES,
  outcome,
  startScaffolder,
  SUCCEEDED,
} from '../__testUtils__/templateDryRun';
import { validateRepository } from '../__testUtils__/repositoryValidators';

jest.setTimeout(300_000);

const VALUES = {
  system: 'system:default/storefront',
  owner: 'group:default/platform',
  environment: 'performance',
  networkCidr: '10.30.0.0/16',
  readReplica: true,
  cloud: 'aws',
  region: 'eu-west-1',
  ...CLOUD_FORM_VALUES,
  repoUrl: 'github.com?owner=acme&repo=storefront-infra',
};

describe('templates/terraform-environment', () => {
  let scaffolder: Awaited<ReturnType<typeof startScaffolder>>;
  beforeAll(async () => {
    scaffolder = await startScaffolder();
  });
  afterAll(() => scaffolder.backend.stop());

  it.each([
    ['aws', 'eu-west-1', 'pull request', 'github.com?owner=acme&repo=infra'],
    [
      'gcp',
      'europe-west1',
      'merge request',
      'gitlab.com?owner=acme&repo=infra',
    ],
    ['azure', 'westeurope', 'pull request', 'github.com?owner=acme&repo=infra'],
  ])(
    'dry-runs a %s environment in %s, valid Terraform, proposed as a %s',
    async (cloud, region, _proposal, repoUrl) => {
      const result = await scaffolder.dryRun(
        'terraform-environment',
        {
          ...VALUES,
          cloud,
          region,
          repoUrl,
        },
        // The user's token from the repository picker; a dry run sends nothing.
        { USER_OAUTH_TOKEN: 'dry-run-only' },
      );
      expect(outcome(result)).toEqual(SUCCEEDED);
      const files = Object.keys(result.files);
      expect(files).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^terraform\/environments\/performance\//),
          expect.stringMatching(/^terraform\/modules\//),
        ]),
      );
      expect(files.every(f => f.startsWith('terraform/'))).toBe(true);
      expect(await validateRepository(result.files, 'storefront')).toEqual({
        terraform: [],
      });
      const text = Object.values(result.files).join('\n');
      expect(text).toContain('storefront');
      expect(text).not.toContain('staging');
      const publisher = repoUrl.startsWith('gitlab')
        ? 'publish:gitlab:merge-request'
        : 'publish:github:pull-request';
      expect(result.log).toContain(publisher);
      expect(result.log).toContain('[dry run]');
    },
  );
});
