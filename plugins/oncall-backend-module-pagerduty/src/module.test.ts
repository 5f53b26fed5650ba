import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { oncallProvidersExtensionPoint } from '@opsdeck/plugin-oncall-node';
import { oncallModulePagerduty } from './module';

describe('oncallModulePagerduty', () => {
  it('adds the PagerDuty provider when configured', async () => {
    const addProvider = jest.fn();
    await startTestBackend({
      extensionPoints: [[oncallProvidersExtensionPoint, { addProvider }]],
      features: [
        oncallModulePagerduty,
        mockServices.rootConfig.factory({
          data: {
            oncall: {
              pagerduty: {
                token: 'pd-token',
                apiBaseUrl: 'http://127.0.0.1:1',
              },
            },
          },
        }),
      ],
    });
    expect(addProvider).toHaveBeenCalledTimes(1);
    const [provider] = addProvider.mock.calls[0];
    expect(provider.id).toBe('pagerduty');
    expect(
      provider.handles({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'checkout',
          annotations: { 'pagerduty.com/service-id': 'PSVC1' },
        },
      }),
    ).toBe(true);
    expect(
      provider.handles({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'other' },
      }),
    ).toBe(false);
  });

  it('stays off without config', async () => {
    const addProvider = jest.fn();
    await startTestBackend({
      extensionPoints: [[oncallProvidersExtensionPoint, { addProvider }]],
      features: [oncallModulePagerduty],
    });
    expect(addProvider).not.toHaveBeenCalled();
  });

  it('refuses to start with invalid config', async () => {
    await expect(
      startTestBackend({
        extensionPoints: [
          [oncallProvidersExtensionPoint, { addProvider: jest.fn() }],
        ],
        features: [
          oncallModulePagerduty,
          mockServices.rootConfig.factory({
            data: {
              oncall: { pagerduty: { token: 'pd-token', maxRetries: 9 } },
            },
          }),
        ],
      }),
    ).rejects.toThrow('oncall.pagerduty.maxRetries');
  });
});
