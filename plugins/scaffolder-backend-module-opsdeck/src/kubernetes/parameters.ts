import { InputError } from '@backstage/errors';
import { DEPLOYMENT_STRATEGIES } from '@opsdeck/plugin-deployments-common';
import { parseMetricSelector } from '@opsdeck/plugin-slo-common';
import { z } from 'zod';
import { DNS_LABEL, safeText } from '../pipeline/safeText';
import {
  CPU_QUANTITY,
  MEMORY_QUANTITY,
  cpuMillicores,
  memoryBytes,
} from './quantities';

const dnsLabel = safeText(DNS_LABEL);

const entityRefOrName = safeText({
  description:
    'an entity ref such as group:default/platform or a plain entity name',
  pattern:
    /^([a-z]+:)?([a-z0-9]([a-z0-9._-]*[a-z0-9])?\/)?[a-z0-9]([a-z0-9._-]*[a-z0-9])?$/,
  maxLength: 200,
});

/**
 * A container image reference with a tag, a digest or both:
 * `[registry[:port]/]path[:tag][@sha256:<64 hex>]`.
 */
const IMAGE_REFERENCE =
  /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::[0-9]{1,5})?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

const image = safeText({
  description:
    'an image reference with a tag or digest, e.g. ghcr.io/acme/checkout:1.4.2 or ghcr.io/acme/checkout@sha256:<64 hex digits>',
  pattern: IMAGE_REFERENCE,
  maxLength: 400,
}).superRefine((value, ctx) => {
  const lastSegment = value.slice(value.lastIndexOf('/') + 1);
  const hasDigest = value.includes('@sha256:');
  const hasTag = lastSegment.split('@')[0].includes(':');
  if (!hasDigest && !hasTag) {
    ctx.addIssue({
      code: 'custom',
      message: 'needs a tag or a digest (an untagged image means :latest)',
    });
  } else if (!hasDigest && lastSegment.endsWith(':latest')) {
    ctx.addIssue({
      code: 'custom',
      message: 'must not use the mutable :latest tag without a digest',
    });
  }
});

const httpPath = safeText({
  description:
    "an absolute HTTP path such as /healthz (letters, digits, '/', '.', '_', '-')",
  pattern: /^\/[A-Za-z0-9._/-]*$/,
  maxLength: 200,
});

const cpu = safeText({
  description: 'a CPU quantity such as 250m, 0.5 or 2',
  pattern: CPU_QUANTITY,
  maxLength: 10,
}).refine(value => !(cpuMillicores(value) < 1), {
  message: 'must be at least 1m',
});

const memory = safeText({
  description: 'a memory quantity such as 128Mi, 1Gi or 500M',
  pattern: MEMORY_QUANTITY,
  maxLength: 14,
});

const port = z.number().int().min(1).max(65535);

const duration = safeText({
  description: 'a duration such as 30s, 2m or 1h',
  pattern: /^[1-9][0-9]{0,3}(s|m|h)$/,
  maxLength: 5,
});

const cidr = safeText({
  description: 'an IPv4 CIDR block such as 10.0.0.0/16',
  pattern:
    /^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\/(3[0-2]|[12]?[0-9])$/,
  maxLength: 18,
});

const prometheusAddress = safeText({
  description:
    'an http(s) URL of Prometheus without credentials, query or fragment, e.g. http://prometheus-operated.monitoring.svc:9090',
  pattern:
    /^https?:\/\/[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?(\/[A-Za-z0-9._~-]+)*\/?$/,
  maxLength: 300,
});

/**
 * A PromQL metric selector as OpenSLO ratio metrics use them, e.g.
 * `http_requests_total{service="checkout",code=~"5.."}`. Quotes are needed
 * here, so it is checked on its own rather than with `safeText`.
 */
const metricSelector = z
  .string()
  .max(500)
  .superRefine((value, ctx) => {
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message: 'must not contain newlines or control characters',
      });
      return;
    }
    // eslint-disable-next-line no-control-regex
    if (/[^\u0000-\u007f]/.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message: 'must contain only ASCII characters',
      });
      return;
    }
    if (value.trim() !== value || value === '') {
      ctx.addIssue({
        code: 'custom',
        message: 'must not be empty or start or end with spaces',
      });
      return;
    }
    if (value.includes('{{') || value.includes('}}') || value.includes('$')) {
      ctx.addIssue({
        code: 'custom',
        message:
          "must not contain '{{', '}}' or '$' (Argo Rollouts argument templating)",
      });
      return;
    }
    if (!parseMetricSelector(value)) {
      ctx.addIssue({
        code: 'custom',
        message:
          'must be a plain PromQL metric selector such as http_requests_total{service="checkout"}',
      });
    }
  });

const resourcePairSchema = z.object({ cpu, memory }).strict();

const autoscalingSchema = z
  .object({
    enabled: z.boolean().default(true),
    minReplicas: z.number().int().min(1).max(100).default(2),
    maxReplicas: z.number().int().min(1).max(1000).default(10),
    targetCpuUtilization: z.number().int().min(10).max(100).default(70),
  })
  .strict();

const environmentSchema = z
  .object({
    name: dnsLabel,
    replicas: z.number().int().min(1).max(1000).optional(),
    minReplicas: z.number().int().min(1).max(100).optional(),
    maxReplicas: z.number().int().min(1).max(1000).optional(),
  })
  .strict();

const sloSchema = z
  .object({
    name: dnsLabel.optional(),
    service: dnsLabel.optional(),
    objective: z.number().gt(0.5).lt(1),
    maxBurnRate: z.number().gt(0).max(1000).default(1),
    indicator: z
      .object({
        good: metricSelector.optional(),
        bad: metricSelector.optional(),
        total: metricSelector,
      })
      .strict()
      .optional(),
    prometheusAddress: prometheusAddress.default(
      'http://prometheus-operated.monitoring.svc:9090',
    ),
    interval: duration.default('1m'),
    count: z.number().int().min(1).max(60).default(5),
  })
  .strict();

const networkSchema = z
  .object({
    ingressNamespaces: z.array(dnsLabel).max(10).default(['ingress-nginx']),
    allowSameNamespace: z.boolean().default(true),
    monitoringNamespace: dnsLabel.nullable().default('monitoring'),
    egress: z
      .array(
        z
          .object({
            cidr,
            port,
            protocol: z.enum(['TCP', 'UDP']).default('TCP'),
          })
          .strict(),
      )
      .max(20)
      .default([]),
  })
  .strict();

/**
 * Every parameter of the generated Kubernetes manifests. Text is limited to
 * strict forms, so a value can never break out of the YAML it lands in.
 *
 * @public
 */
export const kubernetesManifestsParametersSchema = z
  .object({
    name: dnsLabel,
    owner: entityRefOrName,
    system: entityRefOrName.optional(),
    image,
    port: port.default(8080),
    servicePort: port.default(80),
    probes: z
      .object({
        livenessPath: httpPath.default('/healthz'),
        readinessPath: httpPath.default('/ready'),
        startupPath: httpPath.optional(),
      })
      .strict()
      .default({ livenessPath: '/healthz', readinessPath: '/ready' }),
    resources: z
      .object({
        requests: resourcePairSchema.default({ cpu: '100m', memory: '128Mi' }),
        limits: resourcePairSchema.default({ cpu: '500m', memory: '256Mi' }),
      })
      .strict()
      .default({
        requests: { cpu: '100m', memory: '128Mi' },
        limits: { cpu: '500m', memory: '256Mi' },
      }),
    replicas: z.number().int().min(1).max(1000).default(2),
    autoscaling: autoscalingSchema.default({
      enabled: true,
      minReplicas: 2,
      maxReplicas: 10,
      targetCpuUtilization: 70,
    }),
    environments: z
      .array(environmentSchema)
      .min(1)
      .max(8)
      .default([{ name: 'staging' }, { name: 'production' }]),
    strategy: z.enum(DEPLOYMENT_STRATEGIES).default('rolling'),
    canaryWeights: z
      .array(z.number().int().min(1).max(100))
      .min(1)
      .max(10)
      .default([10, 50, 100]),
    canaryPause: duration.default('2m'),
    slo: sloSchema.optional(),
    network: networkSchema.default({
      ingressNamespaces: ['ingress-nginx'],
      allowSameNamespace: true,
      monitoringNamespace: 'monitoring',
      egress: [],
    }),
    automountServiceAccountToken: z.boolean().default(false),
  })
  .strict()
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.environments.forEach((environment, index) => {
      if (seen.has(environment.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['environments', index, 'name'],
          message: `duplicates environment '${environment.name}'`,
        });
      }
      seen.add(environment.name);
      const namespace = `${value.name}-${environment.name}`;
      if (namespace.length > 63) {
        ctx.addIssue({
          code: 'custom',
          path: ['environments', index, 'name'],
          message: `gives the namespace '${namespace}', longer than 63 characters`,
        });
      }
      const min = environment.minReplicas ?? value.autoscaling.minReplicas;
      const max = environment.maxReplicas ?? value.autoscaling.maxReplicas;
      if (min > max) {
        ctx.addIssue({
          code: 'custom',
          path: ['environments', index, 'minReplicas'],
          message: `${min} is above maxReplicas ${max}`,
        });
      }
    });
    if (value.autoscaling.minReplicas > value.autoscaling.maxReplicas) {
      ctx.addIssue({
        code: 'custom',
        path: ['autoscaling', 'minReplicas'],
        message: 'must not be above maxReplicas',
      });
    }
    const weights = value.canaryWeights;
    if (weights.some((w, i) => i > 0 && w <= weights[i - 1])) {
      ctx.addIssue({
        code: 'custom',
        path: ['canaryWeights'],
        message: 'must be strictly ascending',
      });
    }
    const { requests, limits } = value.resources;
    if (cpuMillicores(requests.cpu) > cpuMillicores(limits.cpu)) {
      ctx.addIssue({
        code: 'custom',
        path: ['resources', 'requests', 'cpu'],
        message: `${requests.cpu} is above the limit ${limits.cpu}`,
      });
    }
    if (memoryBytes(requests.memory) > memoryBytes(limits.memory)) {
      ctx.addIssue({
        code: 'custom',
        path: ['resources', 'requests', 'memory'],
        message: `${requests.memory} is above the limit ${limits.memory}`,
      });
    }
    if (value.port < 1024) {
      ctx.addIssue({
        code: 'custom',
        path: ['port'],
        message:
          'must be 1024 or above: the container runs as a non-root user without capabilities',
      });
    }
    if (value.strategy !== 'rolling' && !value.slo) {
      ctx.addIssue({
        code: 'custom',
        path: ['slo'],
        message: `is required for the ${value.strategy} strategy: its analysis reads the SLO's error ratio`,
      });
    }
    const indicator = value.slo?.indicator;
    if (indicator && !indicator.good === !indicator.bad) {
      ctx.addIssue({
        code: 'custom',
        path: ['slo', 'indicator'],
        message: 'needs exactly one of good and bad next to total',
      });
    }
  });

/** @public */
export type KubernetesManifestsParametersInput = z.input<
  typeof kubernetesManifestsParametersSchema
>;

/** @public */
export type KubernetesManifestsParameters = z.output<
  typeof kubernetesManifestsParametersSchema
>;

/** @public */
export type KubernetesEnvironment =
  KubernetesManifestsParameters['environments'][number];

/** @public */
export type KubernetesSloAnalysis = NonNullable<
  KubernetesManifestsParameters['slo']
>;

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length > 0 ? issue.path.join('.') : 'parameters';
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    message = `unknown parameter(s) ${issue.keys.join(', ')}`;
  }
  return `${path} ${message}`;
}

/**
 * Validates raw parameters of the Kubernetes manifests.
 *
 * @throws InputError naming every invalid parameter and why.
 * @public
 */
export function parseKubernetesManifestsParameters(
  input: unknown,
): KubernetesManifestsParameters {
  const result = kubernetesManifestsParametersSchema.safeParse(input);
  if (!result.success) {
    throw new InputError(
      `Invalid Kubernetes manifest parameters: ${result.error.issues
        .map(describeIssue)
        .join('; ')}`,
    );
  }
  return result.data;
}
