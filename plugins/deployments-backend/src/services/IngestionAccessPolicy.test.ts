import { mockServices } from '@backstage/backend-test-utils';
import {
  DEFAULT_REPOSITORY_BINDING,
  readRepositoryBinding,
  readStaticTokenScopes,
} from './IngestionAccessPolicy';

const config = (ingestion: object) =>
  mockServices.rootConfig({ data: { deployments: { ingestion } } });

describe('readRepositoryBinding', () => {
  it('has GitHub Actions and GitLab.com by default', () => {
    expect(readRepositoryBinding(config({}))).toEqual(
      DEFAULT_REPOSITORY_BINDING,
    );
  });

  it('adds issuers, takes the host from the issuer, and replaces a default with the same issuer', () => {
    expect(
      readRepositoryBinding(
        config({
          repositoryBinding: [
            { issuer: 'https://gitlab.example.com/', claim: 'project_path' },
            {
              issuer: 'https://token.actions.githubusercontent.com',
              claim: 'repository',
              host: 'GitHub.com',
            },
            {
              issuer: 'https://ghe.example.com/_services/token',
              claim: 'repository',
              host: 'ghe.example.com',
            },
          ],
        }),
      ),
    ).toEqual([
      {
        issuer: 'https://token.actions.githubusercontent.com',
        claim: 'repository',
        host: 'github.com',
      },
      {
        issuer: 'https://gitlab.com',
        claim: 'project_path',
        host: 'gitlab.com',
      },
      {
        issuer: 'https://gitlab.example.com',
        claim: 'project_path',
        host: 'gitlab.example.com',
      },
      {
        issuer: 'https://ghe.example.com/_services/token',
        claim: 'repository',
        host: 'ghe.example.com',
      },
    ]);
  });

  it('refuses an issuer that is not a URL without a host, and a rule without a claim', () => {
    expect(() =>
      readRepositoryBinding(
        config({ repositoryBinding: [{ issuer: 'my-ci', claim: 'repo' }] }),
      ),
    ).toThrow('issuer "my-ci" is not a URL; give the host');
    expect(() =>
      readRepositoryBinding(
        config({ repositoryBinding: [{ issuer: 'https://ci.example.com' }] }),
      ),
    ).toThrow(/claim/);
  });
});

describe('readStaticTokenScopes', () => {
  it('maps subjects to normalized entity refs', () => {
    expect(
      readStaticTokenScopes(
        config({
          staticTokens: [
            { subject: 'ci', entities: ['Component:default/Checkout'] },
            { subject: 'ci', entities: ['component:payments'] },
          ],
        }),
      ),
    ).toEqual(
      new Map([
        [
          'ci',
          new Set(['component:default/checkout', 'component:default/payments']),
        ],
      ]),
    );
  });

  it('refuses an entry that is not an entity ref at start', () => {
    expect(() =>
      readStaticTokenScopes(
        config({ staticTokens: [{ subject: 'ci', entities: ['checkout'] }] }),
      ),
    ).toThrow(
      'deployments.ingestion.staticTokens.entities "checkout" is not an entity ref',
    );
  });
});
