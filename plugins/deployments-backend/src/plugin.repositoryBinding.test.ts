import type { Server } from 'node:http';
import request from 'supertest';
import {
  PIPELINE_TOKEN,
  asPipeline,
  deploymentEvent,
  startBackend,
} from './__testUtils__/deploymentsTestBackend';
import {
  KeyPair,
  githubClaims,
  gitlabClaims,
  newKeyPair,
  signToken,
  startJwksServer,
} from './__testUtils__/ciOidc';

jest.setTimeout(60_000);

/*
 * Pipelines bound to their repository, through the real auth services: CI
 * OIDC tokens signed here, verified against a JWKS served by a local HTTP
 * server, with the claims GitHub Actions and GitLab CI put in them.
 *
 * Bad inputs tried: a token of another repository (GitHub and GitLab); a
 * GitLab token of the parent group and of a look-alike project; a GitHub
 * token whose repository claim is the path of a GitLab project (same path,
 * other host); a token whose `sub` names the entity's repository but whose
 * repository claim does not; a token without the repository claim; a token
 * from an issuer with no binding rule; an entity with no repository
 * annotation; an entity not in the catalog; a batch with one event of
 * another repository; a static token limited to entities sending for
 * another one, alone and in a batch; an event id of another entity; an
 * event id re-sent with other values (single and in a batch).
 */

const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
const GITLAB_ISSUER = 'https://gitlab.example.com';
const UNBOUND_ISSUER = 'https://ci.example.com/oidc';
const AUDIENCE = 'backstage-deployments';
const CHECKOUT_ONLY_TOKEN = 'checkout-only-token-0123456789';

const CHECKOUT = 'component:default/checkout-service';
const PAYMENTS = 'component:default/payments-api';

describe('deployments: pipelines bound to their repository', () => {
  let key: KeyPair;
  let jwks: Awaited<ReturnType<typeof startJwksServer>>;
  let backend: Server;

  beforeAll(async () => {
    key = await newKeyPair();
    jwks = await startJwksServer(key);
    const jwksEntry = (issuer: string, subjectPrefix: string) => ({
      type: 'jwks',
      options: {
        url: jwks.url,
        issuer,
        audience: AUDIENCE,
        algorithm: 'ES256',
        subjectPrefix,
      },
      accessRestrictions: [{ plugin: 'deployments' }],
    });
    backend = await startBackend({
      externalAccess: [
        jwksEntry(GITHUB_ISSUER, 'github'),
        jwksEntry(GITLAB_ISSUER, 'gitlab'),
        jwksEntry(UNBOUND_ISSUER, 'other-ci'),
        {
          type: 'static',
          options: { token: CHECKOUT_ONLY_TOKEN, subject: 'checkout-ci' },
          accessRestrictions: [{ plugin: 'deployments' }],
        },
      ],
      config: {
        ingestion: {
          maxBodyBytes: 64 * 1024,
          // self-managed GitLab; the GitHub Actions rule is a default
          repositoryBinding: [{ issuer: GITLAB_ISSUER, claim: 'project_path' }],
          staticTokens: [{ subject: 'checkout-ci', entities: [CHECKOUT] }],
        },
      },
    });
  });

  afterAll(async () => {
    await jwks.close();
  });

  const github = (repository: string) => {
    const { subject, claims } = githubClaims(repository);
    return signToken(key.privateKey, {
      issuer: GITHUB_ISSUER,
      audience: AUDIENCE,
      subject,
      claims,
    });
  };
  const gitlab = (projectPath: string) => {
    const { subject, claims } = gitlabClaims(projectPath);
    return signToken(key.privateKey, {
      issuer: GITLAB_ISSUER,
      audience: AUDIENCE,
      subject,
      claims,
    });
  };

  const send = (token: string, eventId: string, entityRef: string) =>
    request(backend)
      .post('/api/deployments/events')
      .set('Authorization', `Bearer ${token}`)
      .send(deploymentEvent({ eventId, entityRef, version: eventId }));

  const storedIds = async (entityRef: string) => {
    const history = await asPipeline(backend).get('/history').query({
      entityRef,
      from: '2026-02-01T00:00:00Z',
      to: '2026-04-01T00:00:00Z',
    });
    expect(history.status).toBe(200);
    return history.body.items.map((d: { version: string }) => d.version);
  };

  describe('GitHub Actions tokens', () => {
    it('accepts a token from the entity’s repository (github.com/project-slug)', async () => {
      const res = await send(
        await github('acme/checkout-service'),
        'gh-ok',
        CHECKOUT,
      );
      expect(res.status).toBe(201);
      // repository names compare without case, as GitHub does
      const upper = await send(
        await github('Acme/Checkout-Service'),
        'gh-ok-case',
        CHECKOUT,
      );
      expect(upper.status).toBe(201);
    });

    it('accepts a token for an entity registered from its repository, under its deployments id', async () => {
      const res = await send(
        await github('acme/storefront'),
        'gh-storefront',
        'component:default/storefront-web',
      );
      expect(res.status).toBe(201);
    });

    it('refuses a token from another repository, naming both repositories', async () => {
      const res = await send(
        await github('acme/storefront'),
        'gh-other-repo',
        CHECKOUT,
      );
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
      expect(res.body.error.message).toBe(
        'component:default/checkout-service belongs to repository github.com/acme/checkout-service (github.com/project-slug), but the token was issued to repository github.com/acme/storefront (claim repository of https://token.actions.githubusercontent.com). Nothing was stored.',
      );
    });

    it('refuses a GitHub repository with the path of a GitLab project (other host)', async () => {
      const res = await send(
        await github('shop/backend/payments-api'),
        'gh-other-host',
        PAYMENTS,
      );
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain(
        'belongs to repository gitlab.example.com/shop/backend/payments-api',
      );
      expect(res.body.error.message).toContain(
        'issued to repository github.com/shop/backend/payments-api',
      );
    });

    it('reads the repository claim, not the sub claim', async () => {
      const { claims } = githubClaims('acme/storefront');
      const token = await signToken(key.privateKey, {
        issuer: GITHUB_ISSUER,
        audience: AUDIENCE,
        subject: 'repo:acme/checkout-service:environment:production',
        claims,
      });
      expect((await send(token, 'gh-sub-lies', CHECKOUT)).status).toBe(403);
    });

    it('refuses a token without the repository claim', async () => {
      const token = await signToken(key.privateKey, {
        issuer: GITHUB_ISSUER,
        audience: AUDIENCE,
        subject: 'repo:acme/checkout-service:environment:production',
      });
      const res = await send(token, 'gh-no-claim', CHECKOUT);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain(
        'has no repository claim naming its repository',
      );
    });

    it('refuses an entity with no repository annotation, saying which to add', async () => {
      const res = await send(
        await github('acme/legacy-batch'),
        'gh-no-repo',
        'component:default/legacy-batch',
      );
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain(
        'component:default/legacy-batch has no known source repository',
      );
      expect(res.body.error.message).toContain(
        'add the github.com/project-slug (GitHub) or gitlab.com/project-slug (GitLab) annotation',
      );
    });

    it('refuses an entity the catalog does not know', async () => {
      const res = await send(
        await github('acme/checkout-service'),
        'gh-unknown',
        'component:default/nobody-knows',
      );
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain(
        'component:default/nobody-knows is not in the catalog',
      );
    });

    it('refuses a whole batch with one event of another repository', async () => {
      const res = await request(backend)
        .post('/api/deployments/events/batch')
        .set('Authorization', `Bearer ${await github('acme/checkout-service')}`)
        .send({
          events: [
            deploymentEvent({ eventId: 'gh-batch-1', version: 'gh-batch-1' }),
            deploymentEvent({
              eventId: 'gh-batch-2',
              version: 'gh-batch-2',
              entityRef: PAYMENTS,
            }),
          ],
        });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain(
        'component:default/payments-api belongs to repository gitlab.example.com/shop/backend/payments-api',
      );
    });
  });

  describe('GitLab CI tokens', () => {
    it('accepts a token from the project, in a subgroup', async () => {
      const res = await send(
        await gitlab('shop/backend/payments-api'),
        'gl-ok',
        PAYMENTS,
      );
      expect(res.status).toBe(201);
    });

    it.each([
      ['another project', 'shop/frontend/web'],
      ['the parent group', 'shop/backend'],
      ['a look-alike project', 'shop/backend/payments-api-fork'],
    ])('refuses a token of %s', async (_case, projectPath) => {
      const res = await send(
        await gitlab(projectPath),
        `gl-${projectPath.replace(/\W+/g, '-')}`,
        PAYMENTS,
      );
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain(
        `issued to repository gitlab.example.com/${projectPath} (claim project_path of https://gitlab.example.com)`,
      );
    });
  });

  it('refuses a token from an issuer with no binding rule', async () => {
    const token = await signToken(key.privateKey, {
      issuer: UNBOUND_ISSUER,
      audience: AUDIENCE,
      subject: 'repo:acme/checkout-service',
      claims: { repository: 'acme/checkout-service' },
    });
    const res = await send(token, 'unbound', CHECKOUT);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain(
      `Tokens issued by "${UNBOUND_ISSUER}" are not bound to a repository: add { issuer, claim } for it to deployments.ingestion.repositoryBinding`,
    );
  });

  describe('static tokens', () => {
    it('lets a token limited to entities report for those', async () => {
      const res = await send(CHECKOUT_ONLY_TOKEN, 'static-ok', CHECKOUT);
      expect(res.status).toBe(201);
    });

    it('refuses a token limited to entities for another one, alone or in a batch', async () => {
      const alone = await send(CHECKOUT_ONLY_TOKEN, 'static-refused', PAYMENTS);
      expect(alone.status).toBe(403);
      expect(alone.body.error.message).toBe(
        'The token of checkout-ci may report deployments of component:default/checkout-service only, not of component:default/payments-api (deployments.ingestion.staticTokens). Nothing was stored.',
      );
      const batch = await request(backend)
        .post('/api/deployments/events/batch')
        .set('Authorization', `Bearer ${CHECKOUT_ONLY_TOKEN}`)
        .send({
          events: [
            deploymentEvent({ eventId: 'static-b1', version: 'static-b1' }),
            deploymentEvent({
              eventId: 'static-b2',
              version: 'static-b2',
              entityRef: PAYMENTS,
            }),
          ],
        });
      expect(batch.status).toBe(403);
    });

    it('leaves a static token not listed unrestricted', async () => {
      const res = await send(
        PIPELINE_TOKEN,
        'static-unlisted',
        'component:default/legacy-batch',
      );
      expect(res.status).toBe(201);
    });
  });

  describe('event ids', () => {
    it('answers an identical re-send with 200, idempotently', async () => {
      const token = await gitlab('shop/backend/payments-api');
      const first = await send(token, 'ids-same', PAYMENTS);
      expect(first.status).toBe(201);
      const again = await send(token, 'ids-same', PAYMENTS);
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ eventId: 'ids-same', duplicate: true });
    });

    it('refuses an event id of another entity with 409, without naming it', async () => {
      expect(
        (
          await send(
            await github('acme/checkout-service'),
            'ids-taken',
            CHECKOUT,
          )
        ).status,
      ).toBe(201);
      const res = await send(
        await gitlab('shop/backend/payments-api'),
        'ids-taken',
        PAYMENTS,
      );
      expect(res.status).toBe(409);
      expect(res.body.error.name).toBe('ConflictError');
      expect(res.body.error.message).toContain(
        'eventId "ids-taken" is already used by an event of another entity than component:default/payments-api',
      );
      expect(res.body.error.message).not.toContain('checkout-service');
    });

    it('refuses the same id with other values with 409 naming the fields', async () => {
      const token = await github('acme/checkout-service');
      const original = deploymentEvent({ eventId: 'ids-changed' });
      expect(
        (
          await request(backend)
            .post('/api/deployments/events')
            .set('Authorization', `Bearer ${token}`)
            .send(original)
        ).status,
      ).toBe(201);
      const changed = await request(backend)
        .post('/api/deployments/events')
        .set('Authorization', `Bearer ${token}`)
        .send({ ...original, status: 'failed', version: '9.9.9' });
      expect(changed.status).toBe(409);
      expect(changed.body.error.message).toContain(
        'eventId "ids-changed" of component:default/checkout-service is already stored with other values: version (stored "1.4.2", sent "9.9.9"), status (stored "succeeded", sent "failed")',
      );
      const batch = await request(backend)
        .post('/api/deployments/events/batch')
        .set('Authorization', `Bearer ${token}`)
        .send({
          events: [
            deploymentEvent({ eventId: 'ids-new', version: 'ids-new' }),
            { ...original, timestamp: '2026-03-01T12:00:05Z' },
          ],
        });
      expect(batch.status).toBe(409);
      expect(batch.body.error.message).toContain(
        'timestamp (stored "2026-03-01T12:00:00.000Z", sent "2026-03-01T12:00:05.000Z")',
      );
    });
  });

  it('fetched the JWKS once per jwks entry, by Backstage and by the plugin, not per request', () => {
    // 3 jwks entries (one URL), each read by Backstage's verifier and by
    // the binding check's own verification
    expect(jwks.requests.length).toBeLessThanOrEqual(6);
  });

  it('stored only what it accepted', async () => {
    expect((await storedIds(CHECKOUT)).sort()).toEqual(
      ['1.4.2', 'gh-ok', 'gh-ok-case', 'ids-taken', 'static-ok'].sort(),
    );
    expect((await storedIds(PAYMENTS)).sort()).toEqual(
      ['gl-ok', 'ids-same'].sort(),
    );
    expect(await storedIds('component:default/storefront')).toEqual([
      'gh-storefront',
    ]);
    expect(await storedIds('component:default/legacy-batch')).toEqual([
      'static-unlisted',
    ]);
  });
});
