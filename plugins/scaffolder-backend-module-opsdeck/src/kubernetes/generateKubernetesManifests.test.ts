import { InputError } from '@backstage/errors';
import { parse } from 'yaml';
import { generateKubernetesManifests } from './generateKubernetesManifests';

const INPUT = {
  name: 'checkout',
  owner: 'payments',
  image: 'ghcr.io/acme/checkout:1.0.0',
};

describe('generateKubernetesManifests', () => {
  it('lays out a kustomize base and one overlay per environment', () => {
    const manifests = generateKubernetesManifests(INPUT);
    expect(manifests.files.map(f => f.path)).toEqual([
      'base/serviceaccount.yaml',
      'base/deployment.yaml',
      'base/service.yaml',
      'base/poddisruptionbudget.yaml',
      'base/networkpolicies.yaml',
      'base/horizontalpodautoscaler.yaml',
      'base/kustomization.yaml',
      ...['staging', 'production'].flatMap(e => [
        `overlays/${e}/namespace.yaml`,
        `overlays/${e}/resourcequota.yaml`,
        `overlays/${e}/limitrange.yaml`,
        `overlays/${e}/workload-patch.yaml`,
        `overlays/${e}/horizontalpodautoscaler-patch.yaml`,
        `overlays/${e}/kustomization.yaml`,
      ]),
    ]);
    expect(manifests.namespaces).toEqual([
      'checkout-staging',
      'checkout-production',
    ]);
    const overlay = parse(
      manifests.files.find(
        f => f.path === 'overlays/production/kustomization.yaml',
      )!.content,
    );
    expect(overlay).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      namespace: 'checkout-production',
      resources: [
        'namespace.yaml',
        'resourcequota.yaml',
        'limitrange.yaml',
        '../../base',
      ],
      labels: [
        {
          pairs: { 'backstage-environment': 'production' },
          includeSelectors: false,
        },
      ],
      patches: [
        { path: 'workload-patch.yaml' },
        { path: 'horizontalpodautoscaler-patch.yaml' },
      ],
    });
  });

  it('patches per-environment replicas and autoscaler bounds', () => {
    const fixed = generateKubernetesManifests({
      ...INPUT,
      autoscaling: { enabled: false },
      environments: [{ name: 'production', replicas: 5 }],
    });
    const patch = parse(
      fixed.files.find(
        f => f.path === 'overlays/production/workload-patch.yaml',
      )!.content,
    );
    expect(patch.spec).toEqual({
      replicas: 5,
      template: {
        metadata: { labels: { 'backstage-environment': 'production' } },
      },
    });
    const scaled = generateKubernetesManifests({
      ...INPUT,
      environments: [{ name: 'production', minReplicas: 3, maxReplicas: 30 }],
    });
    const hpaPatch = parse(
      scaled.files.find(
        f =>
          f.path === 'overlays/production/horizontalpodautoscaler-patch.yaml',
      )!.content,
    );
    expect(hpaPatch.spec).toEqual({ minReplicas: 3, maxReplicas: 30 });
  });

  it('writes the same YAML as the objects it returns', () => {
    for (const file of generateKubernetesManifests({
      ...INPUT,
      strategy: 'canary',
      slo: { objective: 0.99 },
    }).files) {
      if (file.objects.length === 0) continue;
      const documents = file.content.split(/^---$/m).map(d => parse(d));
      expect(documents).toEqual(file.objects);
    }
  });

  it('throws an InputError and generates nothing for bad input', () => {
    expect(() =>
      generateKubernetesManifests({ ...INPUT, name: 'Bad Name' }),
    ).toThrow(InputError);
  });
});
