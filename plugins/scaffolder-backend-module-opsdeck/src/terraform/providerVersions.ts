import type { TerraformCloud } from './model';

/**
 * Terraform versions the generated roots accept: 1.10 brought S3 native
 * state locking (`use_lockfile`).
 *
 * @public
 */
export const TERRAFORM_REQUIRED_VERSION = '~> 1.10';

/**
 * Providers of the generated roots, pinned with `~>` to the minor version
 * whose schema the tests check every generated block against (and any later
 * release of the same major).
 *
 * @public
 */
export const PINNED_TERRAFORM_PROVIDERS = {
  aws: { source: 'hashicorp/aws', version: '~> 6.25' },
  tls: { source: 'hashicorp/tls', version: '~> 4.1' },
  google: { source: 'hashicorp/google', version: '~> 6.50' },
  azurerm: { source: 'hashicorp/azurerm', version: '~> 4.55' },
  random: { source: 'hashicorp/random', version: '~> 3.7' },
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
