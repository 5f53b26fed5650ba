import { screen } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  TestApiProvider,
  TestApiProviderProps,
  renderInTestApp,
} from '@backstage/test-utils';
import { SWRConfig } from 'swr';
import { Incident } from '@opsdeck/plugin-oncall-common';
import { OnCallApi, onCallApiRef } from '../../api/OnCallApi';

/** An OnCallApi whose methods are jest mocks, for rendering components. */
export function fakeOnCallApi(
  overrides: Partial<OnCallApi> = {},
): jest.Mocked<OnCallApi> {
  return {
    getOnCall: jest.fn(),
    listIncidents: jest.fn().mockResolvedValue({ items: [], errors: [] }),
    getIncident: jest.fn(),
    triggerIncident: jest.fn(),
    acknowledgeIncident: jest.fn(),
    resolveIncident: jest.fn(),
    addIncidentNote: jest.fn(),
    createOverride: jest.fn(),
    ...overrides,
  } as jest.Mocked<OnCallApi>;
}

/** An open incident "Payments failing" of checkout-service, for lists. */
export function openIncident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: 'i1',
    source: 'opsdeck',
    entityRef: 'component:default/checkout-service',
    title: 'Payments failing',
    severity: 'critical',
    urgency: 'high',
    status: 'triggered',
    createdBy: 'user:default/guest',
    createdAt: '2026-01-06T10:00:00.000Z',
    ...overrides,
  };
}

/** The first element whose text matches, waiting for it to appear. */
export async function findSome(text: RegExp): Promise<HTMLElement> {
  return (await screen.findAllByText(text))[0];
}

/**
 * Renders a component inside an entity page with the given on-call API and
 * a permission API answering `permission` to every check; `apis` adds more
 * (the entity presentation API, say). Entity pages are mounted at the
 * catalog's usual path.
 */
export function renderForEntity(
  element: JSX.Element,
  options: {
    api: OnCallApi;
    entity: Entity;
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    route?: string;
    apis?: TestApiProviderProps<any[]>['apis'];
  },
) {
  const permission = options.permission ?? AuthorizeResult.ALLOW;
  return renderInTestApp(
    <SWRConfig value={{ provider: () => new Map() }}>
      <TestApiProvider
        apis={[
          [onCallApiRef, options.api],
          [permissionApiRef, new MockPermissionApi(() => permission)],
          ...(options.apis ?? []),
        ]}
      >
        <EntityProvider entity={options.entity}>{element}</EntityProvider>
      </TestApiProvider>
    </SWRConfig>,
    {
      routeEntries: [options.route ?? '/'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}
