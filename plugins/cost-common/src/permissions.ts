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

/**
 * Reading the whole spend of a billing account (FOCUS sub account). Entity
 * scoped figures are read through the catalog with the caller's credentials;
 * an account's figures cover every entity billed to it, so they have their
 * own permission an adopter's policy can restrict.
 *
 * @public
 */
export const costAccountReadPermission = createPermission({
  name: 'cost.account.read',
  attributes: { action: 'read' },
});

/**
 * Reading the whole organisation's spend: the overview (spend per team,
 * unallocated spend) and the hints without an entity. Like an account's
 * spend, it covers entities the caller may not be able to see.
 *
 * @public
 */
export const costOverviewReadPermission = createPermission({
  name: 'cost.overview.read',
  attributes: { action: 'read' },
});

/** @public */
export const costPermissions = [
  costImportPermission,
  costAccountReadPermission,
  costOverviewReadPermission,
];
