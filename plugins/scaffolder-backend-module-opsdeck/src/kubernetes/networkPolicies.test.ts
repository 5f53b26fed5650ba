import { networkPolicies } from './networkPolicies';
import { testParameters } from './__testUtils__/testParameters';

function policies(network?: Record<string, unknown>) {
  return networkPolicies(testParameters({ network })) as any[];
}

describe('networkPolicies', () => {
  it('denies everything, then allows DNS and ingress from the ingress controller, the namespace and monitoring', () => {
    const [deny, dns, ingress, ...rest] = policies();
    expect(deny.spec).toEqual({
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
    });
    expect(dns.spec.egress[0].ports).toEqual([
      { protocol: 'UDP', port: 53 },
      { protocol: 'TCP', port: 53 },
    ]);
    expect(dns.spec.egress[0].to[0].namespaceSelector.matchLabels).toEqual({
      'kubernetes.io/metadata.name': 'kube-system',
    });
    expect(ingress.spec.ingress).toEqual([
      {
        from: [
          {
            namespaceSelector: {
              matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' },
            },
          },
          { podSelector: {} },
          {
            namespaceSelector: {
              matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' },
            },
          },
        ],
        ports: [{ protocol: 'TCP', port: 8080 }],
      },
    ]);
    expect(rest).toEqual([]);
  });

  it('adds the monitoring namespace and egress rules, and drops the ingress policy when nothing may connect', () => {
    const withAll = policies({
      monitoringNamespace: 'prometheus',
      egress: [
        { cidr: '10.1.0.0/16', port: 5432 },
        { cidr: '10.2.0.0/16', port: 53, protocol: 'UDP' },
      ],
    });
    expect(withAll.map(p => p.metadata.name)).toEqual([
      'checkout-default-deny',
      'checkout-allow-dns',
      'checkout-allow-ingress',
      'checkout-allow-egress',
    ]);
    expect(withAll[2].spec.ingress[0].from[2]).toEqual({
      namespaceSelector: {
        matchLabels: { 'kubernetes.io/metadata.name': 'prometheus' },
      },
    });
    expect(withAll[3].spec.egress).toEqual([
      {
        to: [{ ipBlock: { cidr: '10.1.0.0/16' } }],
        ports: [{ protocol: 'TCP', port: 5432 }],
      },
      {
        to: [{ ipBlock: { cidr: '10.2.0.0/16' } }],
        ports: [{ protocol: 'UDP', port: 53 }],
      },
    ]);
    const closed = policies({
      ingressNamespaces: [],
      allowSameNamespace: false,
      monitoringNamespace: null,
    });
    expect(closed.map(p => p.metadata.name)).toEqual([
      'checkout-default-deny',
      'checkout-allow-dns',
    ]);
  });
});
