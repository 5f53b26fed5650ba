import { costTags } from '../costTags';
import { hclString, hclStringMap } from '../hcl';
import type {
  TerraformCloud,
  TerraformEnvironmentModel,
  TerraformEnvironmentSpec,
} from '../model';
import {
  CLOUD_PROVIDERS,
  PINNED_TERRAFORM_PROVIDERS,
  TERRAFORM_REQUIRED_VERSION,
} from '../providerVersions';

/** An argument of a block: name and an HCL expression already rendered. */
export type Argument = [string, string];

/** Renders `name = expression` lines with aligned equals signs. */
export function renderArguments(args: Argument[], indent: string): string {
  const width = Math.max(...args.map(([name]) => name.length));
  return args
    .map(([name, value]) => `${indent}${name.padEnd(width)} = ${value}`)
    .join('\n');
}

/** A `module` block calling one of the generated modules. */
export function moduleCall(
  name: string,
  directory: string,
  args: Argument[],
  dependsOn?: string[],
): string {
  const lines = renderArguments(
    [['source', hclString(`../../modules/${directory}`)], ...args],
    '  ',
  );
  const depends = dependsOn
    ? `\n\n  depends_on = [${dependsOn.join(', ')}]`
    : '';
  return `module "${name}" {\n${lines}${depends}\n}\n`;
}

/** The `terraform` block: required version, pinned providers and the backend. */
export function renderVersions(
  cloud: TerraformCloud,
  backendType: string,
  backend: Argument[],
): string {
  const providers = CLOUD_PROVIDERS[cloud]
    .map(name => {
      const { source, version } = PINNED_TERRAFORM_PROVIDERS[name];
      return `    ${name} = {\n      source  = ${hclString(
        source,
      )}\n      version = ${hclString(version)}\n    }`;
    })
    .join('\n');
  return `terraform {
  required_version = ${hclString(TERRAFORM_REQUIRED_VERSION)}

  required_providers {
${providers}
  }

  backend "${backendType}" {
${renderArguments(backend, '    ')}
  }
}
`;
}

/** The `locals` block shared by every root: names and the cost-allocation tags. */
export function renderLocals(
  model: TerraformEnvironmentModel,
  environment: TerraformEnvironmentSpec,
  tagsName: 'cost_tags' | 'cost_labels',
): string {
  const tags = costTags(model.cloud, {
    component: model.name,
    owner: model.owner,
    system: model.system,
    environment: environment.name,
  });
  return `locals {
  name        = ${hclString(`${model.name}-${environment.name}`)}
  environment = ${hclString(environment.name)}
  ${tagsName} = ${hclStringMap(tags, '  ')}
}
`;
}

/** A string literal argument. */
export const text = (value: string) => hclString(value);
/** A number or bool argument. */
export const plain = (value: number | boolean) => String(value);

/** The state key of one environment. */
export function stateKey(
  model: TerraformEnvironmentModel,
  environment: string,
) {
  return `${model.name}/${environment}/terraform.tfstate`;
}

/** Name of the service's database: a letter first, underscores instead of dashes. */
export function databaseName(model: TerraformEnvironmentModel) {
  return model.name.replace(/-/g, '_');
}

/** Renders an `output` block. */
export function output(name: string, description: string, value: string) {
  return `output "${name}" {\n  description = ${hclString(
    description,
  )}\n  value       = ${value}\n}\n`;
}
