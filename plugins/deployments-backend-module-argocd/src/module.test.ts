import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { deploymentsProvidersExtensionPoint } from '@opsdeck/plugin-deployments-node';
import { deploymentsModuleArgocd } from './module';

describe('deploymentsModuleArgocd', () => {
  it('adds the provider and schedules a global sync', async () => {
    const addProvider = jest.fn();
    const scheduler = mockServices.scheduler.mock();
    await startTestBackend({
      extensionPoints: [[deploymentsProvidersExtensionPoint, { addProvider }]],
      features: [
        deploymentsModuleArgocd,
        scheduler.factory,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: {
            deployments: {
              argocd: {
                instances: [
                  {
                    name: 'main',
                    url: 'http://127.0.0.1:1',
                    token: 'secret-token',
                  },
                ],
                schedule: {
                  frequency: { minutes: 10 },
                  timeout: { minutes: 2 },
                },
              },
            },
          },
        }),
      ],
    });
    expect(addProvider).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'argocd' }),
    );
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'deployments-argocd-sync',
        scope: 'global',
        frequency: { minutes: 10 },
      }),
    );
  });

  it('stays off without config', async () => {
    const addProvider = jest.fn();
    await startTestBackend({
      extensionPoints: [[deploymentsProvidersExtensionPoint, { addProvider }]],
      features: [
        deploymentsModuleArgocd,
        catalogServiceMock.factory({ entities: [] }),
      ],
    });
    expect(addProvider).not.toHaveBeenCalled();
  });
});
