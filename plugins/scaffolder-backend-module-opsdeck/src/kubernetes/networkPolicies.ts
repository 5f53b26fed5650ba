import {
  KubernetesObject,
  commonLabels,
  object,
  selectorLabels,
} from './labels';
import { KubernetesManifestsParameters } from './parameters';

const NETWORKING = 'networking.k8s.io/v1';

/** Label every namespace carries with its own name (Kubernetes 1.21+). */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

function fromNamespace(namespace: string) {
  return {
    namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } },
  };
}

/**
 * Network policies of the namespace: deny all traffic in both directions,
 * then allow DNS lookups, ingress to the service port from the ingress
 * controller namespaces, the same namespace and the monitoring namespace, and
 * the configured egress destinations.
 */
export function networkPolicies(
  p: KubernetesManifestsParameters,
): KubernetesObject[] {
  const labels = commonLabels(p);
  const pods = { matchLabels: selectorLabels(p) };
  const policies = [
    object(NETWORKING, 'NetworkPolicy', `${p.name}-default-deny`, labels, {
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    }),
    object(NETWORKING, 'NetworkPolicy', `${p.name}-allow-dns`, labels, {
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              {
                ...fromNamespace('kube-system'),
                podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
              },
            ],
            ports: [
              { protocol: 'UDP', port: 53 },
              { protocol: 'TCP', port: 53 },
            ],
          },
        ],
      },
    }),
  ];
  const sources = [
    ...p.network.ingressNamespaces.map(fromNamespace),
    ...(p.network.allowSameNamespace ? [{ podSelector: {} }] : []),
    ...(p.network.monitoringNamespace
      ? [fromNamespace(p.network.monitoringNamespace)]
      : []),
  ];
  if (sources.length > 0) {
    policies.push(
      object(NETWORKING, 'NetworkPolicy', `${p.name}-allow-ingress`, labels, {
        spec: {
          podSelector: pods,
          policyTypes: ['Ingress'],
          ingress: [
            { from: sources, ports: [{ protocol: 'TCP', port: p.port }] },
          ],
        },
      }),
    );
  }
  if (p.network.egress.length > 0) {
    policies.push(
      object(NETWORKING, 'NetworkPolicy', `${p.name}-allow-egress`, labels, {
        spec: {
          podSelector: pods,
          policyTypes: ['Egress'],
          egress: p.network.egress.map(rule => ({
            to: [{ ipBlock: { cidr: rule.cidr } }],
            ports: [{ protocol: rule.protocol, port: rule.port }],
          })),
        },
      }),
    );
  }
  return policies;
}
