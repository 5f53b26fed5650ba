/** A valid Kubernetes label value: at most 63 characters, alphanumeric at both ends. */
export const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

const MAX_LABEL_VALUE_LENGTH = 63;

/**
 * Turns any text into a valid Kubernetes label value: characters outside
 * `[A-Za-z0-9._-]` become `-`, runs of `-` collapse, the value is cut to 63
 * characters and trimmed to start and end with a letter or digit. Text with
 * no usable character gives `fallback`.
 */
export function toLabelValue(text: string, fallback = 'unknown'): string {
  const replaced = text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/-+/g, '-');
  const trimmed = replaced
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, MAX_LABEL_VALUE_LENGTH)
    .replace(/[^A-Za-z0-9]+$/, '');
  return trimmed === '' ? fallback : trimmed;
}

/**
 * The name of an entity ref (`group:default/platform` gives `platform`), or
 * the text itself when it is a plain name, as a label value.
 */
export function entityNameLabelValue(ref: string): string {
  const name = ref.slice(ref.lastIndexOf('/') + 1);
  return toLabelValue(name.slice(name.lastIndexOf(':') + 1));
}
