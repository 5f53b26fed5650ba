export {
  parseTerraformEnvironmentParameters,
  terraformEnvironmentParametersSchema,
  TERRAFORM_CLOUDS,
} from './model';
export type {
  TerraformCloud,
  TerraformEnvironmentModel,
  TerraformEnvironmentParametersInput,
  TerraformEnvironmentSpec,
} from './model';
export { generateTerraformEnvironment } from './generateTerraformEnvironment';
export type { GeneratedTerraformFile } from './generateTerraformEnvironment';
export {
  PINNED_TERRAFORM_PROVIDERS,
  TERRAFORM_REQUIRED_VERSION,
} from './providerVersions';
export type { TerraformProviderName } from './providerVersions';
export { checkTerraformFiles } from './checks/terraformChecker';
export type {
  ParsedTerraformFile,
  TerraformCheckRule,
  TerraformFinding,
  TerraformReferenceFinder,
} from './checks/terraformChecker';
export { checkTerraformSecurity } from './checks/terraformSecurityChecker';
export type {
  TerraformSecurityFinding,
  TerraformSecurityRule,
} from './checks/terraformSecurityChecker';
export { sanitizeGcpLabelValue } from './costTags';
