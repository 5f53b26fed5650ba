import { createApiRef } from '@backstage/core-plugin-api';
import { EntitySloReport } from '@opsdeck/plugin-slo-common';

/** Reads evaluated SLOs from the SLO backend. @public */
export interface SloApi {
  getEntitySlos(entityRef: string): Promise<EntitySloReport>;
}

/** @public */
export const sloApiRef = createApiRef<SloApi>({ id: 'plugin.slo.service' });
