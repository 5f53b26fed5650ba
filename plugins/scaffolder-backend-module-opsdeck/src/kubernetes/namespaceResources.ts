import {
  KubernetesObject,
  commonLabels,
  environmentLabels,
  object,
} from './labels';
import {
  KubernetesEnvironment,
  KubernetesManifestsParameters,
} from './parameters';
import {
  cpuMillicores,
  formatCpu,
  formatMemory,
  memoryBytes,
} from './quantities';

/** Pod Security Admission labels enforcing, auditing and warning on the `restricted` profile. */
export const POD_SECURITY_LABELS = {
  'pod-security.kubernetes.io/enforce': 'restricted',
  'pod-security.kubernetes.io/enforce-version': 'latest',
  'pod-security.kubernetes.io/audit': 'restricted',
  'pod-security.kubernetes.io/audit-version': 'latest',
  'pod-security.kubernetes.io/warn': 'restricted',
  'pod-security.kubernetes.io/warn-version': 'latest',
} as const;

/** Namespace of a service in an environment. */
export function namespaceName(
  p: KubernetesManifestsParameters,
  environment: KubernetesEnvironment,
): string {
  return `${p.name}-${environment.name}`;
}

/** Replica bounds of an environment: the autoscaler's range, or the fixed count twice. */
export function replicaRange(
  p: KubernetesManifestsParameters,
  environment: KubernetesEnvironment,
): { min: number; max: number } {
  if (p.autoscaling.enabled) {
    return {
      min: environment.minReplicas ?? p.autoscaling.minReplicas,
      max: environment.maxReplicas ?? p.autoscaling.maxReplicas,
    };
  }
  const replicas = environment.replicas ?? p.replicas;
  return { min: replicas, max: replicas };
}

/**
 * Most pods the namespace can hold at once: the highest replica count plus
 * the rollout's surge (a quarter for rolling and canary, a full second set
 * for blue-green), plus one spare pod.
 */
export function podBudget(
  p: KubernetesManifestsParameters,
  environment: KubernetesEnvironment,
): number {
  const { max } = replicaRange(p, environment);
  const surge = p.strategy === 'blue-green' ? max : Math.ceil(max / 4);
  return max + surge + 1;
}

/** The environment's namespace with Pod Security `restricted` labels. */
export function namespace(
  p: KubernetesManifestsParameters,
  environment: KubernetesEnvironment,
): KubernetesObject {
  const result = object(
    'v1',
    'Namespace',
    namespaceName(p, environment),
    {
      ...commonLabels(p),
      ...environmentLabels(environment.name),
      ...POD_SECURITY_LABELS,
    },
    {},
  );
  return result;
}

/** A ResourceQuota sized for {@link podBudget} pods at the container limits. */
export function resourceQuota(
  p: KubernetesManifestsParameters,
  environment: KubernetesEnvironment,
): KubernetesObject {
  const pods = podBudget(p, environment);
  const { requests, limits } = p.resources;
  return object('v1', 'ResourceQuota', p.name, commonLabels(p), {
    spec: {
      hard: {
        pods: String(pods),
        'requests.cpu': formatCpu(cpuMillicores(requests.cpu) * pods),
        'requests.memory': formatMemory(memoryBytes(requests.memory) * pods),
        'limits.cpu': formatCpu(cpuMillicores(limits.cpu) * pods),
        'limits.memory': formatMemory(memoryBytes(limits.memory) * pods),
        services: '4',
        'services.loadbalancers': '0',
        'services.nodeports': '0',
      },
    },
  });
}

/** Defaults and ceilings for containers of the namespace, from the service's requests and limits. */
export function limitRange(p: KubernetesManifestsParameters): KubernetesObject {
  const { requests, limits } = p.resources;
  return object('v1', 'LimitRange', p.name, commonLabels(p), {
    spec: {
      limits: [
        {
          type: 'Container',
          default: { cpu: limits.cpu, memory: limits.memory },
          defaultRequest: { cpu: requests.cpu, memory: requests.memory },
          max: { cpu: limits.cpu, memory: limits.memory },
        },
      ],
    },
  });
}
