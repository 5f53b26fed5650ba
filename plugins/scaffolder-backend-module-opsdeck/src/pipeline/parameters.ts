import { InputError } from '@backstage/errors';
import { DEPLOYMENT_STRATEGIES } from '@opsdeck/plugin-deployments-common';
import { z } from 'zod';
import { DNS_LABEL, REPO_PATH, safeText } from './safeText';

/** @public */
export const LANGUAGES = ['node', 'python', 'go', 'java'] as const;

/** @public */
export const BUILD_TOOLS = {
  node: ['npm', 'pnpm', 'yarn'],
  python: ['pip', 'poetry'],
  go: ['go'],
  java: ['maven', 'gradle'],
} as const;

/** @public */
export type Language = (typeof LANGUAGES)[number];

/** @public */
export type BuildTool = (typeof BUILD_TOOLS)[Language][number];

const ALL_BUILD_TOOLS = [
  'npm',
  'pnpm',
  'yarn',
  'pip',
  'poetry',
  'go',
  'maven',
  'gradle',
] as const;

/** Toolchain version of each language when none is given. */
export const DEFAULT_LANGUAGE_VERSIONS: Record<Language, string> = {
  node: '22',
  python: '3.12',
  go: '1.25',
  java: '21',
};

/**
 * Deployment strategies: the ones the deployments backend records.
 *
 * @public
 */
export const DEPLOY_STRATEGIES = DEPLOYMENT_STRATEGIES;

/** @public */
export type DeployStrategyName = (typeof DEPLOY_STRATEGIES)[number];

const LOWER_NAME = (max: number) => ({
  description: `lowercase letters, digits, '.', '_' or '-' (at most ${max} characters)`,
  pattern: /^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$/,
  maxLength: max,
});

const entityRef = safeText({
  description:
    'an entity ref like component:default/my-service (kind component, resource, system or api)',
  pattern:
    /^(component|resource|system|api):[a-z0-9]([a-z0-9._-]*[a-z0-9])?\/[a-z0-9]([a-z0-9._-]*[a-z0-9])?$/,
  maxLength: 200,
});

const branch = safeText({
  description:
    "a git branch name of letters, digits, '.', '_', '-' and '/' (no '..', no glob characters, not ending in .lock or /)",
  pattern:
    /^(?!.*\.\.)(?!.*\/\/)(?!.*\.lock$)(?!.*[/.]$)[A-Za-z0-9][A-Za-z0-9._/-]*$/,
  maxLength: 100,
});

const registry = safeText({
  description:
    'a registry host name with an optional port, e.g. ghcr.io or registry.example.com:5000',
  pattern:
    /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?$/,
  maxLength: 253,
});

const imageName = safeText({
  description:
    "an image repository path of lowercase letters, digits, '.', '_', '-' separated by '/', e.g. acme/checkout",
  pattern: /^[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/,
  maxLength: 200,
});

const dockerTarget = safeText({
  description: "a Dockerfile stage name (letters, digits, '_' and '-')",
  pattern: /^[A-Za-z][A-Za-z0-9_-]*$/,
  maxLength: 63,
});

const httpsUrl = safeText({
  description:
    'an https URL without credentials, query or fragment, e.g. https://portal.example.com (http is accepted for localhost only)',
  pattern:
    /^(https:\/\/[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*|http:\/\/(localhost|127\.0\.0\.1))(:[0-9]{1,5})?(\/[A-Za-z0-9._~-]+)*\/?$/,
  maxLength: 500,
});

const secretName = safeText({
  description:
    'an upper-case secret or credential name (A-Z, 0-9, _), e.g. OPSDECK_TOKEN',
  pattern: /^[A-Z][A-Z0-9_]*$/,
  maxLength: 64,
});

const uuid = safeText({
  description: 'a UUID such as 00000000-0000-0000-0000-000000000000',
  pattern: /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/,
  maxLength: 36,
});

const cloudSchema = z.discriminatedUnion('provider', [
  z
    .object({
      provider: z.literal('aws'),
      roleArn: safeText({
        description:
          'an IAM role ARN such as arn:aws:iam::123456789012:role/deploy',
        pattern:
          /^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role\/[A-Za-z0-9+=,.@_-]+(\/[A-Za-z0-9+=,.@_-]+)*$/,
        maxLength: 300,
      }),
      region: safeText({
        description: 'an AWS region such as eu-west-1',
        pattern: /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$/,
        maxLength: 30,
      }),
    })
    .strict(),
  z
    .object({
      provider: z.literal('gcp'),
      workloadIdentityProvider: safeText({
        description:
          'a workload identity provider resource name: projects/<number>/locations/global/workloadIdentityPools/<pool>/providers/<provider>',
        pattern:
          /^projects\/[0-9]{1,20}\/locations\/global\/workloadIdentityPools\/[a-z0-9-]{4,32}\/providers\/[a-z0-9-]{4,32}$/,
        maxLength: 300,
      }),
      serviceAccount: safeText({
        description:
          'a service account e-mail such as deploy@project.iam.gserviceaccount.com',
        pattern: /^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z0-9-]+(\.[a-z0-9-]+)+$/,
        maxLength: 200,
      }),
    })
    .strict(),
  z
    .object({
      provider: z.literal('azure'),
      clientId: uuid,
      tenantId: uuid,
      subscriptionId: uuid,
    })
    .strict(),
]);

const environmentSchema = z
  .object({
    name: safeText(DNS_LABEL),
    approval: z.boolean().default(false),
    url: httpsUrl.optional(),
  })
  .strict();

const portalSchema = z
  .object({
    baseUrl: httpsUrl,
    auth: z.enum(['token', 'oidc']).default('token'),
    tokenSecretName: secretName.default('OPSDECK_TOKEN'),
    audience: safeText(LOWER_NAME(100)).default('opsdeck'),
    reportDeployments: z.boolean().default(true),
    errorBudgetGate: z.boolean().default(true),
    minRemainingBudget: z.number().min(0).max(1).optional(),
  })
  .strict();

const securitySchema = z
  .object({
    sast: z.boolean().default(true),
    secretScan: z.boolean().default(true),
    imageScan: z.boolean().default(true),
    sbom: z.boolean().default(true),
  })
  .strict();

/**
 * Every parameter of a generated pipeline. Free text is limited to strict
 * ASCII forms so that it can never break out of the YAML or Groovy it lands in.
 *
 * @public
 */
export const pipelineParametersSchema = z
  .object({
    name: safeText(DNS_LABEL),
    entityRef: entityRef.optional(),
    language: z.enum(LANGUAGES),
    buildTool: z.enum(ALL_BUILD_TOOLS).optional(),
    languageVersion: safeText({
      description: 'a version number such as 22, 3.12 or 1.23.4',
      pattern: /^[0-9]{1,3}(\.[0-9]{1,3}){0,2}$/,
      maxLength: 11,
    }).optional(),
    defaultBranch: branch.default('main'),
    lint: z.boolean().default(true),
    testShards: z.number().int().min(1).max(16).default(1),
    caching: z.boolean().default(true),
    container: z
      .object({
        registry,
        image: imageName,
        dockerfile: safeText(REPO_PATH).default('Dockerfile'),
        context: z.union([z.literal('.'), safeText(REPO_PATH)]).default('.'),
        target: dockerTarget.optional(),
      })
      .strict()
      .optional(),
    security: securitySchema.default({
      sast: true,
      secretScan: true,
      imageScan: true,
      sbom: true,
    }),
    environments: z
      .array(environmentSchema)
      .max(8)
      .default([
        { name: 'staging', approval: false },
        { name: 'production', approval: true },
      ]),
    strategy: z.enum(DEPLOY_STRATEGIES).default('rolling'),
    canaryWeights: z
      .array(z.number().int().min(1).max(100))
      .min(1)
      .max(10)
      .default([10, 50, 100]),
    deployScript: safeText(REPO_PATH).default('deploy/deploy.sh'),
    timeoutMinutes: z.number().int().min(5).max(360).default(30),
    cloud: cloudSchema.optional(),
    portal: portalSchema.optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.buildTool) {
      const allowed = BUILD_TOOLS[value.language] as readonly string[];
      if (!allowed.includes(value.buildTool)) {
        ctx.addIssue({
          code: 'custom',
          path: ['buildTool'],
          message: `must be one of ${allowed.join(', ')} for ${value.language}`,
        });
      }
    }
    const seen = new Set<string>();
    value.environments.forEach((environment, index) => {
      if (seen.has(environment.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['environments', index, 'name'],
          message: `duplicates environment '${environment.name}'`,
        });
      }
      seen.add(environment.name);
    });
    const weights = value.canaryWeights;
    if (
      weights.some((w, i) => i > 0 && w <= weights[i - 1]) ||
      weights[weights.length - 1] !== 100
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['canaryWeights'],
        message: 'must be strictly increasing and end at 100',
      });
    }
  });

/** @public */
export type PipelineParametersInput = z.input<typeof pipelineParametersSchema>;

/** @public */
export type CloudAccess = z.output<typeof cloudSchema>;

/** @public */
export type PortalWiring = z.output<typeof portalSchema>;

/** @public */
export type DeployEnvironment = z.output<typeof environmentSchema>;

/**
 * The validated pipeline model every generator renders.
 *
 * @public
 */
export type PipelineModel = Omit<
  z.output<typeof pipelineParametersSchema>,
  'buildTool' | 'languageVersion' | 'entityRef'
> & {
  buildTool: BuildTool;
  languageVersion: string;
  entityRef: string;
};

export function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length > 0 ? issue.path.join('.') : 'parameters';
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    message = `unknown parameter(s) ${issue.keys.join(', ')}`;
  }
  return `${path} ${message}`;
}

/**
 * Validates raw parameters into a {@link PipelineModel}.
 *
 * @throws InputError naming every invalid parameter and why.
 * @public
 */
export function parsePipelineParameters(input: unknown): PipelineModel {
  const result = pipelineParametersSchema.safeParse(input);
  if (!result.success) {
    throw new InputError(
      `Invalid pipeline parameters: ${result.error.issues
        .map(describeIssue)
        .join('; ')}`,
    );
  }
  const value = result.data;
  return {
    ...value,
    buildTool: (value.buildTool ?? BUILD_TOOLS[value.language][0]) as BuildTool,
    languageVersion:
      value.languageVersion ?? DEFAULT_LANGUAGE_VERSIONS[value.language],
    entityRef: value.entityRef ?? `component:default/${value.name}`,
  };
}
