import { hclString } from '../hcl';
import {
  PINNED_TERRAFORM_PROVIDERS,
  TerraformProviderName,
} from '../providerVersions';

/** A module variable: name, HCL type, description and optional HCL default. */
export type ModuleVariable = [
  name: string,
  type: string,
  description: string,
  defaultValue?: string,
];

/** A module output: name, description and HCL value expression. */
export type ModuleOutput = [name: string, description: string, value: string];

/** The source of one reusable module. */
export type ModuleSource = {
  providers: TerraformProviderName[];
  main: string;
  variables: ModuleVariable[];
  outputs: ModuleOutput[];
};

/** Variables most modules share. */
export const COMMON_VARIABLES = {
  tags: [
    'tags',
    'map(string)',
    'Cost-allocation tags put on every resource.',
  ] as ModuleVariable,
  labels: [
    'labels',
    'map(string)',
    'Cost-allocation labels put on every labelled resource.',
  ] as ModuleVariable,
  project: ['project', 'string', 'Google Cloud project.'] as ModuleVariable,
  location: ['location', 'string', 'Azure region.'] as ModuleVariable,
  resourceGroup: [
    'resource_group_name',
    'string',
    'Resource group of the environment.',
  ] as ModuleVariable,
  namespace: [
    'namespace',
    'string',
    'Kubernetes namespace of the service.',
  ] as ModuleVariable,
  serviceAccount: [
    'service_account',
    'string',
    'Kubernetes service account the pods run as.',
  ] as ModuleVariable,
  engineVersion: [
    'engine_version',
    'number',
    'PostgreSQL major version.',
  ] as ModuleVariable,
  databaseName: [
    'database_name',
    'string',
    'Name of the database created in the instance.',
  ] as ModuleVariable,
  readReplica: [
    'read_replica',
    'bool',
    'Create a read replica.',
  ] as ModuleVariable,
  kubernetesVersion: [
    'kubernetes_version',
    'string',
    'Kubernetes minor version, e.g. 1.33.',
  ] as ModuleVariable,
};

function versionsTf(providers: TerraformProviderName[]): string {
  const entries = providers
    .map(
      name =>
        `    ${name} = {\n      source = ${hclString(
          PINNED_TERRAFORM_PROVIDERS[name].source,
        )}\n    }`,
    )
    .join('\n');
  return `terraform {\n  required_providers {\n${entries}\n  }\n}\n`;
}

function variablesTf(variables: ModuleVariable[]): string {
  return variables
    .map(([name, type, description, defaultValue]) => {
      const lines = [
        `  description = ${hclString(description)}`,
        `  type        = ${type}`,
        ...(defaultValue === undefined
          ? []
          : [`  default     = ${defaultValue}`]),
      ];
      return `variable "${name}" {\n${lines.join('\n')}\n}\n`;
    })
    .join('\n');
}

function outputsTf(outputs: ModuleOutput[]): string {
  return outputs
    .map(
      ([name, description, value]) =>
        `output "${name}" {\n  description = ${hclString(
          description,
        )}\n  value       = ${value}\n}\n`,
    )
    .join('\n');
}

/** Renders modules into their files: `<module>/versions.tf`, `main.tf`, `variables.tf`, `outputs.tf`. */
export function renderModuleFiles(
  modules: Record<string, ModuleSource>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(modules).flatMap(([name, source]) => [
      [`${name}/versions.tf`, versionsTf(source.providers)],
      [`${name}/main.tf`, source.main],
      [`${name}/variables.tf`, variablesTf(source.variables)],
      [`${name}/outputs.tf`, outputsTf(source.outputs)],
    ]),
  );
}
