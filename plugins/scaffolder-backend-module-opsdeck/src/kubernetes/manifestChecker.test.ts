import { renderKubernetesManifests } from './generateKubernetesManifests';
import { KubernetesObject } from './labels';
import {
  ManifestFinding,
  checkKubernetesManifests,
  checkKustomizationFiles,
} from './manifestChecker';
import { parseKubernetesManifestsParameters } from './parameters';

/** The objects of one environment, as kustomize would place them. */
function goodObjects(
  strategy: 'rolling' | 'canary' = 'rolling',
): KubernetesObject[] {
  const manifests = renderKubernetesManifests(
    parseKubernetesManifestsParameters({
      name: 'checkout',
      owner: 'payments',
      image: 'ghcr.io/acme/checkout:1.0.0',
      strategy,
      slo: strategy === 'canary' ? { objective: 0.999 } : undefined,
      environments: [{ name: 'staging' }],
    }),
  );
  return structuredClone(
    manifests.files
      .flatMap(f => f.objects)
      .map(o =>
        o.kind === 'Namespace'
          ? o
          : {
              ...o,
              metadata: { ...o.metadata, namespace: 'checkout-staging' },
            },
      ),
  );
}

function find(
  objects: KubernetesObject[],
  kind: string,
  name = 'checkout',
): any {
  return objects.find(o => o.kind === kind && o.metadata.name === name);
}

function rules(findings: ManifestFinding[]) {
  return [...new Set(findings.map(f => f.rule))].sort();
}

function container(objects: KubernetesObject[]): any {
  return find(objects, 'Deployment').spec.template.spec.containers[0];
}

describe('checkKubernetesManifests', () => {
  it('finds nothing in generated manifests', () => {
    expect(checkKubernetesManifests(goodObjects())).toEqual([]);
    expect(checkKubernetesManifests(goodObjects('canary'))).toEqual([]);
  });

  // Each known-bad manifest breaks one rule; the checker must name that rule.
  const BAD: Array<
    [string, ManifestFinding['rule'], (o: KubernetesObject[]) => void]
  > = [
    [
      'an upper-case name',
      'name',
      o => {
        find(o, 'Deployment').metadata.name = 'Web_App';
      },
    ],
    [
      'a Service name with a dot',
      'name',
      o => {
        find(o, 'Service').metadata.name = 'check.out';
      },
    ],
    [
      'a 64-character namespace',
      'name',
      o => {
        find(o, 'Service').metadata.namespace = 'a'.repeat(64);
      },
    ],
    [
      'a label value with a slash',
      'label',
      o => {
        find(o, 'Service').metadata.labels!['backstage-owner'] =
          'group:default/x';
      },
    ],
    [
      'a label value of 64 characters',
      'label',
      o => {
        find(o, 'Service').metadata.labels!.x = 'a'.repeat(64);
      },
    ],
    [
      'a label key with two slashes',
      'label',
      o => {
        find(o, 'Service').metadata.labels!['a/b/c'] = 'x';
      },
    ],
    [
      'container port 99999',
      'port',
      o => {
        container(o).ports[0].containerPort = 99999;
      },
    ],
    [
      'service port 0',
      'port',
      o => {
        find(o, 'Service').spec.ports[0].port = 0;
      },
    ],
    [
      'network policy port -1',
      'port',
      o => {
        find(
          o,
          'NetworkPolicy',
          'checkout-allow-ingress',
        ).spec.ingress[0].ports[0].port = -1;
      },
    ],
    [
      'a selector that misses the pod labels',
      'selector',
      o => {
        find(o, 'Deployment').spec.selector.matchLabels = { app: 'other' };
      },
    ],
    [
      'a Service selecting no pods',
      'service-selector',
      o => {
        find(o, 'Service').spec.selector = { app: 'nothing' };
      },
    ],
    [
      'a PDB selecting no pods',
      'selector',
      o => {
        find(o, 'PodDisruptionBudget').spec.selector.matchLabels = { app: 'x' };
      },
    ],
    [
      'an HPA scaling a missing Deployment',
      'scale-target',
      o => {
        find(o, 'HorizontalPodAutoscaler').spec.scaleTargetRef.name = 'gone';
      },
    ],
    [
      'no default-deny NetworkPolicy',
      'network-policy',
      o => {
        o.splice(
          o.indexOf(find(o, 'NetworkPolicy', 'checkout-default-deny')),
          1,
        );
      },
    ],
    [
      'a default-deny that allows ingress',
      'network-policy',
      o => {
        find(o, 'NetworkPolicy', 'checkout-default-deny').spec.ingress = [{}];
      },
    ],
    [
      'no liveness probe',
      'probes',
      o => {
        delete container(o).livenessProbe;
      },
    ],
    [
      'no readiness probe',
      'probes',
      o => {
        delete container(o).readinessProbe;
      },
    ],
    [
      'no memory limit',
      'resources',
      o => {
        delete container(o).resources.limits.memory;
      },
    ],
    [
      'no CPU request',
      'resources',
      o => {
        delete container(o).resources.requests.cpu;
      },
    ],
    [
      'privilege escalation allowed',
      'security-context',
      o => {
        container(o).securityContext.allowPrivilegeEscalation = true;
      },
    ],
    [
      'a writable root file system',
      'security-context',
      o => {
        container(o).securityContext.readOnlyRootFilesystem = false;
      },
    ],
    [
      'NET_ADMIN added',
      'security-context',
      o => {
        container(o).securityContext.capabilities.add = ['NET_ADMIN'];
      },
    ],
    [
      'capabilities not dropped',
      'security-context',
      o => {
        container(o).securityContext.capabilities.drop = [];
      },
    ],
    [
      'a privileged container',
      'security-context',
      o => {
        container(o).securityContext.privileged = true;
      },
    ],
    [
      'runAsNonRoot unset',
      'security-context',
      o => {
        delete container(o).securityContext.runAsNonRoot;
        delete find(o, 'Deployment').spec.template.spec.securityContext
          .runAsNonRoot;
      },
    ],
    [
      'an Unconfined seccomp profile',
      'security-context',
      o => {
        container(o).securityContext.seccompProfile.type = 'Unconfined';
      },
    ],
    [
      'a baseline namespace',
      'pod-security',
      o => {
        find(o, 'Namespace', 'checkout-staging').metadata.labels[
          'pod-security.kubernetes.io/enforce'
        ] = 'baseline';
      },
    ],
    [
      'no audit label',
      'pod-security',
      o => {
        delete find(o, 'Namespace', 'checkout-staging').metadata.labels[
          'pod-security.kubernetes.io/audit'
        ];
      },
    ],
  ];

  it.each(BAD)('reports %s', (_label, rule, breakIt) => {
    const objects = goodObjects();
    breakIt(objects);
    expect(rules(checkKubernetesManifests(objects))).toContain(rule);
  });
});

describe('checkKustomizationFiles', () => {
  const files = renderKubernetesManifests(
    parseKubernetesManifestsParameters({
      name: 'checkout',
      owner: 'payments',
      image: 'ghcr.io/acme/checkout:1.0.0',
    }),
  ).files;

  it('finds every resource and patch of the generated tree', () => {
    expect(checkKustomizationFiles(files)).toEqual([]);
  });

  it('reports a missing resource file, a missing patch and a missing base', () => {
    const broken = files.filter(
      f =>
        f.path !== 'base/service.yaml' &&
        f.path !== 'overlays/staging/workload-patch.yaml' &&
        f.path !== 'base/kustomization.yaml',
    );
    const messages = checkKustomizationFiles(broken).map(
      f => `${f.location}: ${f.message}`,
    );
    expect(messages).toEqual(
      expect.arrayContaining([
        'overlays/staging/kustomization.yaml: workload-patch.yaml does not exist',
        'overlays/staging/kustomization.yaml: ../../base does not exist',
      ]),
    );
    const withoutService = files.filter(f => f.path !== 'base/service.yaml');
    expect(checkKustomizationFiles(withoutService)).toEqual([
      {
        rule: 'kustomization',
        location: 'base/kustomization.yaml',
        message: 'service.yaml does not exist',
      },
    ]);
  });
});
