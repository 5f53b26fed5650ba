import { analysisTemplateName } from './analysisTemplate';
import {
  KubernetesObject,
  commonLabels,
  object,
  selectorLabels,
} from './labels';
import { KubernetesManifestsParameters } from './parameters';

/** Group, user and file-system group the container runs as. */
export const RUN_AS_ID = 10001;

/** Name of the container port (and of the Service target port). */
export const HTTP_PORT_NAME = 'http';

function probe(
  path: string,
  timing: { period: number; failures: number; initialDelay?: number },
) {
  return {
    httpGet: { path, port: HTTP_PORT_NAME },
    ...(timing.initialDelay
      ? { initialDelaySeconds: timing.initialDelay }
      : {}),
    periodSeconds: timing.period,
    timeoutSeconds: 2,
    failureThreshold: timing.failures,
  };
}

/** The pod template: hardened security context, probes, requests and limits, topology spread. */
export function podTemplate(p: KubernetesManifestsParameters) {
  const selector = selectorLabels(p);
  return {
    metadata: { labels: commonLabels(p) },
    spec: {
      serviceAccountName: p.name,
      automountServiceAccountToken: p.automountServiceAccountToken,
      enableServiceLinks: false,
      terminationGracePeriodSeconds: 30,
      securityContext: {
        runAsNonRoot: true,
        runAsUser: RUN_AS_ID,
        runAsGroup: RUN_AS_ID,
        fsGroup: RUN_AS_ID,
        seccompProfile: { type: 'RuntimeDefault' },
      },
      topologySpreadConstraints: [
        {
          maxSkew: 1,
          topologyKey: 'topology.kubernetes.io/zone',
          whenUnsatisfiable: 'ScheduleAnyway',
          labelSelector: { matchLabels: selector },
        },
        {
          maxSkew: 1,
          topologyKey: 'kubernetes.io/hostname',
          whenUnsatisfiable: 'ScheduleAnyway',
          labelSelector: { matchLabels: selector },
        },
      ],
      containers: [
        {
          name: p.name,
          image: p.image,
          imagePullPolicy: 'IfNotPresent',
          ports: [
            { name: HTTP_PORT_NAME, containerPort: p.port, protocol: 'TCP' },
          ],
          env: [{ name: 'PORT', value: String(p.port) }],
          resources: {
            requests: { ...p.resources.requests },
            limits: { ...p.resources.limits },
          },
          startupProbe: probe(p.probes.startupPath ?? p.probes.livenessPath, {
            period: 5,
            failures: 30,
          }),
          livenessProbe: probe(p.probes.livenessPath, {
            period: 10,
            failures: 3,
          }),
          readinessProbe: probe(p.probes.readinessPath, {
            period: 5,
            failures: 3,
          }),
          securityContext: {
            runAsNonRoot: true,
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            privileged: false,
            capabilities: { drop: ['ALL'] },
            seccompProfile: { type: 'RuntimeDefault' },
          },
          volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
        },
      ],
      volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }],
    },
  };
}

/** Replica count of the workload in the base; omitted when an autoscaler owns it. */
function replicasField(p: KubernetesManifestsParameters) {
  return p.autoscaling.enabled ? {} : { replicas: p.replicas };
}

function analysisRef(p: KubernetesManifestsParameters) {
  return {
    templates: [{ templateName: analysisTemplateName(p) }],
  };
}

/** The Argo Rollouts strategy for canary or blue-green. */
function rolloutStrategy(p: KubernetesManifestsParameters) {
  if (p.strategy === 'canary') {
    const steps = p.canaryWeights.flatMap((weight, index) =>
      index === p.canaryWeights.length - 1 && weight === 100
        ? [{ setWeight: weight }]
        : [{ setWeight: weight }, { pause: { duration: p.canaryPause } }],
    );
    return {
      canary: {
        maxSurge: '25%',
        maxUnavailable: 0,
        // Background analysis from the second step (after the first weight
        // is set), or from the start when there is a single step.
        analysis: {
          ...analysisRef(p),
          ...(steps.length > 1 ? { startingStep: 1 } : {}),
        },
        steps,
      },
    };
  }
  return {
    blueGreen: {
      activeService: p.name,
      previewService: `${p.name}-preview`,
      autoPromotionEnabled: true,
      prePromotionAnalysis: analysisRef(p),
      scaleDownDelaySeconds: 30,
    },
  };
}

/** The workload: a Deployment (rolling) or an Argo Rollouts Rollout (canary, blue-green). */
export function workload(p: KubernetesManifestsParameters): KubernetesObject {
  const labels = commonLabels(p);
  const common = {
    ...replicasField(p),
    revisionHistoryLimit: 5,
    selector: { matchLabels: selectorLabels(p) },
    template: podTemplate(p),
  };
  if (p.strategy === 'rolling') {
    return object('apps/v1', 'Deployment', p.name, labels, {
      spec: {
        ...common,
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 },
        },
      },
    });
  }
  return object('argoproj.io/v1alpha1', 'Rollout', p.name, labels, {
    spec: { ...common, strategy: rolloutStrategy(p) },
  });
}
