import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  TestApiProvider,
  renderInTestApp,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { DeploymentsApi, deploymentsApiRef } from '../../api';
import { emptySummary, entity, fakeApi } from '../../__testUtils__/testData';
import { EntityDeploymentsContent } from './EntityDeploymentsContent';

async function renderContent(api: DeploymentsApi) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [deploymentsApiRef, api],
        [permissionApiRef, new MockPermissionApi()],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityDeploymentsContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityDeploymentsContent', () => {
  it('shows DORA metrics with their bands and the history', async () => {
    const api = fakeApi();
    await renderContent(api);
    expect(await screen.findByText('DORA metrics')).toBeInTheDocument();
    expect(screen.getByText('2.8 / week')).toBeInTheDocument();
    expect(screen.getByText('2 h 30 min')).toBeInTheDocument();
    expect(screen.getByText('10%')).toBeInTheDocument();
    expect(screen.getByText('45 min')).toBeInTheDocument();
    expect(screen.getByText('high')).toBeInTheDocument();
    expect(screen.getByText('medium')).toBeInTheDocument();
    expect(screen.getAllByText('elite')).toHaveLength(2);
    expect(await screen.findByText('Deployments (2)')).toBeInTheDocument();
    expect(screen.getByText('1.4.1')).toBeInTheDocument();
    expect(screen.getByText('Rolled back')).toBeInTheDocument();
    // 1.4.2 succeeded but caused an incident; 1.4.1 has none
    expect(screen.getAllByText('· 1 incident')).toHaveLength(1);
    expect(api.getHistory).toHaveBeenCalledWith(
      'component:default/checkout-service',
      expect.objectContaining({ limit: 500, environment: undefined }),
    );
  });

  it('shows the error', async () => {
    await renderContent(
      fakeApi({
        getDora: async () => Promise.reject(new Error('backend down')),
      }),
    );
    expect(await screen.findByText('Error: backend down')).toBeInTheDocument();
  });

  it('explains how to report when empty', async () => {
    await renderContent(fakeApi({ getSummary: async () => emptySummary }));
    expect(
      await screen.findByText('No deployments reported yet'),
    ).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    await renderContent(fakeApi({ getSummary: () => new Promise(() => {}) }));
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });
});
