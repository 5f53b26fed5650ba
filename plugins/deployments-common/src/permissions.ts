import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Allows asking a deployment provider (Argo CD) to roll an entity's
 * environment back to its previous version.
 *
 * @public
 */
export const deploymentsRollbackPermission = createPermission({
  name: 'deployments.rollback',
  attributes: { action: 'update' },
});

/**
 * Every permission of the deployments plugin, for registration with the
 * permissions registry.
 *
 * @public
 */
export const deploymentsPermissions = [deploymentsRollbackPermission];
