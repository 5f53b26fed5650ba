import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';

/*
 * A CI provider's OIDC side for tests: a key pair, its JWKS served over
 * HTTP by a local server, and tokens signed with it.
 */

export const KID = 'ci-key-1';

export type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

export function newKeyPair(): Promise<KeyPair> {
  return generateKeyPair('ES256');
}

/** Serves `{ keys: [key] }` at `/.well-known/jwks`; records the paths asked for. */
export async function startJwksServer(key: KeyPair) {
  const jwk = {
    ...(await exportJWK(key.publicKey)),
    kid: KID,
    alg: 'ES256',
    use: 'sig',
  };
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/.well-known/jwks') {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.statusCode = 404;
      res.end('not found');
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}/.well-known/jwks`,
    requests,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

/** A signed token; `claims` are added to the payload as they are. */
export function signToken(
  privateKey: KeyPair['privateKey'],
  options: {
    issuer: string;
    audience: string;
    subject?: string;
    claims?: Record<string, unknown>;
    expiresAt?: number;
    kid?: string;
  },
) {
  const now = Math.floor(Date.now() / 1000);
  const token = new SignJWT(options.claims ?? {})
    .setProtectedHeader({ alg: 'ES256', kid: options.kid ?? KID, typ: 'JWT' })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt(now - 60)
    .setExpirationTime(options.expiresAt ?? now + 300);
  if (options.subject !== undefined) token.setSubject(options.subject);
  return token.sign(privateKey);
}

/** Claims of a GitHub Actions OIDC token for a repository (as GitHub shapes them). */
export function githubClaims(repository: string, environment = 'production') {
  const [owner] = repository.split('/');
  return {
    subject: `repo:${repository}:environment:${environment}`,
    claims: {
      repository,
      repository_owner: owner,
      repository_id: '740392847',
      repository_visibility: 'private',
      ref: 'refs/heads/main',
      ref_type: 'branch',
      environment,
      workflow: `${repository.split('/')[1]} CI/CD`,
      event_name: 'push',
      run_id: '9876543210',
      run_attempt: '1',
      actor: 'octocat',
      sha: '4f1c2d3e4b5a69788796a5b4c3d2e1f001122334',
    },
  };
}

/** Claims of a GitLab CI `id_tokens` token for a project (as GitLab shapes them). */
export function gitlabClaims(projectPath: string) {
  return {
    subject: `project_path:${projectPath}:ref_type:branch:ref:main`,
    claims: {
      project_path: projectPath,
      project_id: '4711',
      namespace_path: projectPath.split('/').slice(0, -1).join('/'),
      namespace_id: '42',
      ref: 'main',
      ref_type: 'branch',
      ref_protected: 'true',
      pipeline_id: '1234567',
      job_id: '7654321',
      user_login: 'deployer',
    },
  };
}
