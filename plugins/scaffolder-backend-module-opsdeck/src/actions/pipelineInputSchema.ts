import type { z as zImpl } from 'zod/v3';

type Z = typeof zImpl;

/**
 * The pipeline parameters as the scaffolder shows them (installed-actions
 * page, template editor). The handler validates them strictly with
 * `parsePipelineParameters`, which gives precise errors.
 */
export const pipelineInputSchema = {
  name: (z: Z) =>
    z.string().describe('Service name: a lowercase DNS label, e.g. checkout'),
  entityRef: (z: Z) =>
    z
      .string()
      .optional()
      .describe(
        'Catalog entity deployments are reported for (default component:default/<name>)',
      ),
  language: (z: Z) =>
    z.enum(['node', 'python', 'go', 'java']).describe('Language'),
  buildTool: (z: Z) =>
    z
      .enum(['npm', 'pnpm', 'yarn', 'pip', 'poetry', 'go', 'maven', 'gradle'])
      .optional()
      .describe(
        'Build tool (node: npm|pnpm|yarn, python: pip|poetry, go: go, java: maven|gradle)',
      ),
  languageVersion: (z: Z) =>
    z
      .string()
      .optional()
      .describe(
        'Toolchain version, e.g. 22, 3.12, 1.25, 21 (GitLab CI and Jenkins: only versions with a digest-pinned image: node 22, 24; python 3.12, 3.13; go 1.25, 1.26; java 21, and 17 with Gradle)',
      ),
  defaultBranch: (z: Z) =>
    z.string().optional().describe('Branch that deploys (default main)'),
  lint: (z: Z) =>
    z.boolean().optional().describe('Run a lint job (default true)'),
  testShards: (z: Z) =>
    z
      .number()
      .int()
      .min(1)
      .max(16)
      .optional()
      .describe('Unit tests split into this many parallel shards (default 1)'),
  caching: (z: Z) =>
    z.boolean().optional().describe('Cache dependencies (default true)'),
  container: (z: Z) =>
    z
      .object({
        registry: z.string().describe('Registry host, e.g. ghcr.io'),
        image: z.string().describe('Image repository, e.g. acme/checkout'),
        dockerfile: z.string().optional().describe('Default Dockerfile'),
        context: z.string().optional().describe('Build context, default .'),
        target: z.string().optional().describe('Multi-stage build target'),
      })
      .optional()
      .describe('Build and push a container image with a registry layer cache'),
  security: (z: Z) =>
    z
      .object({
        sast: z.boolean().optional(),
        secretScan: z.boolean().optional(),
        imageScan: z.boolean().optional(),
        sbom: z.boolean().optional(),
      })
      .optional()
      .describe('Security stages (all on by default)'),
  environments: (z: Z) =>
    z
      .array(
        z.object({
          name: z.string(),
          approval: z.boolean().optional(),
          url: z.string().optional(),
        }),
      )
      .optional()
      .describe(
        'Deploy environments in order (default staging, then production with approval)',
      ),
  strategy: (z: Z) =>
    z
      .enum(['rolling', 'blue-green', 'canary'])
      .optional()
      .describe('Deployment strategy (default rolling)'),
  canaryWeights: (z: Z) =>
    z
      .array(z.number())
      .optional()
      .describe('Canary traffic steps in percent (default 10, 50, 100)'),
  deployScript: (z: Z) =>
    z
      .string()
      .optional()
      .describe(
        'Repository script each deploy step runs (default deploy/deploy.sh)',
      ),
  timeoutMinutes: (z: Z) =>
    z.number().int().optional().describe('Job timeout in minutes (default 30)'),
  cloud: (z: Z) =>
    z
      .object({
        provider: z.enum(['aws', 'gcp', 'azure']),
        roleArn: z.string().optional(),
        region: z.string().optional(),
        workloadIdentityProvider: z.string().optional(),
        serviceAccount: z.string().optional(),
        clientId: z.string().optional(),
        tenantId: z.string().optional(),
        subscriptionId: z.string().optional(),
      })
      .optional()
      .describe('Cloud access for deploy jobs, through OIDC only'),
  portal: (z: Z) =>
    z
      .object({
        baseUrl: z.string(),
        auth: z.enum(['token', 'oidc']).optional(),
        tokenSecretName: z.string().optional(),
        audience: z.string().optional(),
        reportDeployments: z.boolean().optional(),
        errorBudgetGate: z.boolean().optional(),
        minRemainingBudget: z.number().optional(),
      })
      .optional()
      .describe(
        'Opsdeck portal wiring: deployment reports and the error-budget gate',
      ),
  targetPath: (z: Z) =>
    z
      .string()
      .optional()
      .describe('Workspace sub-directory holding the repository (default .)'),
};

/** Keys of the action input that are not pipeline parameters. */
export const FILE_INPUT_KEYS = ['targetPath', 'workflowFile'] as const;

/** The pipeline parameters of an action input, without the file options. */
export function pipelineParametersOf(
  input: Record<string, unknown>,
): Record<string, unknown> {
  const parameters: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (
      value !== undefined &&
      !(FILE_INPUT_KEYS as readonly string[]).includes(key)
    ) {
      parameters[key] = value;
    }
  }
  return parameters;
}
