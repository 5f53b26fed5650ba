import { createRouteRef } from '@backstage/core-plugin-api';

/** Route of the cost overview page (legacy frontend system). */
export const rootRouteRef = createRouteRef({ id: 'opsdeck-cost' });
