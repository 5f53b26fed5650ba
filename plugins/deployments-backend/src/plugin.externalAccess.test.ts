import type { Server } from 'node:http';
import request from 'supertest';
import {
  KeyPair,
  newKeyPair,
  signToken,
  startJwksServer,
} from './__testUtils__/ciOidc';
import {
  asPipeline,
  deploymentEvent,
  startBackend,
} from './__testUtils__/deploymentsTestBackend';

jest.setTimeout(60_000);

const ISSUER = 'https://ci.example.com/oidc';
const AUDIENCE = 'backstage-deployments';

function ciToken(
  privateKey: KeyPair['privateKey'],
  claims: {
    issuer?: string;
    audience?: string;
    expiresAt?: number;
    kid?: string;
    subject?: string;
  } = {},
) {
  return signToken(privateKey, {
    issuer: claims.issuer ?? ISSUER,
    audience: claims.audience ?? AUDIENCE,
    subject:
      claims.subject ?? 'repo:acme/checkout-service:environment:production',
    claims: { repository: 'acme/checkout-service' },
    expiresAt: claims.expiresAt,
    kid: claims.kid,
  });
}

describe('deployments backend with JWKS external access', () => {
  let ciKey: KeyPair;
  let otherKey: KeyPair;
  let jwks: Awaited<ReturnType<typeof startJwksServer>>;
  let backend: Server;

  beforeAll(async () => {
    ciKey = await newKeyPair();
    otherKey = await newKeyPair();
    jwks = await startJwksServer(ciKey);
    backend = await startBackend({
      externalAccess: [
        {
          type: 'jwks',
          options: {
            url: jwks.url,
            issuer: ISSUER,
            audience: AUDIENCE,
            algorithm: 'ES256',
            subjectPrefix: 'ci',
          },
          accessRestrictions: [{ plugin: 'deployments' }],
        },
      ],
      config: {
        ingestion: {
          maxBodyBytes: 64 * 1024,
          repositoryBinding: [
            { issuer: ISSUER, claim: 'repository', host: 'github.com' },
          ],
        },
      },
    });
  });

  afterAll(async () => {
    await jwks.close();
  });

  const storedVersions = async () => {
    const history = await asPipeline(backend).get('/history').query({
      entityRef: 'component:default/checkout-service',
      from: '2026-02-01T00:00:00Z',
      to: '2026-04-01T00:00:00Z',
    });
    return history.body.items.map((d: { version: string }) => d.version);
  };

  const postWith = (token: string, eventId: string) =>
    request(backend)
      .post('/api/deployments/events')
      .set('Authorization', `Bearer ${token}`)
      .send(deploymentEvent({ eventId, version: eventId }));

  it('accepts an event with a CI token verified against the JWKS', async () => {
    const res = await postWith(await ciToken(ciKey.privateKey), 'oidc-1');
    expect(res.status).toBe(201);
    expect(jwks.requests).toContain('/.well-known/jwks');
    expect(await storedVersions()).toEqual(['oidc-1']);
  });

  it.each([
    ['another issuer', { issuer: 'https://evil.example.com' }],
    ['another audience', { audience: 'backstage-catalog' }],
    ['an expired token', { expiresAt: Math.floor(Date.now() / 1000) - 120 }],
    ['a key id the JWKS does not have', { kid: 'rotated-away' }],
  ])('refuses %s with 401 and stores nothing', async (_case, claims) => {
    const res = await postWith(
      await ciToken(ciKey.privateKey, claims),
      `bad-${_case.replace(/\W+/g, '-')}`,
    );
    expect(res.status).toBe(401);
  });

  it('refuses a token signed by another key with 401', async () => {
    const res = await postWith(await ciToken(otherKey.privateKey), 'other-key');
    expect(res.status).toBe(401);
  });

  it('refuses a tampered or unsigned token with 401', async () => {
    const token = await ciToken(ciKey.privateKey);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const tampered = Buffer.from(
      JSON.stringify({ ...claims, sub: 'repo:evil/fork' }),
    ).toString('base64url');
    expect(
      (await postWith(`${header}.${tampered}.${signature}`, 'tampered')).status,
    ).toBe(401);
    const none = Buffer.from(
      JSON.stringify({ alg: 'none', typ: 'JWT' }),
    ).toString('base64url');
    expect((await postWith(`${none}.${payload}.`, 'unsigned')).status).toBe(
      401,
    );
  });

  it('stored nothing sent with a refused token', async () => {
    expect(await storedVersions()).toEqual(['oidc-1']);
  });
});
