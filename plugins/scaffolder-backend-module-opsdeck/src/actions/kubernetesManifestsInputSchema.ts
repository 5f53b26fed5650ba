import type { z as zImpl } from 'zod/v3';

type Z = typeof zImpl;

const quantities = (z: Z) =>
  z.object({
    cpu: z.string().describe('CPU, e.g. 250m or 0.5'),
    memory: z.string().describe('Memory, e.g. 128Mi or 1Gi'),
  });

/**
 * The Kubernetes manifest parameters as the scaffolder shows them. The
 * handler validates them strictly with `parseKubernetesManifestsParameters`,
 * which gives precise errors.
 */
export const kubernetesManifestsInputSchema = {
  name: (z: Z) =>
    z.string().describe('Service name: a lowercase DNS label, e.g. checkout'),
  owner: (z: Z) =>
    z
      .string()
      .describe('Owner entity ref or name, e.g. group:default/platform'),
  system: (z: Z) => z.string().optional().describe('System entity ref or name'),
  image: (z: Z) =>
    z
      .string()
      .describe(
        'Image with a tag or digest, e.g. ghcr.io/acme/checkout:1.0.0 or ...@sha256:<digest>',
      ),
  port: (z: Z) =>
    z
      .number()
      .int()
      .optional()
      .describe('Container port, 1024-65535 (default 8080)'),
  servicePort: (z: Z) =>
    z.number().int().optional().describe('Service port (default 80)'),
  probes: (z: Z) =>
    z
      .object({
        livenessPath: z.string().optional(),
        readinessPath: z.string().optional(),
        startupPath: z.string().optional(),
      })
      .optional()
      .describe(
        'HTTP probe paths (default /healthz, /ready; startup = liveness)',
      ),
  resources: (z: Z) =>
    z
      .object({
        requests: quantities(z).optional(),
        limits: quantities(z).optional(),
      })
      .optional()
      .describe(
        'Container requests and limits (default 100m/128Mi, 500m/256Mi)',
      ),
  replicas: (z: Z) =>
    z
      .number()
      .int()
      .optional()
      .describe('Replicas without autoscaling (default 2)'),
  autoscaling: (z: Z) =>
    z
      .object({
        enabled: z.boolean().optional(),
        minReplicas: z.number().int().optional(),
        maxReplicas: z.number().int().optional(),
        targetCpuUtilization: z.number().int().optional(),
      })
      .optional()
      .describe('HorizontalPodAutoscaler (default on, 2-10 replicas, 70% CPU)'),
  environments: (z: Z) =>
    z
      .array(
        z.object({
          name: z.string(),
          replicas: z.number().int().optional(),
          minReplicas: z.number().int().optional(),
          maxReplicas: z.number().int().optional(),
        }),
      )
      .optional()
      .describe(
        'One overlay and namespace (<name>-<environment>) each (default staging, production)',
      ),
  strategy: (z: Z) =>
    z
      .enum(['rolling', 'blue-green', 'canary'])
      .optional()
      .describe(
        'rolling (Deployment) or an Argo Rollouts canary or blue-green (default rolling)',
      ),
  canaryWeights: (z: Z) =>
    z
      .array(z.number())
      .optional()
      .describe(
        'Canary traffic weights in percent, ascending (default 10, 50, 100)',
      ),
  canaryPause: (z: Z) =>
    z
      .string()
      .optional()
      .describe('Pause after each canary weight, e.g. 2m (default 2m)'),
  slo: (z: Z) =>
    z
      .object({
        name: z.string().optional(),
        service: z.string().optional(),
        objective: z.number(),
        maxBurnRate: z.number().optional(),
        indicator: z
          .object({
            good: z.string().optional(),
            bad: z.string().optional(),
            total: z.string(),
          })
          .optional(),
        prometheusAddress: z.string().optional(),
        interval: z.string().optional(),
        count: z.number().int().optional(),
      })
      .optional()
      .describe(
        'SLO read by the canary/blue-green analysis (required for those strategies)',
      ),
  network: (z: Z) =>
    z
      .object({
        ingressNamespaces: z.array(z.string()).optional(),
        allowSameNamespace: z.boolean().optional(),
        monitoringNamespace: z
          .string()
          .nullable()
          .optional()
          .describe(
            'Namespace Prometheus scrapes from (default monitoring; null: none)',
          ),
        egress: z
          .array(
            z.object({
              cidr: z.string(),
              port: z.number().int(),
              protocol: z.enum(['TCP', 'UDP']).optional(),
            }),
          )
          .optional(),
      })
      .optional()
      .describe(
        'Allowed traffic on top of default deny (default: ingress from ingress-nginx, the same namespace and monitoring; DNS egress)',
      ),
  automountServiceAccountToken: (z: Z) =>
    z
      .boolean()
      .optional()
      .describe('Mount the Kubernetes API token in the pods (default false)'),
  directory: (z: Z) =>
    z
      .string()
      .optional()
      .describe(
        'Directory of the kustomize tree in the repository (default kubernetes)',
      ),
  targetPath: (z: Z) =>
    z
      .string()
      .optional()
      .describe('Workspace sub-directory holding the repository (default .)'),
};

/** Keys of the action input that are file options, not manifest parameters. */
export const KUBERNETES_FILE_INPUT_KEYS = ['targetPath', 'directory'] as const;
