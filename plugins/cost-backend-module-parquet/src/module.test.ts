import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import costPlugin from '@opsdeck/plugin-cost-backend';
import request from 'supertest';
import {
  csvTable,
  exportColumnType,
  FixtureColumnType,
  FOCUS_SMALL_CSV,
  writeFocusParquet,
} from './__testUtils__/focusParquetFixtures';
import costModuleParquet from './index';

jest.setTimeout(120_000);

const component = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: {},
});

const ENTITIES = [
  component('checkout-service'),
  component('payments-api'),
  component('search-service'),
];

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** Figures to compare between a Parquet and a CSV import of the same rows. */
const QUERIES = [
  '/overview?from=2026-01-01&to=2026-02-28',
  '/summary?entityRef=component:default/checkout-service&from=2026-01-01&to=2026-02-28',
  '/summary?entityRef=component:default/payments-api&from=2026-01-01&to=2026-02-28',
  '/daily?entityRef=component:default/checkout-service&from=2026-01-01&to=2026-02-28&dimension=resource',
  '/daily?entityRef=component:default/search-service&from=2026-01-01&to=2026-01-31&dimension=service',
];

describe.each(databases.eachSupportedId())(
  'Parquet FOCUS imports on %s',
  databaseId => {
    async function startBackend(config: object = {}) {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          costPlugin,
          costModuleParquet,
          mockServices.rootConfig.factory({ data: config }),
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities: ENTITIES }),
        ],
      });
      const auth = {
        Authorization: mockCredentials.service.header(),
      };
      const upload = (body: Buffer, type: string) =>
        request(server)
          .post('/api/cost/imports?source=focus-export')
          .set(auth)
          .set('Content-Type', type)
          .send(body);
      const get = (path: string) =>
        request(server).get(`/api/cost${path}`).set(auth);
      return { upload, get };
    }

    const table = csvTable(FOCUS_SMALL_CSV);

    // Bad input tried: a valid export one byte over cost.limits.maxSpooledBytes.
    it('refuses a Parquet file over cost.limits.maxSpooledBytes with 413 and imports nothing', async () => {
      const file = writeFocusParquet(table);
      const small = await startBackend({
        cost: { limits: { maxSpooledBytes: file.length - 1 } },
      });
      const res = await small.upload(file, 'application/vnd.apache.parquet');
      expect(res.status).toBe(413);
      expect(res.body.error.message).toBe(
        `The Parquet file is larger than ${
          file.length - 1
        } bytes, the limit set by cost.limits.maxSpooledBytes; nothing was imported`,
      );
      expect((await small.get(QUERIES[0])).body.total).toBe(0);
      const exact = await startBackend({
        cost: { limits: { maxSpooledBytes: file.length } },
      });
      expect(
        (await exact.upload(file, 'application/vnd.apache.parquet')).status,
      ).toBe(201);
    });

    /** The fixture with one column stored as another Parquet type. */
    const withColumnAs = (
      column: string,
      type: FixtureColumnType,
      cellOf: (cell: string) => string,
    ) =>
      writeFocusParquet(
        {
          header: table.header,
          rows: table.rows.map(row =>
            row.map((cell, c) =>
              table.header[c] === column ? cellOf(cell) : cell,
            ),
          ),
        },
        { typeOf: name => (name === column ? type : exportColumnType(name)) },
      );

    it('imports a Parquet export with the same aggregates as the same rows in CSV', async () => {
      const parquet = await startBackend();
      const viaParquet = await parquet.upload(
        writeFocusParquet(table, { rowGroupSize: 3 }),
        'application/vnd.apache.parquet',
      );
      expect(viaParquet.status).toBe(201);
      expect(viaParquet.body).toMatchObject({
        source: 'focus-export',
        rows: 10,
        currency: 'EUR',
        total: 95,
      });

      const csv = await startBackend();
      const viaCsv = await csv.upload(FOCUS_SMALL_CSV, 'text/csv');
      expect(viaCsv.status).toBe(201);
      expect(viaParquet.body).toEqual(viaCsv.body);

      for (const query of QUERIES) {
        const fromParquet = await parquet.get(query);
        const fromCsv = await csv.get(query);
        expect(fromParquet.status).toBe(200);
        expect(fromParquet.body).toEqual(fromCsv.body);
      }
      // the figures are the fixture's, not two empty answers
      const summary = await parquet.get(QUERIES[1]);
      expect(summary.body.totals).toEqual([
        expect.objectContaining({ currency: 'EUR', amount: 45 }),
      ]);
    });

    // Bad inputs tried: a truncated Parquet file, a file cut to 8 bytes, a file
    // whose trailing magic bytes are not PAR1, a damaged footer, a file without the mandatory BilledCost column, BilledCost as
    // BOOLEAN, ChargePeriodStart as DOUBLE, Tags as BOOLEAN, an empty upload.
    // Each is rejected with its problem and imports nothing.
    it.each<[string, () => Buffer, RegExp]>([
      [
        'a truncated file',
        () => {
          const file = writeFocusParquet(table);
          return file.subarray(0, file.length - 40);
        },
        /line 1: the Parquet file is truncated or corrupted: it does not end with the PAR1 magic bytes/,
      ],
      [
        'a file cut to its first bytes',
        () => writeFocusParquet(table).subarray(0, 8),
        /line 1: the Parquet file is truncated: 8 bytes, too short for a footer/,
      ],
      [
        'a file whose trailing magic bytes are not PAR1',
        () => {
          const file = Buffer.from(writeFocusParquet(table));
          file.write('PARX', file.length - 4, 'latin1');
          return file;
        },
        /line 1: the Parquet file is truncated or corrupted: it does not end with the PAR1 magic bytes/,
      ],
      [
        'a damaged footer',
        () => {
          const file = Buffer.from(writeFocusParquet(table));
          // the footer length, just before the trailing magic, points outside the file
          file.writeUInt32LE(file.length * 2, file.length - 8);
          return file;
        },
        /line 1: the Parquet footer cannot be read: /,
      ],
      [
        'a missing mandatory column',
        () => {
          const keep = table.header.map((name, c) => [name, c] as const);
          const without = keep.filter(([name]) => name !== 'BilledCost');
          return writeFocusParquet({
            header: without.map(([name]) => name),
            rows: table.rows.map(row => without.map(([, c]) => row[c])),
          });
        },
        /line 1, column BilledCost: mandatory FOCUS column 'BilledCost' is missing/,
      ],
      [
        'a decimal column stored as BOOLEAN',
        () => withColumnAs('BilledCost', 'boolean', () => 'true'),
        /line 1: column BilledCost is a boolean \(Parquet BOOLEAN\); FOCUS decimal columns must be a number or DECIMAL or a string/,
      ],
      [
        'a date/time column stored as DOUBLE',
        () =>
          withColumnAs('ChargePeriodStart', 'double', cell =>
            String(Date.parse(cell)),
          ),
        /line 1: column ChargePeriodStart is a number or DECIMAL \(Parquet DOUBLE\); FOCUS datetime columns must be a TIMESTAMP or DATE or a string/,
      ],
      [
        'Tags stored as BOOLEAN',
        () => withColumnAs('Tags', 'boolean', () => 'false'),
        /line 1: column Tags is a boolean \(Parquet BOOLEAN\); FOCUS json columns must be a MAP or JSON text or a string/,
      ],
      ['an empty upload', () => Buffer.alloc(0), /the file is empty/],
    ])('rejects %s and imports nothing', async (_name, file, message) => {
      const { upload, get } = await startBackend();
      const res = await upload(file(), 'application/vnd.apache.parquet');
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toMatch(/nothing was imported/);
      expect(res.body.error.message).toMatch(message);
      const overview = await get(QUERIES[0]);
      expect(overview.status).toBe(200);
      expect(overview.body.total).toBe(0);
    });
  },
);
