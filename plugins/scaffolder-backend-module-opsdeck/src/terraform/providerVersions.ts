import type { TerraformCloud } from './model';

/**
 * Terraform versions the generated roots accept: 1.10 brought S3 native
 * state locking (`use_lockfile`).
 *
 * @public
 */
export const TERRAFORM_REQUIRED_VERSION = '~> 1.10';

/**
 * Providers of the generated roots, pinned to a major version with `~>`.
 *
 * @public
 */
export const PINNED_TERRAFORM_PROVIDERS = {
  aws: { source: 'hashicorp/aws', version: '~> 6.0' },
  tls: { source: 'hashicorp/tls', version: '~> 4.0' },
  google: { source: 'hashicorp/google', version: '~> 7.0' },
  azurerm: { source: 'hashicorp/azurerm', version: '~> 4.9' },
  random: { source: 'hashicorp/random', version: '~> 3.6' },
} as const;

/** @public */
export type TerraformProviderName = keyof typeof PINNED_TERRAFORM_PROVIDERS;

/** The providers each cloud's root module requires. */
export const CLOUD_PROVIDERS: Record<TerraformCloud, TerraformProviderName[]> =
  {
    aws: ['aws', 'tls'],
    gcp: ['google', 'random'],
    azure: ['azurerm', 'random'],
  };
