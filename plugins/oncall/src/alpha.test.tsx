import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  TestApiProvider,
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { MockPermissionApi } from '@backstage/test-utils';
import { OnCallResponse } from '@opsdeck/plugin-oncall-common';
import { screen } from '@testing-library/react';
import plugin, { entityOnCallCard } from './alpha';
import { onCallApiRef } from './api/OnCallApi';
import { fakeOnCallApi, openIncident } from './components/__testUtils__';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'checkout-team', namespace: 'payments' },
  spec: { type: 'team', children: [] },
};

const onCall: OnCallResponse = {
  entityRef: 'group:payments/checkout-team',
  configured: true,
  provider: 'rotation',
  levels: [],
};

const api = () =>
  fakeOnCallApi({
    getOnCall: jest.fn().mockResolvedValue(onCall),
    listIncidents: jest.fn().mockResolvedValue({
      errors: [],
      items: [
        openIncident({
          id: 'i-1',
          entityRef: 'component:payments/checkout-service',
        }),
      ],
    }),
  });

async function renderCard(
  tester: ReturnType<typeof createExtensionTester>,
  route: string,
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [onCallApiRef, api()],
        [permissionApiRef, new MockPermissionApi()],
      ]}
    >
      <EntityProvider entity={entity}>{tester.reactElement()}</EntityProvider>
    </TestApiProvider>,
    {
      initialRouteEntries: [route],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return (await screen.findByText('Payments failing')).closest('a');
}

jest.setTimeout(20_000);

describe('new frontend system', () => {
  it('provides the API, the entity card and the entity content', () => {
    for (const id of [
      'api:oncall',
      'entity-card:oncall/on-call',
      'entity-content:oncall/incidents',
    ] as const) {
      expect(plugin.getExtension(id)).toBeDefined();
    }
  });

  it('links incidents to the entity page incidents tab by an absolute path, wherever the card is', async () => {
    const link = await renderCard(
      createExtensionTester(entityOnCallCard),
      '/home',
    );
    expect(link).toHaveAttribute(
      'href',
      '/catalog/payments/group/checkout-team/incidents?incident=i-1',
    );
  });

  it('follows the incidents path set in the card config', async () => {
    const link = await renderCard(
      createExtensionTester(entityOnCallCard, {
        config: { incidentsPath: 'on-call/incidents' },
      }),
      '/catalog/payments/group/checkout-team',
    );
    expect(link).toHaveAttribute(
      'href',
      '/catalog/payments/group/checkout-team/on-call/incidents?incident=i-1',
    );
  });
});
