import { renderKubernetesManifests } from '../generateKubernetesManifests';
import { parseKubernetesManifestsParameters } from '../parameters';
import {
  NamedObject,
  checkUnknownFieldsWithTsc,
  validateWithKubernetesModels,
} from './kubernetesValidators';

jest.setTimeout(120_000);

/** The validators must reject known-bad objects, or a passing matrix means nothing. */
function objects(): NamedObject[] {
  return renderKubernetesManifests(
    parseKubernetesManifestsParameters({
      name: 'checkout',
      owner: 'payments',
      image: 'ghcr.io/acme/checkout:1.0.0',
      strategy: 'canary',
      slo: { objective: 0.999 },
      environments: [{ name: 'staging' }],
    }),
  ).files.flatMap(f =>
    f.objects.map(object => ({
      name: `${object.kind}/${object.metadata.name}`,
      object: structuredClone(object),
    })),
  );
}

function byName(items: NamedObject[], name: string): any {
  return items.find(i => i.name === name)!.object;
}

describe('validateWithKubernetesModels', () => {
  it('accepts the generated objects and rejects wrong types and enums', async () => {
    const items = objects();
    const good = await validateWithKubernetesModels(items);
    expect(Object.values(good).flat()).toEqual([]);

    byName(items, 'Service/checkout').spec.ports[0].port = 'eighty';
    byName(items, 'Rollout/checkout').spec.strategy.canary.steps[0].setWeight =
      'ten';
    byName(items, 'NetworkPolicy/checkout-default-deny').spec.policyTypes =
      'Ingress';
    const bad = await validateWithKubernetesModels(items);
    expect(bad['Service/checkout'].join()).toMatch(/port/);
    expect(bad['Rollout/checkout'].join()).toMatch(/setWeight/);
    expect(bad['NetworkPolicy/checkout-default-deny'].length).toBeGreaterThan(
      0,
    );
    expect(bad['ServiceAccount/checkout']).toEqual([]);
  });
});

describe('checkUnknownFieldsWithTsc', () => {
  it('rejects fields the API does not define, where kubernetes-models accepts them', async () => {
    const items = objects();
    byName(items, 'Service/checkout').spec.portz = [];
    byName(items, 'Rollout/checkout').spec.strategy.canary.stepz = [];
    byName(
      items,
      'AnalysisTemplate/checkout-slo-error-ratio',
    ).spec.metrics[0].provider.prometheus.queri = 'up';
    const lenient = await validateWithKubernetesModels(items);
    expect(lenient['Service/checkout']).toEqual([]);
    const report = await checkUnknownFieldsWithTsc(items);
    expect(report['Service/checkout'].join()).toMatch(/portz/);
    expect(report['Rollout/checkout'].join()).toMatch(/stepz/);
    expect(report['AnalysisTemplate/checkout-slo-error-ratio'].join()).toMatch(
      /queri/,
    );
    expect(report['ServiceAccount/checkout']).toEqual([]);
  });
});
