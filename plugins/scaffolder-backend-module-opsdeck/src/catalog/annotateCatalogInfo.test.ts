import { InputError } from '@backstage/errors';
import { parse, parseAllDocuments } from 'yaml';
import { annotateCatalogInfo } from './annotateCatalogInfo';

const COMMENTED = `# checkout: the storefront's payment step
apiVersion: backstage.io/v1alpha1
kind: Component # the service itself
metadata:
  name: checkout
  description: Takes the money   # keep me
  # annotations managed by hand and by Opsdeck
  annotations:
    github.com/project-slug: acme/checkout # slug
  tags: [payments, java]
spec:
  type: service
  lifecycle: production
  owner: group:default/payments
  # the system it belongs to
  system: storefront
`;

const API = `---
# the public API: must not change at all
apiVersion: backstage.io/v1alpha1
kind: API
metadata: {name: checkout-api}
spec: {type: openapi, lifecycle: production, owner: payments, definition: "openapi: 3.0.0"}
`;

function comments(text: string): string[] {
  return text
    .split('\n')
    .filter(line => line.includes('#'))
    .map(line => line.slice(line.indexOf('#')).trim());
}

describe('annotateCatalogInfo', () => {
  it('adds annotations and keeps every comment and other key', () => {
    const result = annotateCatalogInfo(COMMENTED, {
      annotations: {
        slo: './slo/checkout.yaml',
        oncallRotation: './oncall/payments.rotation.yaml',
        costAllocation: 'backstage-component=checkout',
        argocdAppName: 'checkout-production',
        kubernetesId: 'checkout',
        pagerdutyServiceId: 'PABC123',
        deploymentsId: 'component:default/checkout',
      },
    });
    expect(comments(result.content)).toEqual(comments(COMMENTED));
    const before = parse(COMMENTED);
    const after = parse(result.content);
    expect(after).toEqual({
      ...before,
      metadata: {
        ...before.metadata,
        annotations: {
          'github.com/project-slug': 'acme/checkout',
          'opsdeck.io/slo': './slo/checkout.yaml',
          'opsdeck.io/oncall-rotation': './oncall/payments.rotation.yaml',
          'opsdeck.io/cost-allocation': 'backstage-component=checkout',
          'argocd/app-name': 'checkout-production',
          'backstage.io/kubernetes-id': 'checkout',
          'pagerduty.com/service-id': 'PABC123',
          'opsdeck.io/deployments-id': 'component:default/checkout',
        },
      },
    });
    expect(result.entity).toBe('component:default/checkout');
    expect(Object.keys(result.written)).toHaveLength(7);
    expect(result.created).toBe(false);
  });

  it('round-trips: annotating twice changes nothing the second time', () => {
    const parameters = { annotations: { slo: './slo.yaml' } };
    const once = annotateCatalogInfo(COMMENTED, parameters);
    const twice = annotateCatalogInfo(once.content, parameters);
    expect(twice.content).toBe(once.content);
    expect(twice.written).toEqual({});
    expect(twice.unchanged).toEqual(['opsdeck.io/slo']);
  });

  it('keeps the other documents of a multi-document file byte for byte', () => {
    const source = `${API}---\n${COMMENTED}`;
    const result = annotateCatalogInfo(source, {
      annotations: { kubernetesId: 'checkout' },
    });
    expect(result.content.startsWith(API)).toBe(true);
    const documents = parseAllDocuments(result.content) as any[];
    expect(documents.map(d => d.toJS().kind)).toEqual(['API', 'Component']);
    expect(
      documents[1].toJS().metadata.annotations['backstage.io/kubernetes-id'],
    ).toBe('checkout');
    expect(comments(result.content)).toEqual(comments(source));
  });

  it('adds an annotations block where there is none, or an empty one', () => {
    for (const annotations of ['', '  annotations:\n']) {
      const source = `kind: Component\nmetadata:\n  name: a\n${annotations}spec:\n  owner: x # o\n`;
      const result = annotateCatalogInfo(source, {
        annotations: { kubernetesId: 'a' },
      });
      expect(parse(result.content).metadata.annotations).toEqual({
        'backstage.io/kubernetes-id': 'a',
      });
      expect(result.content).toContain('# o');
    }
  });

  it('creates a catalog-info.yaml when there is none', () => {
    const result = annotateCatalogInfo(undefined, {
      entityName: 'ledger',
      create: { owner: 'group:default/payments', system: 'storefront' },
      annotations: { slo: './slo.yaml', kubernetesId: 'ledger' },
    });
    expect(parse(result.content)).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'ledger',
        annotations: {
          'opsdeck.io/slo': './slo.yaml',
          'backstage.io/kubernetes-id': 'ledger',
        },
      },
      spec: {
        type: 'service',
        lifecycle: 'experimental',
        owner: 'group:default/payments',
        system: 'storefront',
      },
    });
    expect(result.created).toBe(true);
  });

  it('refuses to replace a different value unless overwrite is set', () => {
    const source = COMMENTED.replace(
      '    github.com/project-slug',
      '    opsdeck.io/slo: ./old.yaml\n    github.com/project-slug',
    );
    expect(() =>
      annotateCatalogInfo(source, { annotations: { slo: './new.yaml' } }),
    ).toThrow("opsdeck.io/slo is './old.yaml', not './new.yaml'");
    const result = annotateCatalogInfo(source, {
      annotations: { slo: './new.yaml' },
      overwrite: true,
    });
    expect(parse(result.content).metadata.annotations['opsdeck.io/slo']).toBe(
      './new.yaml',
    );
  });

  it.each<[string, string | undefined, unknown, string]>([
    [
      'a secret annotation',
      COMMENTED,
      { annotations: { pagerdutyIntegrationKey: 'abc' } },
      'is a secret',
    ],
    [
      'an unknown annotation',
      COMMENTED,
      { annotations: { 'opsdeck.io/x': 'y' } },
      'unknown parameter(s) opsdeck.io/x',
    ],
    [
      'no annotation',
      COMMENTED,
      { annotations: {} },
      'annotations must name at least one annotation',
    ],
    [
      'a newline in a value',
      COMMENTED,
      { annotations: { kubernetesId: 'a\nb: c' } },
      'annotations.kubernetesId must not contain newlines',
    ],
    [
      'a YAML breakout',
      COMMENTED,
      { annotations: { argocdAppName: "x'\n  evil: 1" } },
      'annotations.argocdAppName',
    ],
    [
      'a path leaving the repository',
      COMMENTED,
      { annotations: { slo: '../../etc/slo.yaml' } },
      "annotations.slo must not contain '..'",
    ],
    [
      'an absolute URL',
      COMMENTED,
      { annotations: { oncallRotation: 'https://evil.example/r.yaml' } },
      'annotations.oncallRotation',
    ],
    [
      'a look-alike character',
      COMMENTED,
      { annotations: { kubernetesId: 'chеckout' } },
      'U+0435',
    ],
    [
      'a bad cost selector',
      COMMENTED,
      { annotations: { costAllocation: 'team' } },
      'annotations.costAllocation',
    ],
    [
      'an unknown kind',
      COMMENTED,
      { entityKind: 'System', annotations: { kubernetesId: 'a' } },
      'holds no System',
    ],
    [
      'two candidates',
      `${COMMENTED}---\n${COMMENTED.replace('name: checkout', 'name: other')}`,
      { annotations: { kubernetesId: 'a' } },
      'set entityName',
    ],
    [
      'invalid YAML',
      'kind: Component\nmetadata: [\n',
      { annotations: { kubernetesId: 'a' } },
      'is not valid YAML',
    ],
    [
      'annotations as a list',
      'kind: Component\nmetadata:\n  name: a\n  annotations: [x]\n',
      { annotations: { kubernetesId: 'a' } },
      'is not a mapping',
    ],
    [
      'a missing file without create',
      undefined,
      { entityName: 'a', annotations: { kubernetesId: 'a' } },
      'does not exist',
    ],
    [
      'an oversized file',
      `kind: Component\nmetadata:\n  name: a\n#${'x'.repeat(1024 * 1024)}\n`,
      { annotations: { kubernetesId: 'a' } },
      'larger than',
    ],
  ])('rejects %s', (_label, source, parameters, message) => {
    expect(() => annotateCatalogInfo(source, parameters)).toThrow(InputError);
    expect(() => annotateCatalogInfo(source, parameters)).toThrow(message);
  });
});
