import { InputError } from '@backstage/errors';
import { parseKubernetesManifestsParameters } from './parameters';

const BASE = {
  name: 'checkout',
  owner: 'group:default/payments',
  image: 'ghcr.io/acme/checkout:1.0.0',
};

function message(input: Record<string, unknown>): string {
  try {
    parseKubernetesManifestsParameters({ ...BASE, ...input });
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('parseKubernetesManifestsParameters', () => {
  it('fills in secure defaults', () => {
    const p = parseKubernetesManifestsParameters(BASE);
    expect(p).toMatchObject({
      port: 8080,
      servicePort: 80,
      strategy: 'rolling',
      automountServiceAccountToken: false,
      autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 10 },
      environments: [{ name: 'staging' }, { name: 'production' }],
      network: {
        ingressNamespaces: ['ingress-nginx'],
        allowSameNamespace: true,
        egress: [],
      },
      probes: { livenessPath: '/healthz', readinessPath: '/ready' },
    });
  });

  it.each([
    ['ghcr.io/acme/checkout:1.0.0'],
    [`ghcr.io/acme/checkout@sha256:${'a'.repeat(64)}`],
    [`ghcr.io/acme/checkout:1.0.0@sha256:${'b'.repeat(64)}`],
    ['registry.example.com:5000/team/app/api:v2'],
    ['nginx:1.27'],
    [`localhost:5000/app@sha256:${'c'.repeat(64)}`],
  ])('accepts the image %s', image => {
    expect(parseKubernetesManifestsParameters({ ...BASE, image }).image).toBe(
      image,
    );
  });

  // Each bad input and the part of the message that must name its problem.
  it.each([
    [{ name: 'Checkout' }, 'name must be a lowercase DNS label'],
    [{ name: 'check_out' }, 'name must be a lowercase DNS label'],
    [{ name: '1checkout' }, 'name must be a lowercase DNS label'],
    [{ name: 'a'.repeat(64) }, 'name is too long'],
    [{ name: 'check\nout' }, 'name must not contain newlines'],
    [{ name: 'chеckout' }, 'U+0435'],
    [{ owner: 'group:default/pay ments' }, 'owner must not contain spaces'],
    [{ image: 'ghcr.io/acme/checkout' }, 'image needs a tag or a digest'],
    [{ image: 'ghcr.io/acme/checkout:latest' }, 'mutable :latest'],
    [
      { image: 'ghcr.io/acme/checkout@sha256:abc' },
      'image must be an image reference',
    ],
    [{ image: 'GHCR.io/Acme/checkout:1' }, 'image must be an image reference'],
    [
      { image: 'ghcr.io/acme/checkout:1.0 ; rm -rf /' },
      'image must not contain spaces',
    ],
    [{ port: 0 }, 'port'],
    [{ port: 65536 }, 'port'],
    [{ port: 80 }, 'port must be 1024 or above'],
    [{ servicePort: 70000 }, 'servicePort'],
    [{ replicas: 0 }, 'replicas'],
    [{ replicas: 1.5 }, 'replicas'],
    [
      { autoscaling: { minReplicas: 5, maxReplicas: 3 } },
      'autoscaling.minReplicas must not be above maxReplicas',
    ],
    [
      { environments: [{ name: 'prod' }, { name: 'prod' }] },
      "environments.1.name duplicates environment 'prod'",
    ],
    [{ environments: [{ name: 'x'.repeat(60) }] }, 'longer than 63 characters'],
    [
      { environments: [{ name: 'dev', minReplicas: 4, maxReplicas: 2 }] },
      'environments.0.minReplicas 4 is above maxReplicas 2',
    ],
    [{ environments: [] }, 'environments'],
    [
      { resources: { requests: { cpu: '2', memory: '1Gi' } } },
      'resources.requests.cpu 2 is above the limit 500m',
    ],
    [
      { resources: { requests: { cpu: '100m', memory: '1Gi' } } },
      'resources.requests.memory 1Gi is above the limit 256Mi',
    ],
    [
      { resources: { limits: { cpu: '0', memory: '1Gi' } } },
      'resources.limits.cpu must be at least 1m',
    ],
    [
      { resources: { limits: { cpu: 'lots', memory: '1Gi' } } },
      'resources.limits.cpu must be a CPU quantity',
    ],
    [
      { resources: { limits: { cpu: '1', memory: '1GB' } } },
      'resources.limits.memory must be a memory quantity',
    ],
    [
      { probes: { livenessPath: 'healthz' } },
      'probes.livenessPath must be an absolute HTTP path',
    ],
    [
      { probes: { livenessPath: '/health?x=1' } },
      'probes.livenessPath must be an absolute HTTP path',
    ],
    [{ strategy: 'canary' }, 'slo is required for the canary strategy'],
    [{ strategy: 'blue-green' }, 'slo is required for the blue-green strategy'],
    [
      {
        strategy: 'canary',
        slo: { objective: 0.999 },
        canaryWeights: [50, 10],
      },
      'canaryWeights must be strictly ascending',
    ],
    [
      {
        strategy: 'canary',
        slo: { objective: 0.999 },
        canaryWeights: [10, 10],
      },
      'canaryWeights must be strictly ascending',
    ],
    [
      { strategy: 'canary', slo: { objective: 0.999 }, canaryWeights: [0, 50] },
      'canaryWeights.0',
    ],
    [
      {
        strategy: 'canary',
        slo: { objective: 0.999 },
        canaryWeights: [50, 101],
      },
      'canaryWeights.1',
    ],
    [
      {
        strategy: 'canary',
        slo: { objective: 0.999 },
        canaryPause: '2 minutes',
      },
      'canaryPause',
    ],
    [{ slo: { objective: 1 } }, 'slo.objective'],
    [{ slo: { objective: 0.4 } }, 'slo.objective'],
    [
      {
        slo: { objective: 0.99, prometheusAddress: 'http://user:pw@prom:9090' },
      },
      'slo.prometheusAddress must be an http(s) URL',
    ],
    [
      {
        slo: {
          objective: 0.99,
          indicator: { total: 'x{a="b"} or vector(0)', good: 'y' },
        },
      },
      'slo.indicator.total must be a plain PromQL metric selector',
    ],
    [
      {
        slo: {
          objective: 0.99,
          indicator: { total: 'x{a="{{args.x}}"}', good: 'y' },
        },
      },
      "must not contain '{{'",
    ],
    [
      { slo: { objective: 0.99, indicator: { total: 'x' } } },
      'slo.indicator needs exactly one of good and bad',
    ],
    [
      { network: { ingressNamespaces: ['Ingress'] } },
      'network.ingressNamespaces.0',
    ],
    [
      { network: { egress: [{ cidr: '10.0.0.0/33', port: 5432 }] } },
      'network.egress.0.cidr must be an IPv4 CIDR block',
    ],
    [
      { network: { egress: [{ cidr: '10.0.0.0/8', port: 0 }] } },
      'network.egress.0.port',
    ],
    [{ privileged: true }, 'unknown parameter(s) privileged'],
    [{ probes: { exec: 'sh' } }, 'probes unknown parameter(s) exec'],
  ])('rejects %j with a message naming the problem', (input, expected) => {
    expect(message(input)).toContain(expected);
  });

  it('names every invalid parameter at once', () => {
    const text = message({ name: 'X', port: 0, image: 'nope' });
    expect(text).toContain('name');
    expect(text).toContain('port');
    expect(text).toContain('image');
  });
});
