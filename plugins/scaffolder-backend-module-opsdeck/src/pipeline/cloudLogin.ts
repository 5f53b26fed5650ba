/**
 * Cloud sign-in from a CI OIDC token in OPSDECK_CLOUD_ID_TOKEN, for GitLab CI
 * and Jenkins (GitHub Actions uses the providers' own pinned actions). No
 * long-lived keys: the token is exchanged for short-lived credentials.
 */
export const CLOUD_LOGIN_SCRIPTS = {
  aws: [
    'if ! command -v aws > /dev/null 2>&1; then',
    '  apk add --no-cache aws-cli',
    'fi',
    'token_file=$(mktemp)',
    'printf \'%s\' "$OPSDECK_CLOUD_ID_TOKEN" > "$token_file"',
    'AWS_WEB_IDENTITY_TOKEN_FILE="$token_file"',
    'AWS_ROLE_ARN="$OPSDECK_AWS_ROLE_ARN"',
    'AWS_REGION="$OPSDECK_AWS_REGION"',
    'AWS_ROLE_SESSION_NAME="opsdeck-$OPSDECK_RUN_ID"',
    'export AWS_WEB_IDENTITY_TOKEN_FILE AWS_ROLE_ARN AWS_REGION AWS_ROLE_SESSION_NAME',
    'aws sts get-caller-identity > /dev/null',
    'echo "Signed in to AWS as $OPSDECK_AWS_ROLE_ARN"',
  ].join('\n'),
  gcp: [
    'token_file=$(mktemp)',
    'printf \'%s\' "$OPSDECK_CLOUD_ID_TOKEN" > "$token_file"',
    'gcloud iam workload-identity-pools create-cred-config "$OPSDECK_GCP_WORKLOAD_IDENTITY_PROVIDER" \\',
    '  --service-account="$OPSDECK_GCP_SERVICE_ACCOUNT" \\',
    '  --credential-source-file="$token_file" --output-file="$token_file.json"',
    'gcloud auth login --cred-file="$token_file.json" --quiet',
    'GOOGLE_APPLICATION_CREDENTIALS="$token_file.json"',
    'export GOOGLE_APPLICATION_CREDENTIALS',
    'echo "Signed in to Google Cloud as $OPSDECK_GCP_SERVICE_ACCOUNT"',
  ].join('\n'),
  azure: [
    'az login --service-principal --username "$OPSDECK_AZURE_CLIENT_ID" \\',
    '  --tenant "$OPSDECK_AZURE_TENANT_ID" --federated-token "$OPSDECK_CLOUD_ID_TOKEN" --output none',
    'az account set --subscription "$OPSDECK_AZURE_SUBSCRIPTION_ID"',
    'echo "Signed in to Azure subscription $OPSDECK_AZURE_SUBSCRIPTION_ID"',
  ].join('\n'),
} as const;

/** Audience of the CI OIDC token each cloud expects. */
export function cloudTokenAudience(
  provider: 'aws' | 'gcp' | 'azure',
  workloadIdentityProvider?: string,
): string {
  switch (provider) {
    case 'aws':
      return 'sts.amazonaws.com';
    case 'gcp':
      return `https://iam.googleapis.com/${workloadIdentityProvider}`;
    case 'azure':
      return 'api://AzureADTokenExchange';
    default:
      throw new Error(`unknown provider ${provider satisfies never}`);
  }
}
