/*
 * Dockerfile, Vault and catalog annotation throughput. Run from the
 * repository root:
 *   node -r sucrase/register/ts bench/infra/generate.bench.ts
 * Baselines, measured in the same run with the same YAML library: parsing and
 * re-serialising the catalog file (what any comment-keeping YAML edit costs),
 * and serialising a plain object the size of the generated Vault files.
 */
import { parseAllDocuments, stringify } from 'yaml';
import {
  annotateCatalogInfo,
  generateDockerfile,
  generateDockerignore,
  generateVaultPolicy,
} from '../../plugins/scaffolder-backend-module-opsdeck/src';

function measure(label: string, iterations: number, fn: () => unknown) {
  for (let i = 0; i < Math.min(50, iterations); i++) fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn();
  const ns = Number(process.hrtime.bigint() - start);
  const perOp = ns / iterations / 1e6;
  return { label, perOpMs: perOp, perSecond: 1000 / perOp };
}

const component = (name: string) => `# ${name}: owned by payments
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name} # the service
  annotations:
    github.com/project-slug: acme/${name}
spec:
  type: service
  lifecycle: production
  owner: group:default/payments
`;
const catalog = Array.from({ length: 10 }, (_, i) =>
  component(`service-${i}`),
).join('---\n');
const annotate = {
  entityName: 'service-7',
  annotations: {
    slo: './slo/openslo.yaml',
    oncallRotation: './oncall/rotation.yaml',
    kubernetesId: 'service-7',
    costAllocation: 'backstage-component=service-7',
  },
};
const vault = {
  name: 'checkout',
  environments: [{ name: 'dev' }, { name: 'staging' }, { name: 'production' }],
};
const vaultFiles = generateVaultPolicy(vault).files;
const n = 2000;

const baselines = {
  catalog: measure(
    'baseline: parse and re-serialise the 10-document catalog file',
    n,
    () =>
      parseAllDocuments(catalog)
        .map(d => d.toString())
        .join(''),
  ),
  objects: measure(
    'baseline: yaml.stringify of an object as large as the Vault files',
    n,
    () => stringify(vaultFiles),
  ),
};

const results = [
  [
    measure('generateDockerfile (node, pnpm)', n, () =>
      generateDockerfile({
        name: 'checkout',
        language: 'node',
        buildTool: 'pnpm',
      }),
    ),
    baselines.objects,
  ],
  [
    measure('generateDockerignore', n, () =>
      generateDockerignore({ name: 'checkout', language: 'java' }),
    ),
    baselines.objects,
  ],
  [
    measure('generateVaultPolicy (3 environments)', n, () =>
      generateVaultPolicy(vault),
    ),
    baselines.objects,
  ],
  [
    measure('annotateCatalogInfo (document 8 of 10)', n, () =>
      annotateCatalogInfo(catalog, annotate),
    ),
    baselines.catalog,
  ],
  [
    measure('rejecting a hostile annotation', n, () => {
      try {
        annotateCatalogInfo(catalog, {
          annotations: { kubernetesId: 'x\n  evil: true' },
        });
      } catch {
        // expected
      }
    }),
    baselines.catalog,
  ],
] as const;

console.log(
  `catalog file: ${catalog.length} characters; Vault files: ${
    Object.keys(vaultFiles).length
  }`,
);
for (const b of Object.values(baselines)) {
  console.log(
    `${b.label}: ${b.perOpMs.toFixed(3)} ms/op (${b.perSecond.toFixed(0)}/s)`,
  );
}
for (const [r, baseline] of results) {
  console.log(
    `${r.label}: ${r.perOpMs.toFixed(3)} ms/op (${r.perSecond.toFixed(
      0,
    )}/s), ${(r.perOpMs / baseline.perOpMs).toFixed(2)}x ${
      baseline === baselines.catalog ? 'catalog' : 'serialisation'
    } baseline`,
  );
}
