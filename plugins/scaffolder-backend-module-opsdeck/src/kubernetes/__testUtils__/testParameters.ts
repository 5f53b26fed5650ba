import {
  KubernetesManifestsParameters,
  parseKubernetesManifestsParameters,
} from '../parameters';

/** Validated parameters of a `checkout` service, with `input` on top. */
export function testParameters(
  input: Record<string, unknown> = {},
): KubernetesManifestsParameters {
  return parseKubernetesManifestsParameters({
    name: 'checkout',
    owner: 'payments',
    image: 'ghcr.io/acme/checkout:1.0.0',
    ...input,
  });
}
