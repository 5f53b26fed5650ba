/*
 * Kubernetes manifest generation throughput. Run from the repository root:
 *   node -r sucrase/register/ts bench/kubernetes/manifests.bench.ts
 * Baseline, measured in the same run: serialising the already-built objects
 * of the same tree with the same YAML library and options (the unavoidable
 * cost of writing them). The generator's overhead over it is parameter
 * validation and building the objects.
 */
import { parseAllDocuments, stringify } from 'yaml';
import {
  checkKubernetesManifests,
  checkKustomizationFiles,
  generateKubernetesManifests,
} from '../../plugins/scaffolder-backend-module-opsdeck/src/kubernetes';

const parameters = {
  name: 'checkout',
  owner: 'group:default/payments',
  system: 'system:default/shop',
  image: 'ghcr.io/acme/checkout:1.0.0',
  strategy: 'canary',
  slo: { objective: 0.999, name: 'checkout-availability' },
  environments: [{ name: 'dev' }, { name: 'staging' }, { name: 'production' }],
  network: {
    monitoringNamespace: 'monitoring',
    egress: [{ cidr: '10.0.0.0/16', port: 5432 }],
  },
};

function measure(label: string, iterations: number, fn: () => unknown) {
  for (let i = 0; i < Math.min(50, iterations); i++) fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn();
  const ns = Number(process.hrtime.bigint() - start);
  const perOpMs = ns / iterations / 1e6;
  return { label, perOpMs };
}

const manifests = generateKubernetesManifests(parameters);
const objects = manifests.files.flatMap(f => f.objects);
const documents = manifests.files.flatMap(f =>
  parseAllDocuments(f.content).map(d => d.toJSON()),
);
const bytes = manifests.files.reduce((sum, f) => sum + f.content.length, 0);
const n = 200;

const baseline = measure(
  'baseline: yaml.stringify (YAML 1.1 quoting) of the finished documents',
  n,
  () =>
    documents.map(d =>
      stringify(d, {
        lineWidth: 0,
        aliasDuplicateObjects: false,
        version: '1.1',
      }),
    ),
);
const results = [
  measure('generateKubernetesManifests (3 environments, canary)', n, () =>
    generateKubernetesManifests(parameters),
  ),
  measure('checkKubernetesManifests (all objects of the tree)', n * 5, () =>
    checkKubernetesManifests(objects),
  ),
  measure('checkKustomizationFiles', n, () =>
    checkKustomizationFiles(manifests.files),
  ),
  measure('rejecting a hostile image', n * 5, () => {
    try {
      generateKubernetesManifests({
        ...parameters,
        image: 'ghcr.io/x:1\nkind: Pod',
      });
    } catch {
      // expected
    }
  }),
];

console.log(
  `tree: ${manifests.files.length} files, ${objects.length} objects, ${bytes} characters`,
);
console.log(`${baseline.label}: ${baseline.perOpMs.toFixed(3)} ms/op`);
for (const r of results) {
  console.log(
    `${r.label}: ${r.perOpMs.toFixed(3)} ms/op (${(
      r.perOpMs / baseline.perOpMs
    ).toFixed(2)}x baseline)`,
  );
}
