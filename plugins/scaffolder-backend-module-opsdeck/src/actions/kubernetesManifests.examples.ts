import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples of `opsdeck:kubernetes:manifests`, shown on the installed-actions page. */
export const examples: TemplateExample[] = [
  {
    description:
      'A rolling Deployment with an autoscaler, in staging and production namespaces',
    example: yaml.stringify(
      yaml.parse(`steps:
  - id: kubernetes
    action: opsdeck:kubernetes:manifests
    name: Generate the Kubernetes manifests
    input:
      name: checkout
      owner: group:default/payments
      system: system:default/shop
      image: ghcr.io/acme/checkout:1.0.0
      environments:
        - name: staging
          minReplicas: 1
          maxReplicas: 3
        - name: production`),
    ),
  },
  {
    description:
      'An Argo Rollouts canary (10%, 25%, 50%) that stops when the SLO error ratio burns the budget faster than 2x, with egress to a database',
    example: yaml.stringify(
      yaml.parse(`steps:
  - id: kubernetes
    action: opsdeck:kubernetes:manifests
    name: Generate the Kubernetes manifests
    input:
      name: checkout
      owner: payments
      image: ghcr.io/acme/checkout@sha256:${'a'.repeat(64)}
      strategy: canary
      canaryWeights: [10, 25, 50]
      canaryPause: 5m
      slo:
        name: checkout-availability
        service: checkout-service
        objective: 0.999
        maxBurnRate: 2
      network:
        monitoringNamespace: prometheus
        egress:
          - cidr: 10.20.0.0/16
            port: 5432`),
    ),
  },
  {
    description:
      'A blue-green rollout with a fixed replica count, analysed before promotion from the raw request counters',
    example: yaml.stringify(
      yaml.parse(`steps:
  - id: kubernetes
    action: opsdeck:kubernetes:manifests
    name: Generate the Kubernetes manifests
    input:
      name: search
      owner: group:default/discovery
      image: registry.example.com:5000/search/api:2.3.1
      strategy: blue-green
      autoscaling:
        enabled: false
      replicas: 3
      slo:
        objective: 0.995
        indicator:
          good: http_requests_total{service="search",code!~"5.."}
          total: http_requests_total{service="search"}
      directory: deploy/kubernetes`),
    ),
  },
];
