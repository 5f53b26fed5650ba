import {
  parseTerraformEnvironmentParameters,
  TerraformCloud,
  TerraformEnvironmentModel,
  TerraformEnvironmentSpec,
} from './model';
import { renderGuide, TERRAFORM_GITIGNORE } from './guide';
import { AWS_MODULE_FILES } from './modules/awsModules';
import { AZURE_MODULE_FILES } from './modules/azureModules';
import { GCP_MODULE_FILES } from './modules/gcpModules';
import { renderAwsRoot } from './roots/awsRoot';
import { renderAzureRoot } from './roots/azureRoot';
import { renderGcpRoot } from './roots/gcpRoot';

/**
 * A generated file, with its path relative to the Terraform directory.
 *
 * @public
 */
export type GeneratedTerraformFile = { path: string; content: string };

const MODULE_FILES: Record<TerraformCloud, Readonly<Record<string, string>>> = {
  aws: AWS_MODULE_FILES,
  gcp: GCP_MODULE_FILES,
  azure: AZURE_MODULE_FILES,
};

const ROOT_RENDERERS: Record<
  TerraformCloud,
  (
    model: TerraformEnvironmentModel,
    environment: TerraformEnvironmentSpec,
  ) => Record<string, string>
> = {
  aws: renderAwsRoot,
  gcp: renderGcpRoot,
  azure: renderAzureRoot,
};

/**
 * Generates the Terraform for a service: reusable modules (network,
 * kubernetes, database, bucket, service-identity) under `modules/`, one
 * root module per environment under `environments/<name>/`, a README with
 * the steps after apply and a `.gitignore` for local Terraform files.
 *
 * @throws InputError when the parameters are invalid; nothing is generated then.
 * @public
 */
export function generateTerraformEnvironment(
  parameters: unknown,
): GeneratedTerraformFile[] {
  const model = parseTerraformEnvironmentParameters(parameters);
  const modules = Object.entries(MODULE_FILES[model.cloud]).map(
    ([path, content]) => ({ path: `modules/${path}`, content }),
  );
  const roots = model.environments.flatMap(environment =>
    Object.entries(ROOT_RENDERERS[model.cloud](model, environment)).map(
      ([path, content]) => ({
        path: `environments/${environment.name}/${path}`,
        content,
      }),
    ),
  );
  return [
    { path: 'README.md', content: renderGuide(model) },
    { path: '.gitignore', content: TERRAFORM_GITIGNORE },
    ...modules,
    ...roots,
  ];
}
