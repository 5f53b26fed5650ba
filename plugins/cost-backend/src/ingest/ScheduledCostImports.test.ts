import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { DatabaseCostStore } from '../database/DatabaseCostStore';
import { CostImporter } from './CostImporter';
import { ScheduledCostImports } from './ScheduledCostImports';

const FIXTURE_PATH = join(__dirname, '../__fixtures__/focus-small.csv');

describe('ScheduledCostImports', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    const gz = gzipSync(readFileSync(FIXTURE_PATH));
    server = createServer((req, res) => {
      if (req.url === '/exports/focus.csv.gz') {
        res.writeHead(200, { 'Content-Type': 'application/gzip' });
        res.end(gz);
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise(r => server.close(r)));

  it('imports a file path and a gzip URL through the URL reader, and survives a missing one', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseCostStore.create({
      database: mockServices.database({ knex }),
    });
    const logger = mockServices.logger.mock();
    const config = mockServices.rootConfig({
      data: {
        backend: {
          reading: { allow: [{ host: baseUrl.replace('http://', '') }] },
        },
      },
    });
    const urlReader = UrlReaders.default({ logger, config });
    const imports = ScheduledCostImports.create({
      importer: CostImporter.create({ store, logger }),
      urlReader,
      logger,
    });
    await imports.importAll([
      { source: 'file', target: FIXTURE_PATH },
      { source: 'url', target: `${baseUrl}/exports/focus.csv.gz` },
      { source: 'missing', target: `${baseUrl}/exports/missing.csv` },
    ]);
    const rows = await store.dailyAmounts(
      { type: 'all' },
      { from: '2026-01-01', to: '2026-02-28' },
    );
    // the fixture (95 EUR) once per source that exists
    expect(rows.reduce((a, r) => a + r.amount, 0)).toBe(190);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringMatching(/Cost import of missing failed/),
    );
  });

  it('imports the exports of billing sources; a failing source or export does not stop the others', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseCostStore.create({
      database: mockServices.database({ knex }),
    });
    const logger = mockServices.logger.mock();
    const fixture = readFileSync(FIXTURE_PATH);
    const imports = ScheduledCostImports.create({
      importer: CostImporter.create({ store, logger }),
      urlReader: UrlReaders.default({
        logger,
        config: mockServices.rootConfig(),
      }),
      logger,
      sources: [
        {
          id: 'broken-api',
          listExports: async () => {
            throw new Error('billing API answered 503');
          },
        },
        {
          id: 'bucket',
          listExports: async () => [
            { source: 'bucket/a', open: async () => Readable.from([fixture]) },
            {
              source: 'bucket/gone',
              open: async () => {
                throw new Error('object not found');
              },
            },
            {
              source: 'bucket/b',
              open: async () => Readable.from([gzipSync(fixture)]),
            },
          ],
        },
      ],
    });
    await imports.importAll([]);
    const rows = await store.dailyAmounts(
      { type: 'all' },
      { from: '2026-01-01', to: '2026-02-28' },
    );
    expect(rows.reduce((a, r) => a + r.amount, 0)).toBe(190);
    expect(logger.error).toHaveBeenCalledWith(
      'Billing source broken-api failed to list exports: billing API answered 503',
    );
    expect(logger.error).toHaveBeenCalledWith(
      'Cost import of bucket/gone failed: object not found',
    );
  });
});
