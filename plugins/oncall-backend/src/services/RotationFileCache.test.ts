import { CacheManager } from '@backstage/backend-defaults/cache';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createHash } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { RotationFileCache } from './RotationFileCache';

/** A file server answering If-None-Match with 304, as GitHub and GitLab do. */
class RotationFileServer {
  content = 'spec: first\n';
  readonly hits: Array<{ ifNoneMatch?: string; status: number }> = [];
  private server = http.createServer((req, res) => {
    if (req.url !== '/team/rotation.yaml') {
      this.hits.push({ status: 404 });
      res.writeHead(404).end('not found');
      return;
    }
    const etag = `"${createHash('sha256').update(this.content).digest('hex')}"`;
    const ifNoneMatch = req.headers['if-none-match'];
    if (ifNoneMatch === etag) {
      this.hits.push({ ifNoneMatch, status: 304 });
      res.writeHead(304, { etag }).end();
      return;
    }
    this.hits.push({ ifNoneMatch, status: 200 });
    res.writeHead(200, { etag, 'content-type': 'text/yaml' });
    res.end(this.content);
  });
  url = '';

  async start() {
    await new Promise<void>(r => this.server.listen(0, '127.0.0.1', r));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  stop() {
    return new Promise(r => this.server.close(r));
  }
}

const cacheBackends: Array<[string, { store: string; connection?: string }]> = [
  ['memory', { store: 'memory' }],
  ...(process.env.BACKSTAGE_TEST_CACHE_REDIS7_CONNECTION_STRING
    ? ([
        [
          'redis',
          {
            store: 'redis',
            connection:
              process.env.BACKSTAGE_TEST_CACHE_REDIS7_CONNECTION_STRING,
          },
        ],
      ] as Array<[string, { store: string; connection?: string }]>)
    : []),
];

describe.each(cacheBackends)('RotationFileCache (%s cache)', (_, cache) => {
  let files: RotationFileServer;
  let clock: number;

  beforeEach(async () => {
    files = await new RotationFileServer().start();
    clock = Date.parse('2026-03-10T10:00:00Z');
  });
  afterEach(() => files.stop());

  function reader(freshForMs: number) {
    const config = new ConfigReader({
      backend: {
        cache,
        reading: { allow: [{ host: files.url.replace('http://', '') }] },
      },
    });
    return RotationFileCache.create({
      urlReader: UrlReaders.default({
        config,
        logger: mockServices.logger.mock(),
      }),
      // a fresh plugin id per test keeps Redis entries of other runs apart
      cache: CacheManager.fromConfig(config).forPlugin(
        `oncall-test-${Math.random().toString(36).slice(2)}`,
      ),
      freshForMs,
      now: () => clock,
    });
  }

  it('does not ask the source again while the file is fresh', async () => {
    const rotations = reader(60_000);
    const url = `${files.url}/team/rotation.yaml`;
    expect(await rotations.read(url)).toBe('spec: first\n');
    clock += 59_000;
    expect(await rotations.read(url)).toBe('spec: first\n');
    expect(files.hits).toHaveLength(1);
  });

  it('revalidates with the ETag after that: 304 keeps the cached text', async () => {
    const rotations = reader(60_000);
    const url = `${files.url}/team/rotation.yaml`;
    await rotations.read(url);
    clock += 61_000;
    expect(await rotations.read(url)).toBe('spec: first\n');
    expect(files.hits.map(h => h.status)).toEqual([200, 304]);
    expect(files.hits[1].ifNoneMatch).toMatch(/^"[0-9a-f]{64}"$/);
    // the revalidation restarts the freshness window
    clock += 30_000;
    await rotations.read(url);
    expect(files.hits).toHaveLength(2);
  });

  it('picks up a changed file at the next revalidation', async () => {
    const rotations = reader(60_000);
    const url = `${files.url}/team/rotation.yaml`;
    await rotations.read(url);
    files.content = 'spec: second\n';
    clock += 61_000;
    expect(await rotations.read(url)).toBe('spec: second\n');
    expect(files.hits.map(h => h.status)).toEqual([200, 200]);
  });

  it('asks every time with a freshness of 0, still sparing unchanged files', async () => {
    const rotations = reader(0);
    const url = `${files.url}/team/rotation.yaml`;
    await rotations.read(url);
    await rotations.read(url);
    files.content = 'spec: third\n';
    expect(await rotations.read(url)).toBe('spec: third\n');
    expect(files.hits.map(h => h.status)).toEqual([200, 304, 200]);
  });

  it('caches nothing for a file that cannot be read', async () => {
    const rotations = reader(60_000);
    const url = `${files.url}/team/missing.yaml`;
    await expect(rotations.read(url)).rejects.toThrow(/404/);
    await expect(rotations.read(url)).rejects.toThrow(/404/);
    expect(files.hits).toHaveLength(2);
  });
});
