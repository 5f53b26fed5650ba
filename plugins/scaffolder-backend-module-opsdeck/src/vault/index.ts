export { generateVaultPolicy } from './vaultPolicy';
export type { GeneratedVaultPolicy } from './vaultPolicy';
export {
  parseVaultPolicyParameters,
  vaultPolicyParametersSchema,
} from './vaultParameters';
export type {
  VaultEnvironmentAccess,
  VaultPolicyModel,
  VaultPolicyParametersInput,
} from './vaultParameters';
export { checkVaultPolicy, VAULT_CAPABILITIES } from './vaultPolicyChecker';
export type {
  ParsedVaultPolicy,
  VaultPolicyFinding,
} from './vaultPolicyChecker';
