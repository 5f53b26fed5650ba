import fs from 'node:fs';
import { renderKubernetesManifests } from './generateKubernetesManifests';
import { KubernetesObject } from './labels';
import {
  checkKubernetesManifests,
  checkKustomizationFiles,
} from './manifestChecker';
import {
  KubernetesManifestsParametersInput,
  parseKubernetesManifestsParameters,
} from './parameters';
import {
  NamedObject,
  checkUnknownFieldsWithTsc,
  kustomizeBuild,
  validateWithKubernetesModels,
  writeTree,
} from './__testUtils__/kubernetesValidators';

jest.setTimeout(280_000);

const STRATEGIES = ['rolling', 'canary', 'blue-green'] as const;
const ENVIRONMENT_SETS = [
  [
    { name: 'staging' },
    { name: 'production', minReplicas: 3, maxReplicas: 20, replicas: 4 },
  ],
  [
    { name: 'dev', minReplicas: 1, maxReplicas: 2, replicas: 1 },
    { name: 'qa' },
    { name: 'prod' },
  ],
];
const AUTOSCALING = [true, false];

function sloFor(
  strategy: (typeof STRATEGIES)[number],
  index: number,
): KubernetesManifestsParametersInput['slo'] {
  if (strategy === 'rolling') return undefined;
  if (index % 2) {
    return {
      objective: 0.999,
      name: 'checkout-availability',
      service: 'checkout-service',
    };
  }
  return {
    objective: 0.995,
    maxBurnRate: 2,
    indicator: {
      bad: 'http_requests_total{service="search",code=~"5.."}',
      total: 'http_requests_total{service="search"}',
    },
  };
}

function combination(
  strategy: (typeof STRATEGIES)[number],
  environments: (typeof ENVIRONMENT_SETS)[number],
  autoscaling: boolean,
  index: number,
): KubernetesManifestsParametersInput {
  return {
    name: index % 2 ? 'checkout' : 'search-api',
    owner: index % 3 ? 'group:default/payments-team' : 'platform',
    system: index % 2 ? 'system:default/shop' : undefined,
    image:
      index % 2
        ? 'ghcr.io/acme/checkout:1.2.3'
        : `registry.example.com:5000/acme/search@sha256:${'0123456789abcdef'.repeat(
            4,
          )}`,
    strategy,
    environments,
    autoscaling: { enabled: autoscaling },
    slo: sloFor(strategy, index),
    network: {
      ingressNamespaces: ['ingress-nginx', 'gateway'],
      allowSameNamespace: index % 2 === 0,
      monitoringNamespace: index % 3 ? 'prometheus' : null,
      egress: index % 2 ? [{ cidr: '10.0.0.0/16', port: 5432 }] : [],
    },
  };
}

const MATRIX = STRATEGIES.flatMap(strategy =>
  ENVIRONMENT_SETS.flatMap(environments =>
    AUTOSCALING.map(autoscaling => ({ strategy, environments, autoscaling })),
  ),
).map((c, index) => ({
  label: `${c.strategy}, ${c.environments.map(e => e.name).join('+')}, ${
    c.autoscaling ? 'with' : 'without'
  } HPA`,
  input: combination(c.strategy, c.environments, c.autoscaling, index),
}));

type Rendered = {
  label: string;
  input: KubernetesManifestsParametersInput;
  overlays: { overlay: string; objects: KubernetesObject[] }[];
  baseObjects: KubernetesObject[];
  files: { path: string; content: string }[];
};

describe('names that YAML 1.1 reads as booleans or numbers', () => {
  it('survive kustomize as strings', async () => {
    const words = ['y', 'n', 'yes', 'no', 'on', 'off', 'true', 'null'];
    const manifests = renderKubernetesManifests(
      parseKubernetesManifestsParameters({
        name: 'on',
        owner: 'group:default/no',
        system: 'yes',
        image: 'ghcr.io/acme/checkout:1.0.0',
        environments: words.map(name => ({ name })),
        network: { ingressNamespaces: ['off'], monitoringNamespace: 'y' },
      }),
    );
    const dir = writeTree(manifests.files);
    try {
      for (const [index, overlay] of manifests.overlays.entries()) {
        const objects = await kustomizeBuild(`${dir}/${overlay}`);
        expect(checkKubernetesManifests(objects)).toEqual([]);
        expect(
          objects.map(o => o.metadata.labels!['backstage-environment']),
        ).toEqual(objects.map(() => words[index]));
        expect(objects.map(o => o.metadata.labels!['backstage-owner'])).toEqual(
          objects.map(() => 'no'),
        );
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('setting the released image in an overlay (kustomize edit set image)', () => {
  it.each(STRATEGIES)('reaches the %s workload', async strategy => {
    const digest = `sha256:${'1'.repeat(64)}`;
    const manifests = renderKubernetesManifests(
      parseKubernetesManifestsParameters({
        name: 'checkout',
        owner: 'payments',
        image: 'ghcr.io/acme/checkout:1.0.0',
        strategy,
        slo: strategy === 'rolling' ? undefined : { objective: 0.999 },
      }),
    );
    const files = manifests.files.map(file =>
      file.path === 'overlays/production/kustomization.yaml'
        ? {
            ...file,
            content: `${file.content}images:\n  - name: ghcr.io/acme/checkout\n    digest: ${digest}\n`,
          }
        : file,
    );
    const dir = writeTree(files);
    try {
      const objects = await kustomizeBuild(`${dir}/overlays/production`);
      const workload = objects.find(o =>
        ['Deployment', 'Rollout'].includes(o.kind),
      ) as any;
      expect(workload.spec.template.spec.containers[0].image).toBe(
        `ghcr.io/acme/checkout@${digest}`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Kubernetes manifests: strategies x environments x autoscaling', () => {
  const rendered: Rendered[] = [];

  beforeAll(async () => {
    for (const { label, input } of MATRIX) {
      const manifests = renderKubernetesManifests(
        parseKubernetesManifestsParameters(input),
      );
      const dir = writeTree(manifests.files);
      try {
        const overlays = [];
        for (const overlay of manifests.overlays) {
          overlays.push({
            overlay,
            objects: await kustomizeBuild(`${dir}/${overlay}`),
          });
        }
        rendered.push({
          label,
          input,
          overlays,
          baseObjects: manifests.files.flatMap(f => f.objects),
          files: manifests.files,
        });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  function everyObject(): NamedObject[] {
    return rendered.flatMap(r =>
      r.overlays.flatMap(o =>
        o.objects.map(object => ({
          name: `${r.label} ${o.overlay} ${object.kind}/${object.metadata.name}`,
          object,
        })),
      ),
    );
  }

  it('covers 12 combinations, each overlay rendered by kustomize', () => {
    expect(rendered).toHaveLength(12);
    for (const r of rendered) {
      expect(r.overlays.length).toBe(r.input.environments!.length);
      for (const o of r.overlays) {
        expect(o.objects.length).toBeGreaterThan(8);
      }
    }
  });

  it('passes kubernetes-models and argo-rollouts validation for every rendered object', async () => {
    const report = await validateWithKubernetesModels(everyObject());
    const failures = Object.entries(report).filter(([, e]) => e.length > 0);
    expect(failures).toEqual([]);
    expect(Object.keys(report).length).toBeGreaterThan(200);
  });

  it('has no unknown fields (tsc against kubernetes-types and the Argo Rollouts types)', async () => {
    const seen = new Set<string>();
    const unique = everyObject().filter(({ object }) => {
      const key = JSON.stringify(object);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const report = await checkUnknownFieldsWithTsc(unique);
    const failures = Object.entries(report).filter(([, e]) => e.length > 0);
    expect(failures).toEqual([]);
  });

  it('passes our own checks in every rendered overlay and in the kustomization files', () => {
    for (const r of rendered) {
      expect({
        label: r.label,
        findings: checkKustomizationFiles(r.files),
      }).toEqual({
        label: r.label,
        findings: [],
      });
      for (const o of r.overlays) {
        expect({
          at: `${r.label} ${o.overlay}`,
          findings: checkKubernetesManifests(o.objects),
        }).toEqual({ at: `${r.label} ${o.overlay}`, findings: [] });
      }
    }
  });

  it('puts every object of an overlay in its namespace with the portal and cost labels', () => {
    for (const r of rendered) {
      r.overlays.forEach(({ objects }, index) => {
        const environment = r.input.environments![index].name;
        const namespace = `${r.input.name}-${environment}`;
        expect(
          objects
            .filter(o => o.kind !== 'Namespace')
            .filter(o => o.metadata.namespace !== namespace),
        ).toEqual([]);
        for (const object of objects) {
          expect(object.metadata.labels).toMatchObject({
            'backstage.io/kubernetes-id': r.input.name,
            'app.kubernetes.io/name': r.input.name,
            'backstage-component': r.input.name,
            'backstage-environment': environment,
          });
        }
        const workload = objects.find(
          o => o.kind === 'Deployment' || o.kind === 'Rollout',
        ) as any;
        expect(
          workload.spec.template.metadata.labels['backstage-environment'],
        ).toBe(environment);
        const kinds = objects.map(o => o.kind);
        expect(kinds.includes('HorizontalPodAutoscaler')).toBe(
          r.input.autoscaling!.enabled,
        );
        expect(workload.spec.replicas === undefined).toBe(
          r.input.autoscaling!.enabled,
        );
        expect(workload.kind).toBe(
          r.input.strategy === 'rolling' ? 'Deployment' : 'Rollout',
        );
        expect(kinds.includes('AnalysisTemplate')).toBe(
          r.input.strategy !== 'rolling',
        );
      });
    }
  });
});
