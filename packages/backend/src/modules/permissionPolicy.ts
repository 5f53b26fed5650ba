import {
  coreServices,
  createBackendModule,
  RootConfigService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  isPermission,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { costPermissions } from '@opsdeck/plugin-cost-common';
import { deploymentsPermissions } from '@opsdeck/plugin-deployments-common';
import { oncallPermissions } from '@opsdeck/plugin-oncall-common';

/**
 * Opsdeck's permissions that change state or read beyond what the catalog
 * lets a user see: triggering and handling incidents, shift overrides,
 * rollbacks, cost imports, and an account's or the organisation's whole
 * spend. Only members of `opsdeck.permission.adminGroups` get them.
 */
export const opsdeckRestrictedPermissions: Permission[] = [
  ...oncallPermissions,
  ...deploymentsPermissions,
  ...costPermissions,
];

/**
 * One rule of the policy: a decision, or `undefined` to leave the request to
 * the next rule. Rules run in order; the first decision wins.
 */
export type OpsdeckPolicyRule = (
  query: PolicyQuery,
  user: OpsdeckPolicyUser | undefined,
) => PolicyDecision | undefined;

/** The caller as the rules see it. */
export type OpsdeckPolicyUser = {
  userEntityRef: string;
  /** Normalised (lower case) entity refs the user owns through: itself and its groups. */
  ownershipEntityRefs: string[];
};

const allow: PolicyDecision = { result: AuthorizeResult.ALLOW };
const deny: PolicyDecision = { result: AuthorizeResult.DENY };

/** Normalises `platform`, `group:platform` or `group:default/platform`. */
export function normaliseGroupRef(ref: string): string {
  return stringifyEntityRef(
    parseEntityRef(ref.trim(), {
      defaultKind: 'group',
      defaultNamespace: 'default',
    }),
  ).toLocaleLowerCase('en-US');
}

/** Members of any of the groups get every restricted permission. */
export function adminGroupsRule(
  adminGroups: string[],
  restricted: Permission[] = opsdeckRestrictedPermissions,
): OpsdeckPolicyRule {
  const groups = new Set(adminGroups.map(normaliseGroupRef));
  return (query, user) => {
    if (!restricted.some(p => isPermission(query.permission, p))) {
      return undefined;
    }
    const isAdmin =
      user?.ownershipEntityRefs.some(ref => groups.has(ref)) ?? false;
    return isAdmin ? allow : deny;
  };
}

/**
 * The production permission policy: every permission is allowed except
 * Opsdeck's restricted ones, which only members of the admin groups get.
 * Extra rules (owner-aware conditional decisions, say) go before the admin
 * groups rule through `rules`.
 */
export class OpsdeckPermissionPolicy implements PermissionPolicy {
  readonly #rules: OpsdeckPolicyRule[];
  readonly #userInfo: Pick<UserInfoService, 'getUserInfo'>;

  static fromConfig(
    config: RootConfigService,
    options: {
      userInfo: Pick<UserInfoService, 'getUserInfo'>;
      rules?: OpsdeckPolicyRule[];
    },
  ): OpsdeckPermissionPolicy {
    const adminGroups =
      config.getOptionalStringArray('opsdeck.permission.adminGroups') ?? [];
    return new OpsdeckPermissionPolicy({
      userInfo: options.userInfo,
      rules: [...(options.rules ?? []), adminGroupsRule(adminGroups)],
    });
  }

  constructor(options: {
    userInfo: Pick<UserInfoService, 'getUserInfo'>;
    rules: OpsdeckPolicyRule[];
  }) {
    this.#userInfo = options.userInfo;
    this.#rules = options.rules;
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const caller = user ? await this.#callerOf(user) : undefined;
    for (const rule of this.#rules) {
      const decision = rule(request, caller);
      if (decision) {
        return decision;
      }
    }
    return allow;
  }

  async #callerOf(user: PolicyQueryUser): Promise<OpsdeckPolicyUser> {
    const info = await this.#userInfo.getUserInfo(user.credentials);
    return {
      userEntityRef: info.userEntityRef,
      ownershipEntityRefs: info.ownershipEntityRefs.map(ref =>
        ref.toLocaleLowerCase('en-US'),
      ),
    };
  }
}

/**
 * Sets {@link OpsdeckPermissionPolicy} as the permission backend's policy.
 * The production backend adds it; the demo uses the allow-all policy.
 */
export const opsdeckPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'opsdeck-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
      },
      async init({ policy, config, userInfo }) {
        policy.setPolicy(
          OpsdeckPermissionPolicy.fromConfig(config, { userInfo }),
        );
      },
    });
  },
});
