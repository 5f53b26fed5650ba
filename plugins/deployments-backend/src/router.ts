import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  DEPLOYMENT_EVENTS_BATCH_PATH,
  DEPLOYMENT_EVENTS_PATH,
  DEPLOYMENT_INCIDENT_LINKS_PATH,
  DEPLOYMENT_STATUSES,
  DeploymentEventBatchResponse,
  deploymentEventBatchSchema,
  deploymentEventSchema,
  incidentLinkSchema,
} from '@opsdeck/plugin-deployments-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { RequestTooLargeError } from './errors';
import type { DeploymentIngestionService } from './services/DeploymentIngestionService';
import type { IngestionAccessPolicy } from './services/IngestionAccessPolicy';
import type { DeploymentQueryService } from './services/DeploymentQueryService';
import type { RollbackService } from './services/RollbackService';
import { describeZodError } from './services/describeZodError';

const entityRefSchema = z.string().min(1).max(400);
const environmentSchema = z
  .string()
  .regex(
    /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/,
    'must be a lowercase DNS label',
  );
const periodSchema = {
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
};

const summaryQuerySchema = z.object({ entityRef: entityRefSchema });
const historyQuerySchema = z.object({
  entityRef: entityRefSchema,
  environment: environmentSchema.optional(),
  status: z.enum(DEPLOYMENT_STATUSES).optional(),
  ...periodSchema,
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
const doraQuerySchema = z.object({
  entityRef: entityRefSchema,
  ...periodSchema,
});
const rollbackBodySchema = z.object({
  entityRef: entityRefSchema,
  environment: environmentSchema,
});

function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new InputError(`Invalid request: ${describeZodError(parsed.error)}`);
  }
  return parsed.data;
}

/** Turns body-parser failures into precise errors. */
function bodyErrors(maxBodyBytes: number): express.ErrorRequestHandler {
  return (error, _req, _res, next) => {
    if (error?.type === 'entity.too.large') {
      next(
        new RequestTooLargeError(
          `Request body of ${error.length} bytes is over the limit of ${maxBodyBytes} bytes (deployments.ingestion.maxBodyBytes); send large backfills as several batches`,
        ),
      );
    } else if (error?.type === 'entity.parse.failed') {
      next(new InputError(`Request body is not valid JSON: ${error.message}`));
    } else {
      next(error);
    }
  };
}

/** The bearer token of a request, if any. */
function bearerToken(req: express.Request): string | undefined {
  const match = /^Bearer[ ]+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

export async function createRouter(options: {
  httpAuth: HttpAuthService;
  access: IngestionAccessPolicy;
  ingestion: DeploymentIngestionService;
  queries: DeploymentQueryService;
  rollback: RollbackService;
  maxBodyBytes: number;
}): Promise<express.Router> {
  const { httpAuth, access, ingestion, queries, rollback, maxBodyBytes } =
    options;
  const router = Router();
  router.use(express.json({ limit: maxBodyBytes }));
  router.use(bodyErrors(maxBodyBytes));

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.post(DEPLOYMENT_EVENTS_PATH, async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['service'] });
    const event = parse(deploymentEventSchema, req.body);
    await access.authorize(credentials, bearerToken(req), [event.entityRef]);
    const [result] = await ingestion.ingestEvents([event]);
    res.status(result.duplicate ? 200 : 201).json(result);
  });

  router.post(DEPLOYMENT_EVENTS_BATCH_PATH, async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['service'] });
    const { events } = parse(deploymentEventBatchSchema, req.body);
    await access.authorize(
      credentials,
      bearerToken(req),
      events.map(event => event.entityRef),
    );
    const results = await ingestion.ingestEvents(events);
    const duplicates = results.filter(r => r.duplicate).length;
    const body: DeploymentEventBatchResponse = {
      accepted: results.length - duplicates,
      duplicates,
      results,
    };
    res.json(body);
  });

  router.post(DEPLOYMENT_INCIDENT_LINKS_PATH, async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    const link = parse(incidentLinkSchema, req.body);
    const result = await ingestion.linkIncident(link);
    res.status(result.linked ? 201 : 200).json(result);
  });

  router.get('/summary', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const { entityRef } = parse(summaryQuerySchema, req.query);
    res.json(await queries.summary(entityRef, credentials));
  });

  router.get('/history', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const { entityRef, ...query } = parse(historyQuerySchema, req.query);
    res.json(await queries.history(entityRef, query, credentials));
  });

  router.get('/dora', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const { entityRef, from, to } = parse(doraQuerySchema, req.query);
    res.json(await queries.dora(entityRef, { from, to }, credentials));
  });

  router.post('/rollback', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const request = parse(rollbackBodySchema, req.body);
    res.json(await rollback.rollback(request, credentials));
  });

  return router;
}
