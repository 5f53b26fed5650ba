import { HttpAuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  ERROR_BUDGET_GATE_PATH,
  errorBudgetGateRequestSchema,
  sloSummaryRequestSchema,
} from '@opsdeck/plugin-slo-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { SloService } from './services/SloService';

const refPart = z
  .string()
  .min(1)
  .max(253)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'must be letters, digits, ".", "_" or "-"',
  );

const entityPathSchema = z.object({
  kind: refPart,
  namespace: refPart,
  name: refPart,
});

const entityRefSchema = z
  .string()
  .min(1)
  .max(400)
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'must not contain control characters');

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new InputError(`invalid ${what}: ${field}${issue.message}`);
  }
  return result.data;
}

function normaliseRef(text: string): string {
  let ref;
  try {
    ref = parseEntityRef(text, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(
      `invalid entityRef ${JSON.stringify(text)}: ${(error as Error).message}`,
    );
  }
  return stringifyEntityRef(ref);
}

export async function createRouter(options: {
  httpAuth: HttpAuthService;
  sloService: SloService;
}): Promise<express.Router> {
  const { httpAuth, sloService } = options;
  const router = Router();
  router.use(express.json({ limit: '64kb' }));

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/entities/:kind/:namespace/:name/slos', async (req, res) => {
    const path = parse(entityPathSchema, req.params, 'entity path');
    const credentials = await httpAuth.credentials(req);
    const ref = normaliseRef(`${path.kind}:${path.namespace}/${path.name}`);
    res.json(await sloService.getEntityReport(ref, credentials));
  });

  router.get('/slos', async (req, res) => {
    const entityRef = parse(
      entityRefSchema,
      req.query.entityRef,
      'entityRef query parameter',
    );
    const credentials = await httpAuth.credentials(req);
    res.json(
      await sloService.getEntityReport(normaliseRef(entityRef), credentials),
    );
  });

  router.post('/summary', async (req, res) => {
    const body = parse(sloSummaryRequestSchema, req.body, 'summary request');
    const credentials = await httpAuth.credentials(req);
    const items = await sloService.getSummary(
      body.entityRefs.map(normaliseRef),
      credentials,
    );
    res.json({ items });
  });

  router.post(ERROR_BUDGET_GATE_PATH, async (req, res) => {
    const body = parse(errorBudgetGateRequestSchema, req.body, 'gate request');
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(
      await sloService.gate(
        { ...body, entityRef: normaliseRef(body.entityRef) },
        credentials,
      ),
    );
  });

  return router;
}
