import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  COST_DIMENSIONS,
  costImportPermission,
} from '@opsdeck/plugin-cost-common';
import express from 'express';
import Router from 'express-promise-router';
import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { CostImporter } from './ingest/CostImporter';
import { CostInsightsService } from './service/CostInsightsService';
import { EntityScopeResolver } from './service/EntityScopeResolver';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(
    d =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) &&
      new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    'must be a real calendar date',
  );

const entityQuery = z.object({
  entityRef: z.string().min(3).max(512),
  from: day.optional(),
  to: day.optional(),
});

const dailyQuery = entityQuery.extend({
  dimension: z.enum(COST_DIMENSIONS).default('service'),
});

const periodQuery = z.object({ from: day.optional(), to: day.optional() });

const hintsQuery = periodQuery.extend({
  entityRef: z.string().min(3).max(512).optional(),
});

const importQuery = z.object({
  source: z.string().min(1).max(512).default('upload'),
});

function parse<T extends z.ZodTypeAny>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new InputError(
      `Invalid ${issue.path.join('.') || 'request'}: ${issue.message}`,
    );
  }
  return result.data;
}

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  importer: CostImporter;
  insights: CostInsightsService;
  resolver: EntityScopeResolver;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, importer, insights, resolver } = options;
  const router = Router();

  router.post('/imports', async (req, res) => {
    const { source } = parse(importQuery, req.query);
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission: costImportPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        'Importing cost data needs the cost.import permission',
      );
    }
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
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(await insights.hints('all', { type: 'all' }, q));
  });

  router.get('/overview', async (req, res) => {
    const q = parse(periodQuery, req.query);
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(await insights.overview(q));
  });

  return router;
}
