import {
  AuthService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  INCIDENT_STATUSES,
  createOverrideRequestSchema,
  formatIssues,
  incidentNoteRequestSchema,
  oncallIncidentAcknowledgePermission,
  oncallIncidentNotePermission,
  oncallIncidentResolvePermission,
  oncallIncidentTriggerPermission,
  oncallOverrideCreatePermission,
  triggerIncidentRequestSchema,
} from '@opsdeck/plugin-oncall-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { authorOf } from './services/author';
import { INCIDENT_ID_PATTERN } from './services/incidentIds';
import { IncidentService } from './services/IncidentService';
import { OnCallService } from './services/OnCallService';

function parse<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what: string,
): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new InputError(`Invalid ${what}: ${formatIssues(parsed.error)}`);
  }
  return parsed.data;
}

const entityQuery = z.strictObject({
  entityRef: z.string().min(1).max(400),
  at: z.iso.datetime({ offset: true }).optional(),
});

const incidentsQuery = z.strictObject({
  entityRef: z.string().min(1).max(400).optional(),
  status: z
    .string()
    .max(100)
    .transform(v => v.split(','))
    .pipe(z.array(z.enum(INCIDENT_STATUSES)))
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const idParam = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be an id'),
});

const incidentIdParam = z.strictObject({
  id: z
    .string()
    .regex(
      INCIDENT_ID_PATTERN,
      'must be an incident id (an id, or <source>:<id> for a provider)',
    ),
});

const statusChangeBody = z
  .strictObject({ text: z.string().trim().min(1).max(10_000).optional() })
  .optional();

/** HTTP routes of the on-call backend. */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  onCall: OnCallService;
  incidents: IncidentService;
}): Promise<express.Router> {
  const { httpAuth, auth, permissions, onCall, incidents } = options;
  const router = Router();
  router.use(express.json({ limit: '64kb' }));

  const caller = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  async function authorize(
    permission: BasicPermission,
    credentials: BackstageCredentials,
  ) {
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Missing permission ${permission.name}`);
    }
  }

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/oncall', async (req, res) => {
    const query = parse(entityQuery, req.query, 'query');
    const credentials = await caller(req);
    const at = query.at ? new Date(query.at) : new Date();
    res.json(await onCall.getOnCall(query.entityRef, at, credentials));
  });

  router.get('/overrides', async (req, res) => {
    const query = parse(entityQuery, req.query, 'query');
    const credentials = await caller(req);
    res.json({
      items: await onCall.listOverrides(query.entityRef, credentials),
    });
  });

  router.post('/overrides', async (req, res) => {
    const credentials = await caller(req);
    await authorize(oncallOverrideCreatePermission, credentials);
    const body = parse(createOverrideRequestSchema, req.body, 'override');
    res
      .status(201)
      .json(
        await onCall.createOverride(
          body,
          authorOf(auth, credentials),
          credentials,
        ),
      );
  });

  router.delete('/overrides/:id', async (req, res) => {
    const { id } = parse(idParam, req.params, 'override id');
    const credentials = await caller(req);
    await authorize(oncallOverrideCreatePermission, credentials);
    await onCall.deleteOverride(id, authorOf(auth, credentials), credentials);
    res.status(204).end();
  });

  router.get('/incidents', async (req, res) => {
    const query = parse(incidentsQuery, req.query, 'query');
    const credentials = await caller(req);
    res.json(
      await incidents.list({
        entityRef: query.entityRef,
        status: query.status,
        limit: query.limit,
        credentials,
      }),
    );
  });

  router.get('/incidents/:id', async (req, res) => {
    const { id } = parse(incidentIdParam, req.params, 'incident id');
    const credentials = await caller(req);
    res.json(await incidents.get(id, credentials));
  });

  router.post('/incidents', async (req, res) => {
    const credentials = await caller(req);
    await authorize(oncallIncidentTriggerPermission, credentials);
    const body = parse(triggerIncidentRequestSchema, req.body, 'incident');
    res
      .status(201)
      .json(
        await incidents.trigger(body, authorOf(auth, credentials), credentials),
      );
  });

  const transitions = [
    ['acknowledge', 'acknowledged', oncallIncidentAcknowledgePermission],
    ['resolve', 'resolved', oncallIncidentResolvePermission],
  ] as const;
  for (const [action, status, permission] of transitions) {
    router.post(`/incidents/:id/${action}`, async (req, res) => {
      const { id } = parse(incidentIdParam, req.params, 'incident id');
      const credentials = await caller(req);
      await authorize(permission, credentials);
      const body = parse(statusChangeBody, req.body, 'request');
      res.json(
        await incidents.changeStatus(
          id,
          status,
          authorOf(auth, credentials),
          body?.text,
          credentials,
        ),
      );
    });
  }

  router.post('/incidents/:id/notes', async (req, res) => {
    const { id } = parse(incidentIdParam, req.params, 'incident id');
    const credentials = await caller(req);
    await authorize(oncallIncidentNotePermission, credentials);
    const body = parse(incidentNoteRequestSchema, req.body, 'note');
    res
      .status(201)
      .json(
        await incidents.addNote(
          id,
          authorOf(auth, credentials),
          body.text,
          credentials,
        ),
      );
  });

  return router;
}
