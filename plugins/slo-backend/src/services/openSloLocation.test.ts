import { Entity } from '@backstage/catalog-model';
import { publicLocation } from './openSloLocation';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    annotations: { 'opsdeck.io/slo': './slo/checkout.yaml' },
  },
};

describe('publicLocation', () => {
  it('shows repository URLs as they are', () => {
    const url = 'https://github.com/org/repo/blob/main/slo/checkout.yaml';
    const shown = publicLocation(url, entity);
    expect(shown.url).toBe(url);
    expect(shown.name).toBe(url);
    expect(shown.redact(`no ${url}`)).toBe(`no ${url}`);
  });

  // Bad input tried: messages quoting the file URL, the decoded path, and a
  // path with a space (percent-encoded in the URL).
  it('hides the server path of a file: URL behind the annotation', () => {
    const url = 'file:///srv/port%20al/examples/slo/checkout.yaml';
    const shown = publicLocation(url, entity);
    expect(shown.url).toBeNull();
    expect(shown.name).toBe('./slo/checkout.yaml');
    expect(
      shown.redact(
        `Reading from '${url}' is not allowed; ENOENT: /srv/port al/examples/slo/checkout.yaml`,
      ),
    ).toBe(
      "Reading from './slo/checkout.yaml' is not allowed; ENOENT: ./slo/checkout.yaml",
    );
  });
});
