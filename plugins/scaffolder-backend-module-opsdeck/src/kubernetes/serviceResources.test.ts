import { testParameters } from './__testUtils__/testParameters';
import {
  horizontalPodAutoscaler,
  podDisruptionBudget,
  serviceAccount,
  services,
} from './serviceResources';

const parameters = testParameters;

describe('service resources', () => {
  it('keeps the API token unmounted unless asked for', () => {
    expect(serviceAccount(parameters()).automountServiceAccountToken).toBe(
      false,
    );
    expect(
      serviceAccount(parameters({ automountServiceAccountToken: true }))
        .automountServiceAccountToken,
    ).toBe(true);
  });

  it('exposes the named port on the service port, with a preview Service for blue-green', () => {
    const [service] = services(parameters({ servicePort: 8443 })) as any[];
    expect(service.spec).toEqual({
      type: 'ClusterIP',
      selector: { 'app.kubernetes.io/name': 'checkout' },
      ports: [
        { name: 'http', port: 8443, targetPort: 'http', protocol: 'TCP' },
      ],
    });
    expect(
      services(
        parameters({ strategy: 'blue-green', slo: { objective: 0.99 } }),
      ).map(s => s.metadata.name),
    ).toEqual(['checkout', 'checkout-preview']);
  });

  it('scales the Deployment or the Rollout on CPU', () => {
    const hpa = horizontalPodAutoscaler(parameters()) as any;
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'checkout',
    });
    expect(hpa.spec.metrics[0].resource.target).toEqual({
      type: 'Utilization',
      averageUtilization: 70,
    });
    const rollout = horizontalPodAutoscaler(
      parameters({ strategy: 'canary', slo: { objective: 0.99 } }),
    ) as any;
    expect(rollout.spec.scaleTargetRef).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      name: 'checkout',
    });
  });

  it('allows one pod down at a time', () => {
    expect((podDisruptionBudget(parameters()) as any).spec).toEqual({
      maxUnavailable: 1,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'checkout' } },
    });
  });
});
