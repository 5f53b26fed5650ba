import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples of `opsdeck:slo:rules`, shown on the installed-actions page. */
export const examples: TemplateExample[] = [
  {
    description:
      'Rules, promtool tests and a dashboard from the OpenSLO file of a fetched repository',
    example: yaml.stringify(
      yaml.parse(`steps:
  - id: slo
    action: opsdeck:slo:rules
    name: Generate SLO rules and dashboard
    input:
      openSloPath: openslo.yaml
      outputDir: monitoring/slo
      dashboardTitle: Checkout SLOs`),
    ),
  },
  {
    description:
      'A 99.9% availability SLO over 30 days given inline, as a new-service template writes it',
    example: yaml.stringify(
      yaml.parse(`steps:
  - id: slo
    action: opsdeck:slo:rules
    name: Generate SLO rules and dashboard
    input:
      openSlo: |
        apiVersion: openslo/v1
        kind: SLO
        metadata:
          name: orders-availability
        spec:
          service: orders
          indicator:
            metadata:
              name: orders-requests
            spec:
              ratioMetric:
                counter: true
                good:
                  metricSource:
                    type: Prometheus
                    spec:
                      query: http_requests_total{service="orders",code!~"5.."}
                total:
                  metricSource:
                    type: Prometheus
                    spec:
                      query: http_requests_total{service="orders"}
          timeWindow:
            - duration: 30d
              isRolling: true
          budgetingMethod: Occurrences
          objectives:
            - target: 0.999`),
    ),
  },
];
