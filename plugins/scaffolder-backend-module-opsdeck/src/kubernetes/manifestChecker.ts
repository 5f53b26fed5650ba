import path from 'node:path';
import { parse } from 'yaml';
import { LABEL_VALUE } from './labelValue';
import { KubernetesObject } from './labels';

/** One problem found in a set of manifests. @public */
export type ManifestFinding = {
  rule:
    | 'name'
    | 'label'
    | 'port'
    | 'selector'
    | 'service-selector'
    | 'scale-target'
    | 'network-policy'
    | 'probes'
    | 'resources'
    | 'security-context'
    | 'pod-security'
    | 'kustomization';
  /** `Kind/name` of the object, or the file. */
  location: string;
  message: string;
};

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1123_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** Kinds whose names must be DNS-1123 labels (the rest: subdomains). */
const LABEL_NAMED_KINDS = new Set(['Namespace', 'Service']);

const WORKLOAD_KINDS = new Set([
  'Deployment',
  'Rollout',
  'StatefulSet',
  'DaemonSet',
]);

type Anything = any;

function where(o: KubernetesObject): string {
  return `${o.kind}/${o.metadata?.name}`;
}

function checkName(o: KubernetesObject): ManifestFinding[] {
  const name = o.metadata?.name ?? '';
  const labelOnly = LABEL_NAMED_KINDS.has(o.kind);
  const valid = labelOnly
    ? DNS_1123_LABEL.test(name) && name.length <= 63
    : DNS_1123_SUBDOMAIN.test(name) && name.length <= 253;
  const namespace = o.metadata?.namespace;
  const findings: ManifestFinding[] = valid
    ? []
    : [
        {
          rule: 'name',
          location: where(o),
          message: `name '${name}' is not a DNS-1123 ${
            labelOnly ? 'label' : 'subdomain'
          }`,
        },
      ];
  if (
    namespace !== undefined &&
    !(DNS_1123_LABEL.test(namespace) && namespace.length <= 63)
  ) {
    findings.push({
      rule: 'name',
      location: where(o),
      message: `namespace '${namespace}' is not a DNS-1123 label`,
    });
  }
  return findings;
}

function checkLabelMap(
  location: string,
  labels: Record<string, unknown> | undefined,
): ManifestFinding[] {
  return Object.entries(labels ?? {}).flatMap(([key, value]) => {
    const slash = key.lastIndexOf('/');
    const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
    const name = key.slice(slash + 1);
    const findings: ManifestFinding[] = [];
    if (
      !LABEL_NAME.test(name) ||
      name.length > 63 ||
      (prefix !== undefined &&
        !(DNS_1123_SUBDOMAIN.test(prefix) && prefix.length <= 253))
    ) {
      findings.push({
        rule: 'label',
        location,
        message: `label key '${key}' is invalid`,
      });
    }
    if (
      typeof value !== 'string' ||
      !LABEL_VALUE.test(value) ||
      value.length > 63
    ) {
      findings.push({
        rule: 'label',
        location,
        message: `label ${key} has an invalid value '${String(value)}'`,
      });
    }
    return findings;
  });
}

function validPort(port: unknown): boolean {
  return (
    Number.isInteger(port) && (port as number) >= 1 && (port as number) <= 65535
  );
}

function podTemplateOf(o: KubernetesObject): Anything | undefined {
  return WORKLOAD_KINDS.has(o.kind)
    ? (o as Anything).spec?.template
    : undefined;
}

function matches(
  selector: Record<string, string> | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  const entries = Object.entries(selector ?? {});
  return (
    entries.length > 0 &&
    entries.every(([key, value]) => labels?.[key] === value)
  );
}

function checkPorts(o: KubernetesObject): ManifestFinding[] {
  const spec: Anything = (o as Anything).spec ?? {};
  const ports: unknown[] = [];
  const template = podTemplateOf(o);
  for (const container of template?.spec?.containers ?? []) {
    for (const p of container.ports ?? []) ports.push(p.containerPort);
  }
  if (o.kind === 'Service') {
    for (const p of spec.ports ?? []) {
      ports.push(p.port);
      if (typeof p.targetPort === 'number') ports.push(p.targetPort);
    }
  }
  if (o.kind === 'NetworkPolicy') {
    for (const rule of [...(spec.ingress ?? []), ...(spec.egress ?? [])]) {
      for (const p of rule.ports ?? []) {
        if (typeof p.port === 'number') ports.push(p.port);
      }
    }
  }
  return ports
    .filter(p => !validPort(p))
    .map(p => ({
      rule: 'port' as const,
      location: where(o),
      message: `port ${String(p)} is outside 1-65535`,
    }));
}

function checkContainer(
  location: string,
  container: Anything,
): ManifestFinding[] {
  const findings: ManifestFinding[] = [];
  const name = `${location} container ${container.name}`;
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    if (!container[probe]) {
      findings.push({ rule: 'probes', location: name, message: `no ${probe}` });
    }
  }
  for (const part of ['requests', 'limits']) {
    for (const resource of ['cpu', 'memory']) {
      if (!container.resources?.[part]?.[resource]) {
        findings.push({
          rule: 'resources',
          location: name,
          message: `no ${resource} ${part}`,
        });
      }
    }
  }
  const sc = container.securityContext ?? {};
  const problems = [
    sc.allowPrivilegeEscalation !== false &&
      'allowPrivilegeEscalation is not false',
    sc.readOnlyRootFilesystem !== true && 'readOnlyRootFilesystem is not true',
    sc.privileged === true && 'privileged',
    !(sc.capabilities?.drop ?? []).includes('ALL') &&
      'capabilities do not drop ALL',
    (sc.capabilities?.add ?? []).length > 0 && 'capabilities are added',
  ].filter((p): p is string => typeof p === 'string');
  for (const message of problems) {
    findings.push({ rule: 'security-context', location: name, message });
  }
  return findings;
}

function checkPodTemplate(o: KubernetesObject): ManifestFinding[] {
  const template = podTemplateOf(o);
  if (!template) return [];
  const location = where(o);
  const findings: ManifestFinding[] = [];
  const selector = (o as Anything).spec?.selector?.matchLabels;
  if (!matches(selector, template.metadata?.labels)) {
    findings.push({
      rule: 'selector',
      location,
      message:
        'spec.selector.matchLabels does not match the pod template labels',
    });
  }
  findings.push(
    ...checkLabelMap(`${location} pod template`, template.metadata?.labels),
  );
  const podSc = template.spec?.securityContext ?? {};
  const containers: Anything[] = template.spec?.containers ?? [];
  if (containers.length === 0) {
    findings.push({ rule: 'probes', location, message: 'no containers' });
  }
  for (const container of containers) {
    findings.push(...checkContainer(location, container));
    const sc = container.securityContext ?? {};
    if ((sc.runAsNonRoot ?? podSc.runAsNonRoot) !== true) {
      findings.push({
        rule: 'security-context',
        location,
        message: `container ${container.name} may run as root (runAsNonRoot is not true)`,
      });
    }
    if (
      (sc.seccompProfile?.type ?? podSc.seccompProfile?.type) !==
        'RuntimeDefault' &&
      (sc.seccompProfile?.type ?? podSc.seccompProfile?.type) !== 'Localhost'
    ) {
      findings.push({
        rule: 'security-context',
        location,
        message: `container ${container.name} has no RuntimeDefault seccomp profile`,
      });
    }
  }
  return findings;
}

function podLabelsIn(objects: KubernetesObject[], namespace?: string) {
  return objects
    .filter(o => podTemplateOf(o) && o.metadata.namespace === namespace)
    .map(o => podTemplateOf(o).metadata?.labels ?? {});
}

function checkReferences(objects: KubernetesObject[]): ManifestFinding[] {
  const findings: ManifestFinding[] = [];
  for (const o of objects) {
    const spec: Anything = (o as Anything).spec ?? {};
    const pods = podLabelsIn(objects, o.metadata.namespace);
    if (o.kind === 'Service' && spec.type !== 'ExternalName') {
      if (!pods.some(labels => matches(spec.selector, labels))) {
        findings.push({
          rule: 'service-selector',
          location: where(o),
          message: 'selects no pods of the workloads in its namespace',
        });
      }
    }
    if (o.kind === 'PodDisruptionBudget') {
      if (!pods.some(labels => matches(spec.selector?.matchLabels, labels))) {
        findings.push({
          rule: 'selector',
          location: where(o),
          message: 'selects no pods of the workloads in its namespace',
        });
      }
    }
    if (o.kind === 'HorizontalPodAutoscaler') {
      const target = spec.scaleTargetRef ?? {};
      const found = objects.some(
        t =>
          t.kind === target.kind &&
          t.apiVersion === target.apiVersion &&
          t.metadata.name === target.name &&
          t.metadata.namespace === o.metadata.namespace,
      );
      if (!found) {
        findings.push({
          rule: 'scale-target',
          location: where(o),
          message: `scales ${target.kind}/${target.name}, which does not exist`,
        });
      }
    }
  }
  return findings;
}

function checkNetworkPolicies(objects: KubernetesObject[]): ManifestFinding[] {
  const namespaces = new Set(
    objects.filter(o => podTemplateOf(o)).map(o => o.metadata.namespace),
  );
  return [...namespaces].flatMap(namespace => {
    const denyAll = objects.some(o => {
      const spec: Anything = (o as Anything).spec ?? {};
      return (
        o.kind === 'NetworkPolicy' &&
        o.metadata.namespace === namespace &&
        Object.keys(spec.podSelector ?? { x: 1 }).length === 0 &&
        ['Ingress', 'Egress'].every(t =>
          (spec.policyTypes ?? []).includes(t),
        ) &&
        !spec.ingress &&
        !spec.egress
      );
    });
    return denyAll
      ? []
      : [
          {
            rule: 'network-policy' as const,
            location: `namespace ${namespace ?? '(none)'}`,
            message: 'no default-deny NetworkPolicy for ingress and egress',
          },
        ];
  });
}

function checkPodSecurity(o: KubernetesObject): ManifestFinding[] {
  if (o.kind !== 'Namespace') return [];
  return ['enforce', 'audit', 'warn']
    .filter(
      mode =>
        o.metadata.labels?.[`pod-security.kubernetes.io/${mode}`] !==
        'restricted',
    )
    .map(mode => ({
      rule: 'pod-security' as const,
      location: where(o),
      message: `pod-security.kubernetes.io/${mode} is not restricted`,
    }));
}

/**
 * Opsdeck's own checks of a set of Kubernetes objects (one rendered overlay,
 * or a base): names, labels, ports, selectors and references, a default-deny
 * NetworkPolicy per namespace with workloads, probes, requests and limits,
 * hardened security contexts and Pod Security `restricted` namespaces.
 *
 * @public
 */
export function checkKubernetesManifests(
  objects: readonly KubernetesObject[],
): ManifestFinding[] {
  const all = [...objects];
  return [
    ...all.flatMap(o => [
      ...checkName(o),
      ...checkLabelMap(where(o), o.metadata?.labels),
      ...checkPorts(o),
      ...checkPodTemplate(o),
      ...checkPodSecurity(o),
    ]),
    ...checkReferences(all),
    ...checkNetworkPolicies(all),
  ];
}

/**
 * Checks that every `resources`, `patches` and `configurations` entry of every
 * kustomization.yaml in a tree names a file or directory (with its own
 * kustomization.yaml) of the tree.
 *
 * @public
 */
export function checkKustomizationFiles(
  files: ReadonlyArray<{ path: string; content: string }>,
): ManifestFinding[] {
  const paths = new Set(files.map(f => f.path));
  const findings: ManifestFinding[] = [];
  for (const file of files.filter(
    f => path.posix.basename(f.path) === 'kustomization.yaml',
  )) {
    const dir = path.posix.dirname(file.path);
    const document: Anything = parse(file.content) ?? {};
    const entries: string[] = [
      ...(document.resources ?? []),
      ...(document.patches ?? []).map((p: Anything) => p.path).filter(Boolean),
      ...(document.configurations ?? []),
    ];
    for (const entry of entries) {
      const target = path.posix.normalize(path.posix.join(dir, entry));
      if (!paths.has(target) && !paths.has(`${target}/kustomization.yaml`)) {
        findings.push({
          rule: 'kustomization',
          location: file.path,
          message: `${entry} does not exist`,
        });
      }
    }
  }
  return findings;
}
