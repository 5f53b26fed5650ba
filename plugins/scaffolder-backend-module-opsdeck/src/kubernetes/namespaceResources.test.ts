import {
  POD_SECURITY_LABELS,
  limitRange,
  namespace,
  podBudget,
  resourceQuota,
} from './namespaceResources';
import { testParameters } from './__testUtils__/testParameters';

function parameters(input: Record<string, unknown> = {}) {
  return testParameters({
    owner: 'group:default/payments',
    system: 'shop',
    ...input,
  });
}

describe('namespace', () => {
  it('is named after the service and environment, restricted, with the cost labels', () => {
    const p = parameters();
    const ns = namespace(p, p.environments[1]);
    expect(ns.metadata.name).toBe('checkout-production');
    expect(ns.metadata.labels).toMatchObject({
      ...POD_SECURITY_LABELS,
      'backstage-component': 'checkout',
      'backstage-owner': 'payments',
      'backstage-system': 'shop',
      'backstage-environment': 'production',
    });
  });
});

describe('podBudget and resourceQuota', () => {
  it.each([
    ['rolling with HPA 2-10', {}, 10 + 3 + 1],
    [
      'blue-green with HPA 2-10',
      { strategy: 'blue-green', slo: { objective: 0.99 } },
      10 + 10 + 1,
    ],
    [
      'rolling with 3 fixed replicas',
      { autoscaling: { enabled: false }, replicas: 3 },
      3 + 1 + 1,
    ],
  ])('%s allows %s pods', (_label, input, pods) => {
    const p = parameters(input);
    expect(podBudget(p, p.environments[0])).toBe(pods);
  });

  it('sizes the quota at the limits for the pod budget, with no NodePort or LoadBalancer', () => {
    const p = parameters({
      resources: {
        requests: { cpu: '250m', memory: '256Mi' },
        limits: { cpu: '1', memory: '1Gi' },
      },
      environments: [{ name: 'production', maxReplicas: 6 }],
    });
    const quota = resourceQuota(p, p.environments[0]) as any;
    expect(quota.spec.hard).toEqual({
      pods: '9',
      'requests.cpu': '2250m',
      'requests.memory': '2304Mi',
      'limits.cpu': '9',
      'limits.memory': '9Gi',
      services: '4',
      'services.loadbalancers': '0',
      'services.nodeports': '0',
    });
  });

  it('makes the service requests and limits the container defaults and ceilings', () => {
    expect((limitRange(parameters()) as any).spec.limits).toEqual([
      {
        type: 'Container',
        default: { cpu: '500m', memory: '256Mi' },
        defaultRequest: { cpu: '100m', memory: '128Mi' },
        max: { cpu: '500m', memory: '256Mi' },
      },
    ]);
  });
});
