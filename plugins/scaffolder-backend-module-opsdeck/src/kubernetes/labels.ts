import { COST_ALLOCATION_TAGS } from '@opsdeck/plugin-cost-common';
import { entityNameLabelValue, toLabelValue } from './labelValue';
import { KubernetesManifestsParameters } from './parameters';

/** Label the Backstage Kubernetes plugin selects a component's objects by. @public */
export const KUBERNETES_ID_LABEL = 'backstage.io/kubernetes-id';

/** A Kubernetes object as the generator builds it. @public */
export type KubernetesObject = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
};

/** Labels that select the service's pods (never changes between versions). */
export function selectorLabels(
  p: KubernetesManifestsParameters,
): Record<string, string> {
  return { 'app.kubernetes.io/name': p.name };
}

/**
 * Labels on every object of the base: the selector labels, the labels the
 * portal reads (`backstage.io/kubernetes-id`, `app.kubernetes.io/*`) and the
 * cost allocation labels for component, owner and system.
 */
export function commonLabels(
  p: KubernetesManifestsParameters,
): Record<string, string> {
  const labels: Record<string, string> = {
    ...selectorLabels(p),
    'app.kubernetes.io/instance': p.name,
    'app.kubernetes.io/component': 'service',
    'app.kubernetes.io/managed-by': 'kustomize',
    [KUBERNETES_ID_LABEL]: p.name,
    [COST_ALLOCATION_TAGS.component]: toLabelValue(p.name),
    [COST_ALLOCATION_TAGS.owner]: entityNameLabelValue(p.owner),
  };
  if (p.system) {
    const system = entityNameLabelValue(p.system);
    labels['app.kubernetes.io/part-of'] = system;
    labels[COST_ALLOCATION_TAGS.system] = system;
  }
  return labels;
}

/** Labels an environment's overlay adds to every object. */
export function environmentLabels(environment: string): Record<string, string> {
  return { [COST_ALLOCATION_TAGS.environment]: toLabelValue(environment) };
}

/** An object with standard metadata. */
export function object(
  apiVersion: string,
  kind: string,
  name: string,
  labels: Record<string, string>,
  fields: Record<string, unknown>,
): KubernetesObject {
  return {
    apiVersion,
    kind,
    metadata: { name, labels: { ...labels } },
    ...fields,
  };
}
