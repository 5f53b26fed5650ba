import fc from 'fast-check';
import fs from 'node:fs';
import { parseAllDocuments } from 'yaml';
import {
  KubernetesManifests,
  generateKubernetesManifests,
} from './generateKubernetesManifests';
import {
  checkKubernetesManifests,
  checkKustomizationFiles,
} from './manifestChecker';
import {
  NamedObject,
  checkUnknownFieldsWithTsc,
  kustomizeBuild,
  validateWithKubernetesModels,
  writeTree,
} from './__testUtils__/kubernetesValidators';

jest.setTimeout(280_000);

const dnsLabel = (max: number) =>
  fc.stringMatching(new RegExp(`^[a-z]([a-z0-9-]{0,${max - 2}}[a-z0-9])?$`));

const cpuPair = fc
  .tuple(fc.integer({ min: 1, max: 4000 }), fc.integer({ min: 0, max: 4000 }))
  .map(([request, extra]) => ({
    requests: `${request}m`,
    limits:
      (request + extra) % 1000 === 0
        ? `${(request + extra) / 1000}`
        : `${request + extra}m`,
  }));

const memoryPair = fc
  .tuple(fc.integer({ min: 16, max: 4096 }), fc.integer({ min: 0, max: 4096 }))
  .map(([request, extra]) => ({
    requests: `${request}Mi`,
    limits: `${request + extra}Mi`,
  }));

const image = fc.oneof(
  fc
    .tuple(
      dnsLabel(10),
      fc.stringMatching(/^[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{1,2}$/),
    )
    .map(([repo, tag]) => `ghcr.io/acme/${repo}:${tag}`),
  fc
    .stringMatching(/^[a-f0-9]{64}$/)
    .map(d => `registry.example.com:5000/team/app@sha256:${d}`),
);

const environments = fc.uniqueArray(
  fc.record(
    {
      name: dnsLabel(12),
      replicas: fc.integer({ min: 1, max: 20 }),
      minReplicas: fc.integer({ min: 1, max: 5 }),
      maxReplicas: fc.integer({ min: 5, max: 50 }),
    },
    { requiredKeys: ['name'] },
  ),
  { minLength: 1, maxLength: 4, selector: e => e.name },
);

const validInput = fc
  .record({
    name: dnsLabel(20),
    owner: fc.oneof(
      dnsLabel(15),
      dnsLabel(15).map(n => `group:default/${n}`),
    ),
    system: fc.option(
      dnsLabel(15).map(n => `system:default/${n}`),
      { nil: undefined },
    ),
    image,
    port: fc.integer({ min: 1024, max: 65535 }),
    servicePort: fc.integer({ min: 1, max: 65535 }),
    cpu: cpuPair,
    memory: memoryPair,
    replicas: fc.integer({ min: 1, max: 50 }),
    autoscaling: fc.boolean(),
    environments,
    strategy: fc.constantFrom('rolling', 'canary', 'blue-green'),
    canaryWeights: fc
      .uniqueArray(fc.integer({ min: 1, max: 100 }), {
        minLength: 1,
        maxLength: 10,
      })
      .map(w => [...w].sort((a, b) => a - b)),
    objective: fc.double({ min: 0.9, max: 0.9999, noNaN: true }),
    maxBurnRate: fc.double({ min: 0.5, max: 20, noNaN: true }),
    ingressNamespaces: fc.uniqueArray(dnsLabel(15), { maxLength: 3 }),
    allowSameNamespace: fc.boolean(),
    egress: fc.array(
      fc.record({
        cidr: fc
          .tuple(
            fc.integer({ min: 0, max: 255 }),
            fc.integer({ min: 0, max: 255 }),
            fc.integer({ min: 8, max: 32 }),
          )
          .map(([a, b, bits]) => `10.${a}.${b}.0/${bits}`),
        port: fc.integer({ min: 1, max: 65535 }),
        protocol: fc.constantFrom('TCP', 'UDP'),
      }),
      { maxLength: 3 },
    ),
  })
  .map(v => ({
    name: v.name,
    owner: v.owner,
    system: v.system,
    image: v.image,
    port: v.port,
    servicePort: v.servicePort,
    resources: {
      requests: { cpu: v.cpu.requests, memory: v.memory.requests },
      limits: { cpu: v.cpu.limits, memory: v.memory.limits },
    },
    replicas: v.replicas,
    autoscaling: { enabled: v.autoscaling, minReplicas: 1, maxReplicas: 50 },
    environments: v.environments,
    strategy: v.strategy,
    canaryWeights: v.canaryWeights,
    slo: { objective: v.objective, maxBurnRate: v.maxBurnRate },
    network: {
      ingressNamespaces: v.ingressNamespaces,
      allowSameNamespace: v.allowSameNamespace,
      egress: v.egress,
    },
  }));

/** The objects of an environment as kustomize places them, without running it. */
function placed(manifests: KubernetesManifests, index: number) {
  const overlay = manifests.overlays[index];
  const namespace = manifests.namespaces[index];
  return manifests.files
    .filter(f => f.path.startsWith('base/') || f.path.startsWith(`${overlay}/`))
    .flatMap(f => f.objects)
    .map(o =>
      o.kind === 'Namespace'
        ? o
        : { ...o, metadata: { ...o.metadata, namespace } },
    );
}

describe('generated manifests for random valid inputs', () => {
  const samples: { input: unknown; manifests: KubernetesManifests }[] = [];

  it('are accepted and pass our checks (1,000 inputs)', () => {
    let runs = 0;
    fc.assert(
      fc.property(validInput, input => {
        const manifests = generateKubernetesManifests(input);
        for (const file of manifests.files) {
          expect(
            parseAllDocuments(file.content).every(d => d.errors.length === 0),
          ).toBe(true);
        }
        expect(checkKustomizationFiles(manifests.files)).toEqual([]);
        manifests.namespaces.forEach((_, index) => {
          expect(checkKubernetesManifests(placed(manifests, index))).toEqual(
            [],
          );
        });
        if (runs % 10 === 0) samples.push({ input, manifests });
        runs += 1;
      }),
      { numRuns: 1000 },
    );
    expect(runs).toBeGreaterThanOrEqual(1000);
  });

  it('pass kubernetes-models and the unknown-field check (a sample of 100)', async () => {
    const items: NamedObject[] = samples.flatMap((s, i) =>
      s.manifests.files.flatMap(f =>
        f.objects.map(object => ({
          name: `sample ${i} ${f.path} ${object.kind}/${object.metadata.name}`,
          object,
        })),
      ),
    );
    expect(samples.length).toBe(100);
    const models = await validateWithKubernetesModels(items);
    expect(Object.entries(models).filter(([, e]) => e.length > 0)).toEqual([]);
    const fields = await checkUnknownFieldsWithTsc(items);
    expect(Object.entries(fields).filter(([, e]) => e.length > 0)).toEqual([]);
  });

  it('render with kustomize and pass our checks after rendering (a sample of 10)', async () => {
    for (const { manifests } of samples.slice(0, 10)) {
      const dir = writeTree(manifests.files);
      try {
        for (const overlay of manifests.overlays) {
          const objects = await kustomizeBuild(`${dir}/${overlay}`);
          expect({
            overlay,
            findings: checkKubernetesManifests(objects),
          }).toEqual({
            overlay,
            findings: [],
          });
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});
