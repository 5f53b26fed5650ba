import {
  createApiFactory,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { onCallApiRef } from './OnCallApi';
import { OnCallClient } from './OnCallClient';

/** How the on-call API is built, for both frontend systems. */
export const onCallApiFactory = createApiFactory({
  api: onCallApiRef,
  deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
  factory: ({ discoveryApi, fetchApi }) =>
    new OnCallClient({ discoveryApi, fetchApi }),
});
