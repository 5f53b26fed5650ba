import {
  KubernetesObject,
  commonLabels,
  object,
  selectorLabels,
} from './labels';
import { KubernetesManifestsParameters } from './parameters';
import { HTTP_PORT_NAME } from './workload';

/** The service's own identity; its API token is not mounted unless asked for. */
export function serviceAccount(
  p: KubernetesManifestsParameters,
): KubernetesObject {
  return object('v1', 'ServiceAccount', p.name, commonLabels(p), {
    automountServiceAccountToken: p.automountServiceAccountToken,
  });
}

function service(
  p: KubernetesManifestsParameters,
  name: string,
): KubernetesObject {
  return object('v1', 'Service', name, commonLabels(p), {
    spec: {
      type: 'ClusterIP',
      selector: selectorLabels(p),
      ports: [
        {
          name: HTTP_PORT_NAME,
          port: p.servicePort,
          targetPort: HTTP_PORT_NAME,
          protocol: 'TCP',
        },
      ],
    },
  });
}

/** The Service; blue-green adds the preview Service Argo Rollouts points at the new version. */
export function services(p: KubernetesManifestsParameters): KubernetesObject[] {
  return p.strategy === 'blue-green'
    ? [service(p, p.name), service(p, `${p.name}-preview`)]
    : [service(p, p.name)];
}

/** The autoscaler (autoscaling/v2) on CPU utilisation, scaling the Deployment or Rollout. */
export function horizontalPodAutoscaler(
  p: KubernetesManifestsParameters,
): KubernetesObject {
  const rolling = p.strategy === 'rolling';
  return object(
    'autoscaling/v2',
    'HorizontalPodAutoscaler',
    p.name,
    commonLabels(p),
    {
      spec: {
        scaleTargetRef: {
          apiVersion: rolling ? 'apps/v1' : 'argoproj.io/v1alpha1',
          kind: rolling ? 'Deployment' : 'Rollout',
          name: p.name,
        },
        minReplicas: p.autoscaling.minReplicas,
        maxReplicas: p.autoscaling.maxReplicas,
        metrics: [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              target: {
                type: 'Utilization',
                averageUtilization: p.autoscaling.targetCpuUtilization,
              },
            },
          },
        ],
        behavior: {
          scaleDown: {
            stabilizationWindowSeconds: 300,
            policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }],
          },
        },
      },
    },
  );
}

/** Keeps at least one pod up through voluntary disruptions (node drains). */
export function podDisruptionBudget(
  p: KubernetesManifestsParameters,
): KubernetesObject {
  return object('policy/v1', 'PodDisruptionBudget', p.name, commonLabels(p), {
    spec: {
      maxUnavailable: 1,
      selector: { matchLabels: selectorLabels(p) },
    },
  });
}
