import type { z as zImpl } from 'zod/v3';

type Z = typeof zImpl;

/**
 * The input of `opsdeck:terraform:environment` as the scaffolder shows it
 * (installed-actions page, template editor). The handler validates it
 * strictly with `parseTerraformEnvironmentParameters`, which gives precise
 * errors per cloud.
 */
export const terraformEnvironmentInputSchema = {
  name: (z: Z) =>
    z
      .string()
      .describe(
        'Service (component) name: a lowercase DNS label of at most 20 characters, e.g. checkout',
      ),
  owner: (z: Z) =>
    z
      .string()
      .describe(
        'Owning group: entity ref or name, e.g. group:default/platform',
      ),
  system: (z: Z) =>
    z.string().describe('System: entity ref or name, e.g. system:default/shop'),
  cloud: (z: Z) => z.enum(['aws', 'gcp', 'azure']).describe('Cloud provider'),
  region: (z: Z) =>
    z
      .string()
      .describe(
        'Region: eu-west-1 (AWS), europe-west1 (Google Cloud), westeurope (Azure)',
      ),
  gcpProject: (z: Z) =>
    z.string().optional().describe('Google Cloud project id (cloud gcp only)'),
  azureSubscriptionId: (z: Z) =>
    z
      .string()
      .optional()
      .describe('Azure subscription UUID (cloud azure only)'),
  state: (z: Z) =>
    z
      .object({
        bucket: z
          .string()
          .optional()
          .describe('State bucket (S3 on AWS, Cloud Storage on Google Cloud)'),
        region: z
          .string()
          .optional()
          .describe('Region of the S3 state bucket (default: region)'),
        lockTable: z
          .string()
          .optional()
          .describe(
            'DynamoDB lock table (AWS; default: S3 native locking with a lock file)',
          ),
        resourceGroup: z
          .string()
          .optional()
          .describe('Resource group of the state storage account (Azure)'),
        storageAccount: z
          .string()
          .optional()
          .describe('State storage account (Azure)'),
        container: z
          .string()
          .optional()
          .describe('State blob container (Azure, default tfstate)'),
      })
      .describe('Remote state with locking: one state per environment'),
  kubernetesVersion: (z: Z) =>
    z.string().optional().describe('Kubernetes minor version (default 1.33)'),
  postgresVersion: (z: Z) =>
    z
      .number()
      .int()
      .optional()
      .describe('PostgreSQL major version, 14-17 (default 16)'),
  namespace: (z: Z) =>
    z
      .string()
      .optional()
      .describe('Kubernetes namespace of the service (default: name)'),
  serviceAccount: (z: Z) =>
    z
      .string()
      .optional()
      .describe(
        'Kubernetes service account bound to the cloud identity (default: name)',
      ),
  environments: (z: Z) =>
    z
      .array(
        z.object({
          name: z.string().describe('Environment name, at most 12 characters'),
          production: z
            .boolean()
            .optional()
            .describe(
              'Deletion protection, high availability (default: name is production, prod, prd or live)',
            ),
          networkCidr: z
            .string()
            .optional()
            .describe(
              'Private IPv4 range /16 to /20 (default 10.<10*n>.0.0/16)',
            ),
          nodeInstanceType: z.string().optional().describe('Node machine type'),
          minNodes: z.number().int().optional().describe('Autoscaler minimum'),
          maxNodes: z.number().int().optional().describe('Autoscaler maximum'),
          databaseInstanceType: z
            .string()
            .optional()
            .describe('Database instance class, tier or SKU'),
          databaseStorageGb: z
            .number()
            .int()
            .optional()
            .describe('Database storage in GB'),
          readReplica: z
            .boolean()
            .optional()
            .describe('PostgreSQL read replica (default: production)'),
        }),
      )
      .optional()
      .describe(
        'Environments, one root module each (default staging, production)',
      ),
  targetPath: (z: Z) =>
    z
      .string()
      .optional()
      .describe(
        'Workspace directory the Terraform goes to (default terraform)',
      ),
};
