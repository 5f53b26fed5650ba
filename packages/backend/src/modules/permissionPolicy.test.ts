import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
  Permission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import permissionPlugin from '@backstage/plugin-permission-backend';
import {
  costAccountReadPermission,
  costImportPermission,
  costOverviewReadPermission,
} from '@opsdeck/plugin-cost-common';
import { deploymentsRollbackPermission } from '@opsdeck/plugin-deployments-common';
import {
  oncallIncidentAcknowledgePermission,
  oncallIncidentNotePermission,
  oncallIncidentResolvePermission,
  oncallIncidentTriggerPermission,
  oncallOverrideCreatePermission,
} from '@opsdeck/plugin-oncall-common';
import { demoOrProductionFeatures } from '../features';
import {
  adminGroupsRule,
  normaliseGroupRef,
  OpsdeckPermissionPolicy,
  opsdeckRestrictedPermissions,
} from './permissionPolicy';

const ownership: Record<string, string[]> = {
  'user:default/ada': ['user:default/ada', 'group:default/platform'],
  'user:default/bob': ['user:default/bob', 'group:default/checkout'],
  'user:default/cy': ['user:default/cy', 'group:ops/SRE'],
};

const userInfo = {
  async getUserInfo(credentials: PolicyQueryUser['credentials']) {
    const ref = (credentials.principal as { userEntityRef: string })
      .userEntityRef;
    return { userEntityRef: ref, ownershipEntityRefs: ownership[ref] ?? [ref] };
  },
};

const userOf = (ref: string): PolicyQueryUser => ({
  credentials: mockCredentials.user(ref),
  info: { userEntityRef: ref, ownershipEntityRefs: ownership[ref] ?? [ref] },
});

const mutations: Permission[] = [
  oncallIncidentTriggerPermission,
  oncallIncidentAcknowledgePermission,
  oncallIncidentResolvePermission,
  oncallIncidentNotePermission,
  oncallOverrideCreatePermission,
  deploymentsRollbackPermission,
  costImportPermission,
  costAccountReadPermission,
  costOverviewReadPermission,
];

const catalogRead = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

describe('OpsdeckPermissionPolicy', () => {
  const policy = OpsdeckPermissionPolicy.fromConfig(
    mockServices.rootConfig({
      data: {
        opsdeck: {
          permission: { adminGroups: ['platform', 'group:ops/sre'] },
        },
      },
    }),
    { userInfo },
  );

  it('restricts every Opsdeck mutation and whole-spend read', () => {
    expect(opsdeckRestrictedPermissions.map(p => p.name).sort()).toEqual(
      mutations.map(p => p.name).sort(),
    );
  });

  it.each(mutations.map(p => [p.name, p]))(
    'gives %s to admin group members only',
    async (_name, permission) => {
      const decide = async (user?: PolicyQueryUser) =>
        (await policy.handle({ permission }, user)).result;
      expect(await decide(userOf('user:default/ada'))).toBe(
        AuthorizeResult.ALLOW,
      );
      expect(await decide(userOf('user:default/cy'))).toBe(
        AuthorizeResult.ALLOW,
      );
      expect(await decide(userOf('user:default/bob'))).toBe(
        AuthorizeResult.DENY,
      );
      expect(await decide(undefined)).toBe(AuthorizeResult.DENY);
    },
  );

  it('allows reads and other plugins’ permissions to everyone', async () => {
    for (const user of [userOf('user:default/bob'), undefined]) {
      await expect(
        policy.handle({ permission: catalogRead }, user),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    }
  });

  it('denies every restricted permission when no admin groups are configured', async () => {
    const strict = OpsdeckPermissionPolicy.fromConfig(
      mockServices.rootConfig({ data: {} }),
      { userInfo },
    );
    await expect(
      strict.handle(
        { permission: deploymentsRollbackPermission },
        userOf('user:default/ada'),
      ),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it('runs extra rules first, so later rules can refine decisions', async () => {
    const extended = new OpsdeckPermissionPolicy({
      userInfo,
      rules: [
        ({ permission }, user) =>
          permission.name === 'oncall.incident.note' &&
          user?.ownershipEntityRefs.includes('group:default/checkout')
            ? { result: AuthorizeResult.ALLOW }
            : undefined,
        adminGroupsRule(['platform']),
      ],
    });
    const bob = userOf('user:default/bob');
    await expect(
      extended.handle({ permission: oncallIncidentNotePermission }, bob),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(
      extended.handle({ permission: oncallIncidentTriggerPermission }, bob),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it('normalises group refs', () => {
    expect(normaliseGroupRef('platform')).toBe('group:default/platform');
    expect(normaliseGroupRef(' Group:Ops/SRE ')).toBe('group:ops/sre');
  });
});

describe('the backend’s permission policy', () => {
  const authorize = async (
    config: object,
    user: string,
    permission: Permission,
  ) => {
    const backend = await startTestBackend({
      features: [
        permissionPlugin,
        demoOrProductionFeatures,
        mockServices.rootConfig.factory({ data: config }),
        mockServices.userInfo.mock({
          getUserInfo: userInfo.getUserInfo,
        }).factory,
      ],
    });
    try {
      const { port } = backend.server.address() as { port: number };
      const response = await fetch(
        `http://localhost:${port}/api/permission/authorize`,
        {
          method: 'POST',
          headers: {
            Authorization: mockCredentials.user.header(user),
            'Content-Type': 'application/json',
          },
          body: JSON.stringify({ items: [{ id: '1', permission }] }),
        },
      );
      expect(response.status).toBe(200);
      const body = await response.json();
      return body.items[0].result;
    } finally {
      await backend.stop();
    }
  };

  const production = {
    permission: { enabled: true },
    opsdeck: { permission: { adminGroups: ['group:default/platform'] } },
  };

  it('is Opsdeck’s policy outside the demo', async () => {
    await expect(
      authorize(production, 'user:default/bob', deploymentsRollbackPermission),
    ).resolves.toBe(AuthorizeResult.DENY);
    await expect(
      authorize(production, 'user:default/ada', deploymentsRollbackPermission),
    ).resolves.toBe(AuthorizeResult.ALLOW);
  });

  it('is allow-all in the demo', async () => {
    await expect(
      authorize(
        { ...production, opsdeck: { demo: { enabled: true } } },
        'user:default/bob',
        deploymentsRollbackPermission,
      ),
    ).resolves.toBe(AuthorizeResult.ALLOW);
  });
});
