import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  costSourcesExtensionPoint,
  FocusFormatReader,
} from '@opsdeck/plugin-cost-node';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { costPlugin } from './plugin';

// Bad input tried here: a body over cost.limits.maxUploadBytes with and
// without Content-Length, a gzip bomb (one row repeated, 1000:1), a gzip file
// over cost.limits.maxDecompressedBytes, an upload naming a source that
// cost.imports owns, and a client that disconnects in the middle of an
// upload.

jest.setTimeout(60_000);

const FIXTURE = readFileSync(join(__dirname, '__fixtures__/focus-small.csv'));
const TOKEN = 'cost-import-token-0123456789';
const auth = { Authorization: `Bearer ${TOKEN}` };

/** What the slow test reader saw: chunks read, and how its reading ended. */
const slowReads = { chunks: 0, ended: undefined as undefined | string };

/** A reader for bodies starting with SLOW that reads until the body ends. */
const slowReader: FocusFormatReader = {
  id: 'slow',
  accepts: head => head.subarray(0, 4).toString() === 'SLOW',
  async *read(input) {
    try {
      for await (const _chunk of input) {
        slowReads.chunks++;
      }
      slowReads.ended = 'end';
    } catch (error) {
      slowReads.ended = `error: ${(error as Error).message}`;
      throw error;
    }
    yield { records: [], lines: [] };
  },
};

const slowModule = createBackendModule({
  pluginId: 'cost',
  moduleId: 'slow',
  register(env) {
    env.registerInit({
      deps: { sources: costSourcesExtensionPoint },
      async init({ sources }) {
        sources.addFormatReader(slowReader);
      },
    });
  },
});

async function startBackend(cost: object) {
  const { server } = await startTestBackend({
    features: [
      costPlugin,
      slowModule,
      authServiceFactory,
      httpAuthServiceFactory,
      catalogServiceMock.factory({ entities: [] }),
      mockServices.permissions.factory(),
      mockServices.rootConfig.factory({
        data: {
          backend: {
            baseUrl: 'http://localhost:7007',
            auth: {
              externalAccess: [
                {
                  type: 'static',
                  options: { token: TOKEN, subject: 'billing-export' },
                  accessRestrictions: [{ plugin: 'cost' }],
                },
              ],
            },
          },
          cost,
        },
      }),
    ],
  });
  const upload = (body: Buffer | string, source = 'uploads') =>
    request(server)
      .post(`/api/cost/imports?source=${encodeURIComponent(source)}`)
      .set(auth)
      .set('Content-Type', 'text/csv')
      .send(body);
  const overviewTotal = async () => {
    const res = await request(server)
      .get('/api/cost/overview?from=2026-01-01&to=2026-01-02')
      .set(auth);
    expect(res.status).toBe(200);
    return res.body.total;
  };
  const port = (server.address() as AddressInfo).port;
  /** Sends `chunks` with chunked transfer encoding (no Content-Length). */
  const chunkedUpload = (chunks: Buffer[]) =>
    new Promise<{ status: number; body: any }>((resolve, reject) => {
      const req = httpRequest(
        {
          port,
          method: 'POST',
          path: '/api/cost/imports?source=chunked',
          headers: { ...auth, 'Content-Type': 'text/csv' },
        },
        res => {
          let text = '';
          res.on('data', c => (text += c));
          res.on('end', () =>
            resolve({ status: res.statusCode!, body: JSON.parse(text) }),
          );
        },
      );
      req.on('error', reject);
      for (const chunk of chunks) {
        req.write(chunk);
      }
      req.end();
    });
  return { server, upload, overviewTotal, port, chunkedUpload };
}

describe('cost upload limits', () => {
  it('refuses a body whose Content-Length is over the limit, naming the key, and imports nothing', async () => {
    const { upload, overviewTotal } = await startBackend({
      limits: { maxUploadBytes: 2048 },
    });
    const res = await upload(FIXTURE);
    expect(res.status).toBe(413);
    expect(res.body.error.message).toBe(
      `The upload of ${FIXTURE.length} bytes is larger than 2 KiB, the limit set by cost.limits.maxUploadBytes; nothing was imported`,
    );
    expect(await overviewTotal()).toBe(0);
  });

  it('refuses a chunked body as soon as it crosses the limit', async () => {
    const { chunkedUpload, overviewTotal } = await startBackend({
      limits: { maxUploadBytes: 2048 },
    });
    const res = await chunkedUpload([
      FIXTURE.subarray(0, 1500),
      FIXTURE.subarray(1500),
    ]);
    expect(res.status).toBe(413);
    expect(res.body.error.message).toMatch(
      /^The upload is larger than 2 KiB, the limit set by cost.limits.maxUploadBytes/,
    );
    expect(await overviewTotal()).toBe(0);
  });

  it('takes a body of the limit or less, chunked or not', async () => {
    const { upload, chunkedUpload, overviewTotal } = await startBackend({
      limits: { maxUploadBytes: FIXTURE.length },
    });
    expect((await upload(FIXTURE)).status).toBe(201);
    const once = await overviewTotal();
    expect(once).toBeGreaterThan(0);
    const chunked = await chunkedUpload([
      FIXTURE.subarray(0, 100),
      FIXTURE.subarray(100),
    ]);
    expect(chunked.status).toBe(201);
    // a second source with the same rows: twice the spend
    expect(await overviewTotal()).toBe(2 * once);
  });

  it('refuses a gzip bomb by its compression ratio without expanding it', async () => {
    const { upload, overviewTotal } = await startBackend({});
    const [header, row] = FIXTURE.toString().split('\n');
    // one valid row repeated: about 60 MB that gzip stores in about 250 kB
    const text = `${header}\n${`${row}\n`.repeat(200_000)}`;
    const bomb = gzipSync(text, { level: 9 });
    expect(text.length / bomb.length).toBeGreaterThan(200);
    const res = await upload(bomb);
    expect(res.status).toBe(413);
    expect(res.body.error.message).toMatch(
      /^The gzip file expands to more than 100 times its compressed size \(\d+ bytes from the first \d+\), the limit set by cost.limits.maxCompressionRatio; nothing was imported$/,
    );
    expect(await overviewTotal()).toBe(0);
  });

  it('refuses a gzip file that decompresses to more than maxDecompressedBytes', async () => {
    const { upload, overviewTotal } = await startBackend({
      limits: { maxDecompressedBytes: 3000 },
    });
    const res = await upload(gzipSync(FIXTURE));
    expect(res.status).toBe(413);
    expect(res.body.error.message).toBe(
      'The decompressed file is larger than 3000 bytes, the limit set by cost.limits.maxDecompressedBytes; nothing was imported',
    );
    expect(await overviewTotal()).toBe(0);
    // the same file within the limit is imported
    const { upload: roomy } = await startBackend({
      limits: { maxDecompressedBytes: FIXTURE.length },
    });
    expect((await roomy(gzipSync(FIXTURE))).status).toBe(201);
  });

  it('refuses an upload to a source that cost.imports owns, unless configured', async () => {
    const imports = [
      { target: '/nonexistent/billing.csv', source: 'aws-billing' },
    ];
    const { upload } = await startBackend({ imports });
    const res = await upload(FIXTURE, 'aws-billing');
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      'Source aws-billing is imported from cost.imports on a schedule; an upload may not replace it (cost.uploads.replaceConfiguredSources allows it)',
    );
    expect((await upload(FIXTURE, 'manual-upload')).status).toBe(201);

    const { upload: permissive } = await startBackend({
      imports,
      uploads: { replaceConfiguredSources: true },
    });
    expect((await permissive(FIXTURE, 'aws-billing')).status).toBe(201);
  });

  it('ends the import at once when the client disconnects mid-upload', async () => {
    const { port, upload } = await startBackend({});
    slowReads.chunks = 0;
    slowReads.ended = undefined;
    const req = httpRequest({
      port,
      method: 'POST',
      path: '/api/cost/imports?source=abandoned',
      headers: { ...auth, 'Content-Type': 'application/octet-stream' },
    });
    req.on('error', () => {});
    req.write(Buffer.from(`SLOW${'x'.repeat(1000)}`));
    await waitFor(() => slowReads.chunks > 0);
    expect(slowReads.ended).toBeUndefined();
    req.destroy();
    await waitFor(() => slowReads.ended !== undefined);
    expect(slowReads.ended).toBe(
      'error: The client closed the connection before the upload ended',
    );
    // the backend goes on taking uploads
    expect((await upload(FIXTURE, 'after-abort')).status).toBe(201);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000) {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) {
      throw new Error('condition not met in time');
    }
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}
