import {
  BackendFeature,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import { Incident } from '@opsdeck/plugin-oncall-common';
import { oncallProvidersExtensionPoint } from '@opsdeck/plugin-oncall-node';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { oncallPlugin } from './plugin';

jest.setTimeout(30_000);

const rotation = (members: string[]) => `
apiVersion: opsdeck.io/v1alpha1
kind: Rotation
metadata:
  name: platform
spec:
  timeZone: Europe/Berlin
  schedules:
    - name: primary
      layers:
        - name: weekly
          start: '2026-01-05'
          handoffTime: '09:00'
          rotationLength: { weeks: 1 }
          members: [${members.join(', ')}]
  escalationPolicy:
    levels:
      - delayMinutes: 0
        targets: [{ schedule: primary }]
      - delayMinutes: 30
        targets: [{ user: grace.hopper }]
`;

const files: Record<string, string> = {
  '/org/platform.rotation.yaml': rotation(['ada.lovelace', 'grace.hopper']),
  '/org/broken.rotation.yaml': rotation([
    'ada.lovelace',
    'nobody.here',
    'ghost',
  ]),
  '/org/garbage.rotation.yaml': 'spec: [',
};

let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const body = files[req.url ?? ''];
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/yaml' });
    res.end(body ?? 'not found');
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  base = `http://localhost:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise(resolve => server.close(resolve));
});

function group(name: string, rotationFile?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': `url:${base}/org/org.yaml`,
        ...(rotationFile ? { 'opsdeck.io/oncall-rotation': rotationFile } : {}),
      },
    },
    spec: { type: 'team', children: [] },
  };
}

function component(name: string, owner: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner },
  };
}

/** A component served by the in-memory pager below. */
function paged(name: string, pager: 'ok' | 'down'): Entity {
  return {
    ...component(name, 'no-rotation'),
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'test.example.com/pager': pager },
    },
  };
}

const pagerIncident = (id: string, createdAt: string): Incident => ({
  id,
  source: 'pager',
  entityRef: 'component:default/paged-ok',
  title: `Pager incident ${id}`,
  severity: 'error',
  urgency: 'high',
  status: id === 'P2' ? 'acknowledged' : 'triggered',
  createdBy: 'pager',
  createdAt,
});

let pagerEnabled = true;

/**
 * An in-memory on-call provider: its incidents for `ok` entities, an outage
 * for `down` ones; it can neither read one incident nor change one.
 */
const pagerModule = createBackendModule({
  pluginId: 'oncall',
  moduleId: 'test-pager',
  register(reg) {
    reg.registerInit({
      deps: { oncall: oncallProvidersExtensionPoint },
      async init({ oncall }) {
        oncall.addProvider({
          id: 'pager',
          handles: entity =>
            pagerEnabled &&
            Boolean(entity.metadata.annotations?.['test.example.com/pager']),
          getOnCall: async () => [],
          listOpenIncidents: async entity => {
            if (
              entity.metadata.annotations?.['test.example.com/pager'] === 'down'
            ) {
              throw new ServiceUnavailableError('pager answered HTTP 503');
            }
            return [
              pagerIncident('P1', '2026-01-01T10:00:00.000Z'),
              pagerIncident('P2', '2099-01-01T10:00:00.000Z'),
            ];
          },
          triggerIncident: async () => {
            throw new ServiceUnavailableError('not used');
          },
        });
      },
    });
  },
});

function user(name: string, displayName: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { profile: { displayName, email: `${name}@example.com` } },
  };
}

function entities(): Entity[] {
  return [
    group('platform', './platform.rotation.yaml'),
    group('broken', './broken.rotation.yaml'),
    group('garbage', './garbage.rotation.yaml'),
    group('missing-file', './absent.rotation.yaml'),
    group('escaping', '../../etc/passwd'),
    group('no-rotation'),
    component('checkout', 'platform'),
    component('lonely', 'no-rotation'),
    component('fragile', 'broken'),
    paged('paged-ok', 'ok'),
    paged('paged-down', 'down'),
    user('ada.lovelace', 'Ada Lovelace'),
    user('grace.hopper', 'Grace Hopper'),
    {
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      kind: 'Template',
      metadata: { name: 'new-service', namespace: 'default' },
      spec: {},
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Location',
      metadata: { name: 'examples', namespace: 'default' },
      spec: { targets: [] },
    },
  ];
}

async function start(options: {
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  send?: jest.Mock;
  config?: object;
  realAuth?: boolean;
  features?: BackendFeature[];
}) {
  const send = options.send ?? jest.fn();
  const { server: app } = await startTestBackend({
    features: [
      oncallPlugin,
      catalogServiceMock.factory({ entities: entities() }),
      mockServices.permissions.factory({
        result: options.permission ?? AuthorizeResult.ALLOW,
      }),
      mockServices.rootConfig.factory({
        data: {
          backend: {
            baseUrl: 'http://localhost:7007',
            reading: { allow: [{ host: new URL(base).host }] },
            ...(options.config ?? {}),
          },
        },
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send }),
      }),
      ...(options.realAuth ? [authServiceFactory, httpAuthServiceFactory] : []),
      ...(options.features ?? []),
    ],
  });
  return { app, send };
}

describe('oncall backend', () => {
  describe('GET /api/oncall/oncall', () => {
    it('answers now and next per level for a component through its owner group', async () => {
      const { app } = await start({});
      const res = await request(app).get('/api/oncall/oncall').query({
        entityRef: 'component:default/checkout',
        at: '2026-01-07T12:00:00Z',
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        entityRef: 'component:default/checkout',
        configured: true,
        provider: 'rotation',
        rotationEntityRef: 'group:default/platform',
        levels: [
          {
            level: 1,
            delayMinutes: 0,
            now: [
              {
                user: {
                  userRef: 'user:default/ada.lovelace',
                  displayName: 'Ada Lovelace',
                  email: 'ada.lovelace@example.com',
                },
                start: '2026-01-05T08:00:00.000Z',
                end: '2026-01-12T08:00:00.000Z',
                schedule: 'primary',
                layer: 'weekly',
              },
            ],
            next: [
              {
                user: {
                  userRef: 'user:default/grace.hopper',
                  displayName: 'Grace Hopper',
                  email: 'grace.hopper@example.com',
                },
                start: '2026-01-12T08:00:00.000Z',
                end: '2026-01-19T08:00:00.000Z',
                schedule: 'primary',
                layer: 'weekly',
              },
            ],
          },
          {
            level: 2,
            delayMinutes: 30,
            now: [
              {
                user: {
                  userRef: 'user:default/grace.hopper',
                  displayName: 'Grace Hopper',
                  email: 'grace.hopper@example.com',
                },
                start: null,
                end: null,
              },
            ],
            next: [],
          },
        ],
      });
    });

    it('says not configured when neither the entity nor its owner has a rotation', async () => {
      const { app } = await start({});
      const res = await request(app)
        .get('/api/oncall/oncall')
        .query({ entityRef: 'component:default/lonely' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        entityRef: 'component:default/lonely',
        configured: false,
        levels: [],
      });
    });

    it.each([
      [
        'group:default/broken',
        400,
        'names users that are not in the catalog: user:default/ghost, user:default/nobody.here',
      ],
      [
        'group:default/garbage',
        400,
        'is invalid: rotation file is not valid YAML',
      ],
      ['group:default/missing-file', 404, 'absent.rotation.yaml'],
      ['group:default/escaping', 400, 'must be a path relative to the entity'],
      [
        'component:default/nope',
        404,
        'Entity component:default/nope not found',
      ],
      ['component:', 400, 'is not an entity reference'],
    ])('explains the failure for %s', async (entityRef, status, message) => {
      const { app } = await start({});
      const res = await request(app)
        .get('/api/oncall/oncall')
        .query({ entityRef });
      expect(res.status).toBe(status);
      expect(res.body.error.message).toContain(message);
    });

    it.each([
      ['a missing entityRef', {}],
      [
        'a bad instant',
        { entityRef: 'group:default/platform', at: 'yesterday' },
      ],
      ['an unknown parameter', { entityRef: 'group:default/platform', x: '1' }],
    ])('rejects %s', async (_title, query) => {
      const { app } = await start({});
      const res = await request(app).get('/api/oncall/oncall').query(query);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
    });

    it('requires credentials', async () => {
      const { app } = await start({});
      const res = await request(app)
        .get('/api/oncall/oncall')
        .set('Authorization', mockCredentials.none.header())
        .query({ entityRef: 'group:default/platform' });
      expect(res.status).toBe(401);
    });
  });

  describe('incidents', () => {
    // Bad input tried: incidents on a Template, a Location and a User.
    it.each([
      ['template:default/new-service', 'Template'],
      ['location:default/examples', 'Location'],
      ['user:default/ada.lovelace', 'User'],
    ])('refuses an incident on %s', async (entityRef, kind) => {
      const send = jest.fn();
      const { app } = await start({ send });
      const res = await request(app).post('/api/oncall/incidents').send({
        entityRef,
        title: 'Not a service',
        severity: 'critical',
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        `Incidents can be raised on Component, System, Resource, Group entities; ${entityRef} is a ${kind}`,
      );
      expect(send).not.toHaveBeenCalled();
      const list = await request(app).get('/api/oncall/incidents');
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([]);
    });

    it('triggers, notifies the on-call user, acknowledges, notes and resolves', async () => {
      const send = jest.fn();
      const { app } = await start({ send });
      const created = await request(app).post('/api/oncall/incidents').send({
        entityRef: 'component:default/checkout',
        title: 'Checkout is down',
        severity: 'critical',
        deploymentId: 'deploy-7',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        entityRef: 'component:default/checkout',
        status: 'triggered',
        urgency: 'high',
        deploymentId: 'deploy-7',
        createdBy: mockCredentials.user().principal.userEntityRef,
      });
      expect(created.body.assigneeRef).toMatch(
        /^user:default\/(ada\.lovelace|grace\.hopper)$/,
      );
      expect(send).toHaveBeenCalledWith(
        expect.objectContaining({
          recipients: { type: 'entity', entityRef: [created.body.assigneeRef] },
          payload: expect.objectContaining({
            title: 'Incident: Checkout is down',
            severity: 'critical',
          }),
        }),
      );
      const id = created.body.id;
      expect(
        (
          await request(app)
            .post(`/api/oncall/incidents/${id}/acknowledge`)
            .send({})
        ).body.status,
      ).toBe('acknowledged');
      expect(
        (
          await request(app)
            .post(`/api/oncall/incidents/${id}/notes`)
            .send({ text: 'Rolled back' })
        ).status,
      ).toBe(201);
      const resolved = await request(app)
        .post(`/api/oncall/incidents/${id}/resolve`)
        .send({ text: 'Fixed' });
      expect(resolved.body.status).toBe('resolved');
      const detail = await request(app).get(`/api/oncall/incidents/${id}`);
      expect(detail.body.timeline.map((e: any) => e.status ?? e.text)).toEqual([
        'triggered',
        `Notified ${created.body.assigneeRef}.`,
        'acknowledged',
        'Rolled back',
        'resolved',
      ]);
      const again = await request(app)
        .post(`/api/oncall/incidents/${id}/acknowledge`)
        .send({});
      expect(again.status).toBe(409);
      const list = await request(app)
        .get('/api/oncall/incidents')
        .query({ entityRef: 'component:default/checkout', status: 'resolved' });
      expect(list.body.items.map((i: any) => i.id)).toEqual([id]);
    });

    it('keeps the incident and says why when the rotation cannot be read or notifying fails', async () => {
      const send = jest
        .fn()
        .mockRejectedValue(new Error('notifications backend unavailable'));
      const { app } = await start({ send });
      const broken = await request(app).post('/api/oncall/incidents').send({
        entityRef: 'component:default/fragile',
        title: 'Broken rotation',
        severity: 'error',
      });
      expect(broken.status).toBe(201);
      const brokenDetail = await request(app).get(
        `/api/oncall/incidents/${broken.body.id}`,
      );
      expect(brokenDetail.body.timeline[1].text).toContain(
        'Could not determine who is on call, so no one was notified',
      );
      const failed = await request(app).post('/api/oncall/incidents').send({
        entityRef: 'component:default/checkout',
        title: 'Notify fails',
        severity: 'error',
      });
      const failedDetail = await request(app).get(
        `/api/oncall/incidents/${failed.body.id}`,
      );
      expect(failedDetail.body.timeline[1].text).toContain(
        'notifications backend unavailable',
      );
    });

    it.each([
      [
        'a multi-line title',
        { title: 'a\nb', severity: 'error' },
        'title: must be a single line',
      ],
      ['an unknown severity', { title: 'x', severity: 'sev0' }, 'severity'],
      ['a huge title', { title: 'x'.repeat(201), severity: 'error' }, 'title'],
      [
        'a deployment id with $(',
        { title: 'x', severity: 'error', deploymentId: '$(rm -rf /)' },
        'deploymentId: must be a deployment id',
      ],
      [
        'a deployment id with ../',
        { title: 'x', severity: 'error', deploymentId: '../../x' },
        'deploymentId',
      ],
      [
        'an extra field',
        { title: 'x', severity: 'error', status: 'resolved' },
        'Unrecognized key: "status"',
      ],
      [
        'NaN urgency',
        { title: 'x', severity: 'error', urgency: NaN },
        'urgency',
      ],
    ])('rejects %s without writing anything', async (_title, body, message) => {
      const { app } = await start({});
      const res = await request(app)
        .post('/api/oncall/incidents')
        .send({ entityRef: 'component:default/checkout', ...body });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
      const list = await request(app).get('/api/oncall/incidents');
      expect(list.body.items).toEqual([]);
    });

    it('titles with ${{ and quotes are stored as plain text', async () => {
      const { app } = await start({});
      const title = 'Build "${{ github.token }}" leaked? $(whoami)';
      const res = await request(app).post('/api/oncall/incidents').send({
        entityRef: 'component:default/checkout',
        title,
        severity: 'info',
      });
      expect(res.status).toBe(201);
      expect(
        (await request(app).get(`/api/oncall/incidents/${res.body.id}`)).body
          .title,
      ).toBe(title);
    });

    it('answers 404 for unknown incidents and 400 for malformed ids', async () => {
      const { app } = await start({});
      expect(
        (await request(app).get('/api/oncall/incidents/unknown-id')).status,
      ).toBe(404);
      expect(
        (await request(app).get('/api/oncall/incidents/..%2F..%2Fetc')).status,
      ).toBe(400);
    });
  });

  describe('incidents of a provider beside built-in ones', () => {
    /**
     * A backend where the entity first had no provider (so a built-in
     * incident was triggered for it) and then got one, like an entity
     * annotated for PagerDuty after it had built-in incidents.
     */
    async function withBuiltIn(entityRef: string) {
      pagerEnabled = false;
      const { app } = await start({ features: [pagerModule] });
      const created = await request(app).post('/api/oncall/incidents').send({
        entityRef,
        title: 'Built-in incident',
        severity: 'warning',
      });
      expect(created.status).toBe(201);
      pagerEnabled = true;
      return { app, builtInId: created.body.id as string };
    }

    it('merges provider incidents newest first with qualified ids and filters them by status', async () => {
      const { app, builtInId } = await withBuiltIn(
        'component:default/paged-ok',
      );
      const all = await request(app)
        .get('/api/oncall/incidents')
        .query({ entityRef: 'component:default/paged-ok' });
      expect(all.status).toBe(200);
      expect(all.body.errors).toEqual([]);
      // P2 is in the future, the built-in one now, P1 in the past
      expect(all.body.items.map((i: Incident) => i.id)).toEqual([
        'pager:P2',
        builtInId,
        'pager:P1',
      ]);
      const triggered = await request(app).get('/api/oncall/incidents').query({
        entityRef: 'component:default/paged-ok',
        status: 'triggered',
      });
      expect(triggered.body.items.map((i: Incident) => i.id)).toEqual([
        builtInId,
        'pager:P1',
      ]);
    });

    it('answers 200 with the error of the failing source instead of failing the list', async () => {
      const { app, builtInId } = await withBuiltIn(
        'component:default/paged-down',
      );
      const res = await request(app)
        .get('/api/oncall/incidents')
        .query({ entityRef: 'component:default/paged-down' });
      expect(res.status).toBe(200);
      expect(res.body.items.map((i: Incident) => i.id)).toEqual([builtInId]);
      expect(res.body).toEqual({
        items: [expect.objectContaining({ title: 'Built-in incident' })],
        errors: [
          {
            source: 'pager',
            message:
              'Incidents from pager could not be read: pager answered HTTP 503',
          },
        ],
      });
    });

    it('says precisely when a provider cannot read or change one incident', async () => {
      const { app } = await withBuiltIn('component:default/paged-ok');
      const read = await request(app).get('/api/oncall/incidents/pager:P1');
      expect(read.status).toBe(403);
      expect(read.body.error.message).toBe(
        'The pager provider does not support reading one incident',
      );
      const ack = await request(app)
        .post('/api/oncall/incidents/pager:P1/acknowledge')
        .send({});
      expect(ack.status).toBe(403);
      expect(ack.body.error.message).toBe(
        'The pager provider does not support acknowledging or resolving incidents',
      );
    });
  });

  describe('permissions', () => {
    it.each([
      [
        'trigger',
        'post',
        '/api/oncall/incidents',
        {
          entityRef: 'component:default/checkout',
          title: 'x',
          severity: 'info',
        },
        'oncall.incident.trigger',
      ],
      [
        'acknowledge',
        'post',
        '/api/oncall/incidents/some-id/acknowledge',
        {},
        'oncall.incident.acknowledge',
      ],
      [
        'resolve',
        'post',
        '/api/oncall/incidents/some-id/resolve',
        {},
        'oncall.incident.resolve',
      ],
      [
        'note',
        'post',
        '/api/oncall/incidents/some-id/notes',
        { text: 'x' },
        'oncall.incident.note',
      ],
      [
        'override',
        'post',
        '/api/oncall/overrides',
        {
          entityRef: 'group:default/platform',
          schedule: 'primary',
          userRef: 'grace.hopper',
          start: '2026-01-07T00:00:00Z',
          end: '2026-01-08T00:00:00Z',
        },
        'oncall.override.create',
      ],
    ])(
      'denies %s without the permission',
      async (_title, _method, path, body, permission) => {
        const { app, send } = await start({ permission: AuthorizeResult.DENY });
        const res = await request(app).post(path).send(body);
        expect(res.status).toBe(403);
        expect(res.body.error.message).toBe(`Missing permission ${permission}`);
        expect(send).not.toHaveBeenCalled();
        expect(
          (await request(app).get('/api/oncall/incidents')).body.items,
        ).toEqual([]);
      },
    );

    it('still allows reading without mutation permissions', async () => {
      const { app } = await start({ permission: AuthorizeResult.DENY });
      const res = await request(app)
        .get('/api/oncall/oncall')
        .query({ entityRef: 'group:default/platform' });
      expect(res.status).toBe(200);
    });
  });

  describe('overrides', () => {
    it('swaps a shift and shows it in who is on call', async () => {
      const { app } = await start({});
      const created = await request(app).post('/api/oncall/overrides').send({
        entityRef: 'component:default/checkout',
        schedule: 'primary',
        userRef: 'grace.hopper',
        start: '2026-01-07T00:00:00Z',
        end: '2026-01-08T00:00:00Z',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        rotationEntityRef: 'group:default/platform',
        userRef: 'user:default/grace.hopper',
      });
      const res = await request(app).get('/api/oncall/oncall').query({
        entityRef: 'group:default/platform',
        at: '2026-01-07T12:00:00Z',
      });
      expect(res.body.levels[0].now[0]).toMatchObject({
        user: { userRef: 'user:default/grace.hopper' },
        start: '2026-01-07T00:00:00.000Z',
        end: '2026-01-08T00:00:00.000Z',
        overrideId: created.body.id,
      });
      expect(res.body.levels[0].next[0]).toMatchObject({
        user: { userRef: 'user:default/ada.lovelace' },
        start: '2026-01-08T00:00:00.000Z',
      });
      expect(
        (await request(app).delete(`/api/oncall/overrides/${created.body.id}`))
          .status,
      ).toBe(204);
      expect(
        (await request(app).delete(`/api/oncall/overrides/${created.body.id}`))
          .status,
      ).toBe(404);
    });

    it.each([
      [
        'an unknown schedule',
        { schedule: 'secondary' },
        'has no schedule "secondary" (it has: primary)',
      ],
      [
        'an unknown user',
        { userRef: 'nobody.here' },
        'user:default/nobody.here is not a User in the catalog',
      ],
      [
        'a group as user',
        { userRef: 'group:default/platform' },
        'is not a User in the catalog',
      ],
      [
        'end before start',
        { end: '2026-01-06T00:00:00Z' },
        'end: end must be after start',
      ],
      [
        'a 100-day override',
        { end: '2026-04-20T00:00:00Z' },
        'at most 90 days',
      ],
      ['a date without offset', { start: '2026-01-07T00:00:00' }, 'start'],
    ])('rejects %s', async (_title, patch, message) => {
      const { app } = await start({});
      const res = await request(app)
        .post('/api/oncall/overrides')
        .send({
          entityRef: 'group:default/platform',
          schedule: 'primary',
          userRef: 'grace.hopper',
          start: '2026-01-07T00:00:00Z',
          end: '2026-01-08T00:00:00Z',
          ...patch,
        });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    });
  });

  describe('external access', () => {
    const config = {
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: {
              token: 'incident-bot-token-123',
              subject: 'incident-bot',
            },
            accessRestrictions: [{ plugin: 'oncall' }],
          },
        ],
      },
    };

    it('accepts a static token restricted to the plugin and records the service as author', async () => {
      const { app } = await start({ config, realAuth: true });
      const res = await request(app)
        .post('/api/oncall/incidents')
        .set('Authorization', 'Bearer incident-bot-token-123')
        .send({
          entityRef: 'component:default/checkout',
          title: 'From a bot',
          severity: 'warning',
        });
      expect(res.status).toBe(201);
      expect(res.body.createdBy).toBe('service:incident-bot');
    });

    it.each([
      ['a wrong token', 'Bearer wrong-token-000'],
      ['no token', undefined],
    ])('refuses %s with 401', async (_title, header) => {
      const { app } = await start({ config, realAuth: true });
      const req = request(app).get('/api/oncall/incidents');
      const res = header ? await req.set('Authorization', header) : await req;
      expect(res.status).toBe(401);
    });

    it('leaves /health open', async () => {
      const { app } = await start({ config, realAuth: true });
      expect((await request(app).get('/api/oncall/health')).status).toBe(200);
    });
  });
});
