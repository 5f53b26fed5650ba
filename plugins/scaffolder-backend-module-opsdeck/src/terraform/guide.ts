import { COST_ALLOCATION_TAGS } from '@opsdeck/plugin-cost-common';
import type { TerraformCloud, TerraformEnvironmentModel } from './model';

const IDENTITY: Record<
  TerraformCloud,
  { annotation: string; output: string; database: string }
> = {
  aws: {
    annotation: 'eks.amazonaws.com/role-arn',
    output: 'service_role_arn',
    database:
      'Create the database role once with `CREATE USER <name>; GRANT rds_iam TO <name>;` as the administrator (password in Secrets Manager, see the RDS console); the service then logs in with an IAM token.',
  },
  gcp: {
    annotation: 'iam.gke.io/gcp-service-account',
    output: 'service_account_email',
    database:
      'The Cloud SQL IAM user of the service account is created by Terraform; grant it privileges on the database and connect through the Cloud SQL connector with IAM login.',
  },
  azure: {
    annotation: 'azure.workload.identity/client-id',
    output: 'service_client_id',
    database:
      'As the Entra ID administrator, create the role with `SELECT * FROM pgaadauth_create_principal(<identity name>, false, false);` and grant it privileges; the service logs in with an Entra ID token.',
  },
};

/** A short README for the generated directory: layout, use and the steps after apply. */
export function renderGuide(model: TerraformEnvironmentModel): string {
  const identity = IDENTITY[model.cloud];
  const environments = model.environments
    .map(
      e =>
        `| \`environments/${e.name}\` | ${e.networkCidr} | ${e.minNodes}-${
          e.maxNodes
        } × ${e.nodeInstanceType} | ${e.databaseInstanceType}${
          e.readReplica ? ' + read replica' : ''
        } | ${e.production ? 'yes' : 'no'} |`,
    )
    .join('\n');
  return `# Terraform of ${model.name}

Reusable modules in \`modules/\`, one root module per environment:

| root | network | nodes | database | production |
| ---- | ------- | ----- | -------- | ---------- |
${environments}

\`\`\`sh
cd environments/<environment>
terraform init     # commit the .terraform.lock.hcl it writes
terraform plan
\`\`\`

State is remote with locking, one state per environment. Every taggable
resource carries the cost-allocation tags ${Object.values(COST_ALLOCATION_TAGS)
    .map(tag => `\`${tag}\``)
    .join(', ')}, which the Opsdeck cost plugin attributes spending by.

After apply:

- Annotate the Kubernetes service account \`${model.namespace}/${
    model.serviceAccount
  }\` with \`${identity.annotation}\` set to the \`${
    identity.output
  }\` output. No static credentials exist.
- ${identity.database}
`;
}

/** Files Terraform creates locally that must not be committed. */
export const TERRAFORM_GITIGNORE = `.terraform/
*.tfstate
*.tfstate.*
*.tfplan
crash.log
`;
