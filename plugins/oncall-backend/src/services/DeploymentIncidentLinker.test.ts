import { mockServices } from '@backstage/backend-test-utils';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { DeploymentIncidentLinker } from './DeploymentIncidentLinker';

/*
 * The linker against a local HTTP server answering as the deployments
 * backend's incident-links route does (201, and its error bodies), and
 * against a port where nothing listens.
 */

type Answer = { status: number; body: string; contentType: string };

const received: Array<{ url?: string; auth?: string; body: string }> = [];
let answer: Answer;
let server: http.Server;
let baseUrl: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      received.push({ url: req.url, auth: req.headers.authorization, body });
      res.writeHead(answer.status, { 'content-type': answer.contentType });
      res.end(answer.body);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise(resolve => server.close(resolve));
});

beforeEach(() => {
  received.length = 0;
});

const json = (status: number, body: object): Answer => ({
  status,
  body: JSON.stringify(body),
  contentType: 'application/json',
});

function linkerAt(url: string) {
  return new DeploymentIncidentLinker(
    mockServices.auth({ pluginId: 'oncall' }),
    {
      getBaseUrl: async () => `${url}/api/deployments`,
      getExternalBaseUrl: async () => `${url}/api/deployments`,
    },
    mockServices.logger.mock(),
  );
}

const incident = {
  id: '7d3f1c1e-0000-4000-8000-000000000001',
  entityRef: 'component:default/checkout',
  deployment: { environment: 'production', version: '1.4.2' },
};

describe('DeploymentIncidentLinker', () => {
  it('posts the link with a service token for the deployments plugin', async () => {
    answer = json(201, { deploymentKey: 'dk-1', linked: true });
    const note = await linkerAt(baseUrl).link(incident);
    expect(note).toBe(
      'Linked to the deployment of version 1.4.2 in production (dk-1); it counts as a change failure.',
    );
    expect(received).toHaveLength(1);
    expect(received[0].url).toBe('/api/deployments/incident-links');
    expect(received[0].auth).toMatch(/^Bearer mock-service-token:/);
    expect(
      JSON.parse(received[0].auth!.slice('Bearer mock-service-token:'.length)),
    ).toEqual({ sub: 'plugin:oncall', target: 'deployments' });
    expect(JSON.parse(received[0].body)).toEqual({
      incidentRef: `oncall:${incident.id}`,
      entityRef: 'component:default/checkout',
      environment: 'production',
      version: '1.4.2',
    });
  });

  it('names the error the deployments backend gives', async () => {
    answer = json(400, {
      error: { name: 'InputError', message: 'environment: must be a label' },
    });
    expect(await linkerAt(baseUrl).link(incident)).toBe(
      'Could not link to the deployment of version 1.4.2 in production: the deployments backend answered 400: environment: must be a label',
    );
  });

  it('falls back to the status text for a body that is not JSON', async () => {
    answer = {
      status: 502,
      body: '<html>bad gateway</html>',
      contentType: 'text/html',
    };
    expect(await linkerAt(baseUrl).link(incident)).toBe(
      'Could not link to the deployment of version 1.4.2 in production: the deployments backend answered 502: Bad Gateway',
    );
  });

  it('reports a deployments backend that is down', async () => {
    const closed = http.createServer();
    await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise(resolve => closed.close(resolve));
    const note = await linkerAt(`http://127.0.0.1:${port}`).link(incident);
    expect(note).toMatch(
      /^Could not link to the deployment of version 1\.4\.2 in production: fetch failed/,
    );
  });
});
