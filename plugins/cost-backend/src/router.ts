import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  costAccountReadPermission,
  costOverviewReadPermission,
  costImportPermission,
} from '@opsdeck/plugin-cost-common';
import express from 'express';
import Router from 'express-promise-router';
import { PassThrough } from 'node:stream';
import { CostImporter } from './ingest/CostImporter';
import {
  accountDailyQuery,
  dailyQuery,
  entityQuery,
  hintsQuery,
  importQuery,
  parse,
  periodQuery,
  productInsightsQuery,
} from './queries';
import { AccountCostService } from './service/AccountCostService';
import { CostInsightsService } from './service/CostInsightsService';
import { EntityScopeResolver } from './service/EntityScopeResolver';
import { ProductInsightsService } from './service/ProductInsightsService';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  importer: CostImporter;
  insights: CostInsightsService;
  accounts: AccountCostService;
  products: ProductInsightsService;
  resolver: EntityScopeResolver;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, importer, insights, resolver } = options;
  const router = Router();

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  const authorize = async (
    req: express.Request,
    permission: BasicPermission,
    needed: string,
  ) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `${needed} needs the ${permission.name} permission`,
      );
    }
  };

  router.post('/imports', async (req, res) => {
    const { source } = parse(importQuery, req.query);
    await authorize(req, costImportPermission, 'Importing cost data');
    // The importer reads a copy of the body, so a file it rejects early
    // (a bad header, say) ends its reading without closing the connection
    // the answer goes out on; the rest of the body is read and discarded.
    const body = new PassThrough();
    req.pipe(body);
    try {
      res.status(201).json(await importer.importFile(source, body));
    } catch (error) {
      req.unpipe(body);
      req.resume();
      res.setHeader('Connection', 'close');
      throw error;
    }
  });

  const scoped = async (req: express.Request, entityRef: string) =>
    resolver.resolve(
      entityRef,
      await httpAuth.credentials(req, { allow: ['user', 'service'] }),
    );

  router.get('/summary', async (req, res) => {
    const q = parse(entityQuery, req.query);
    const { entityRef, scope } = await scoped(req, q.entityRef);
    res.json(await insights.summary(entityRef, scope, q));
  });

  router.get('/daily', async (req, res) => {
    const q = parse(dailyQuery, req.query);
    const { entityRef, scope } = await scoped(req, q.entityRef);
    res.json(await insights.daily(entityRef, scope, q, q.dimension));
  });

  router.get('/forecast', async (req, res) => {
    const q = parse(entityQuery, req.query);
    const { entityRef, scope } = await scoped(req, q.entityRef);
    res.json(await insights.forecast(entityRef, scope));
  });

  router.get('/budget', async (req, res) => {
    const q = parse(entityQuery, req.query);
    const { entityRef, scope } = await scoped(req, q.entityRef);
    res.json({ entityRef, budget: await insights.budget(entityRef, scope) });
  });

  router.get('/anomalies', async (req, res) => {
    const q = parse(entityQuery, req.query);
    const { entityRef, scope } = await scoped(req, q.entityRef);
    res.json(await insights.anomalies(entityRef, scope, q));
  });

  router.get('/hints', async (req, res) => {
    const q = parse(hintsQuery, req.query);
    if (q.entityRef) {
      const { entityRef, scope } = await scoped(req, q.entityRef);
      res.json(await insights.hints(entityRef, scope, q));
      return;
    }
    await authorize(
      req,
      costOverviewReadPermission,
      "Reading the whole organisation's hints",
    );
    res.json(await insights.hints('all', { type: 'all' }, q));
  });

  router.get('/overview', async (req, res) => {
    const q = parse(periodQuery, req.query);
    await authorize(
      req,
      costOverviewReadPermission,
      "Reading the whole organisation's spend",
    );
    res.json(await insights.overview(q));
  });

  router.get('/accounts', async (req, res) => {
    const q = parse(entityQuery, req.query);
    const { entityRef, scope } = await scoped(req, q.entityRef);
    res.json(await options.accounts.accounts(entityRef, scope, q));
  });

  router.get('/accounts/daily', async (req, res) => {
    const q = parse(accountDailyQuery, req.query);
    await authorize(
      req,
      costAccountReadPermission,
      'Reading the whole spend of a billing account',
    );
    res.json(await options.accounts.daily(q.account, q, q.dimension));
  });

  router.get('/product-insights', async (req, res) => {
    const q = parse(productInsightsQuery, req.query);
    const { entityRef, scope } = await scoped(req, q.entityRef);
    res.json(await options.products.productInsights(entityRef, scope, q));
  });

  return router;
}
