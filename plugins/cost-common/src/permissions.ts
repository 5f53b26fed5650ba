import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Importing FOCUS billing data (upload endpoint and scheduled imports).
 *
 * @public
 */
export const costImportPermission = createPermission({
  name: 'cost.import',
  attributes: { action: 'create' },
});

/** @public */
export const costPermissions = [costImportPermission];
