import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** Prometheus instance settings. */
export interface PrometheusInstanceConfig {
  name: string;
  baseUrl: string;
  authHeader?: string;
  timeoutMs: number;
  useRecordingRules: boolean;
}

/** The SLO plugin's settings, read once at start. */
export interface SloConfig {
  demo: boolean;
  cacheTtlSeconds: number;
  maxQueriesPerSlo: number;
  historyPoints: number;
  gate: { minRemainingBudget: number; allowWhenUnknown: boolean };
  defaultSource?: string;
  prometheus: PrometheusInstanceConfig[];
}

function positive(
  value: number | undefined,
  fallback: number,
  key: string,
  max: number,
): number {
  const result = value ?? fallback;
  if (!Number.isFinite(result) || result <= 0 || result > max) {
    throw new InputError(
      `slo.${key} must be a number above 0 and at most ${max}`,
    );
  }
  return result;
}

/** Reads and checks the `slo` config block. */
export function readSloConfig(root: Config): SloConfig {
  const config = root.getOptionalConfig('slo');
  const instances = (
    config?.getOptionalConfigArray('prometheus.instances') ?? []
  ).map(instance => {
    const name = instance.getString('name');
    if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(name)) {
      throw new InputError(
        `slo.prometheus.instances: name ${JSON.stringify(
          name,
        )} must be a lowercase RFC 1123 label`,
      );
    }
    const baseUrl = instance.getString('baseUrl');
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw new InputError(
        `slo.prometheus.instances[${name}].baseUrl is not a URL`,
      );
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new InputError(
        `slo.prometheus.instances[${name}].baseUrl must be http or https`,
      );
    }
    return {
      name,
      baseUrl: baseUrl.replace(/\/+$/, ''),
      authHeader: instance.getOptionalString('authHeader'),
      timeoutMs: positive(
        instance.getOptionalNumber('timeoutMs'),
        10000,
        `prometheus.instances[${name}].timeoutMs`,
        300000,
      ),
      useRecordingRules:
        instance.getOptionalBoolean('useRecordingRules') ?? true,
    };
  });
  const names = new Set<string>();
  for (const instance of instances) {
    if (names.has(instance.name)) {
      throw new InputError(
        `slo.prometheus.instances: ${instance.name} is named twice`,
      );
    }
    names.add(instance.name);
  }
  const defaultSource =
    config?.getOptionalString('prometheus.default') ?? instances[0]?.name;
  if (defaultSource && instances.length > 0 && !names.has(defaultSource)) {
    throw new InputError(
      `slo.prometheus.default names ${defaultSource}, which is not an instance`,
    );
  }
  const minRemainingBudget =
    config?.getOptionalNumber('gate.minRemainingBudget') ?? 0;
  if (!(minRemainingBudget >= 0 && minRemainingBudget <= 1)) {
    throw new InputError('slo.gate.minRemainingBudget must be between 0 and 1');
  }
  return {
    demo: config?.getOptionalBoolean('demo') ?? false,
    cacheTtlSeconds: positive(
      config?.getOptionalNumber('cacheTtlSeconds'),
      60,
      'cacheTtlSeconds',
      86400,
    ),
    maxQueriesPerSlo: Math.floor(
      positive(
        config?.getOptionalNumber('maxQueriesPerSlo'),
        4,
        'maxQueriesPerSlo',
        50,
      ),
    ),
    historyPoints: Math.floor(
      positive(
        config?.getOptionalNumber('historyPoints'),
        60,
        'historyPoints',
        1000,
      ),
    ),
    gate: {
      minRemainingBudget,
      allowWhenUnknown:
        config?.getOptionalBoolean('gate.allowWhenUnknown') ?? false,
    },
    defaultSource,
    prometheus: instances,
  };
}
