import { z } from 'zod';
import { parseParameters } from '../shared/parseParameters';
import {
  BUILD_TOOLS,
  DEFAULT_LANGUAGE_VERSIONS,
  BuildTool,
  Language,
  LANGUAGES,
} from '../pipeline/parameters';
import { DNS_LABEL, explainUnsafeText, safeText } from '../pipeline/safeText';

const ALL_BUILD_TOOLS = Object.values(BUILD_TOOLS).flat() as [
  BuildTool,
  ...BuildTool[],
];

const DEFAULT_ENTRYPOINTS: Record<Language, string> = {
  node: 'dist/index.js',
  python: 'app',
  go: '.',
  java: 'app.jar',
};

const ENTRYPOINT_RULES = {
  node: {
    description:
      'the script node runs, a relative path such as dist/index.js or server.mjs',
    pattern: /^(?!\/)(?!.*\/\/)[A-Za-z0-9_-][A-Za-z0-9._/-]*\.(js|mjs|cjs)$/,
    maxLength: 200,
    path: true,
  },
  python: {
    description:
      'the module python -m runs, a dotted Python module name such as app or checkout.server',
    pattern: /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/,
    maxLength: 200,
  },
  go: {
    description:
      'the package go build compiles, . or a relative package path such as ./cmd/server',
    pattern: /^\.(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/,
    maxLength: 200,
    path: true,
  },
  java: {
    description: 'app.jar (Java images run the jar the build produced)',
    pattern: /^app\.jar$/,
    maxLength: 7,
  },
} as const;

const digest = safeText({
  description: 'an image digest: sha256: followed by 64 lowercase hex digits',
  pattern: /^sha256:[0-9a-f]{64}$/,
  maxLength: 71,
});

/**
 * Parameters of a generated Dockerfile. The language and build tool
 * vocabulary is the pipeline model's, so a template passes the same values to
 * both.
 *
 * @public
 */
export const dockerfileParametersSchema = z
  .object({
    name: safeText(DNS_LABEL),
    language: z.enum(LANGUAGES),
    buildTool: z.enum(ALL_BUILD_TOOLS).optional(),
    languageVersion: safeText({
      description: 'a version number such as 22, 3.12 or 1.23.4',
      pattern: /^[0-9]{1,3}(\.[0-9]{1,3}){0,2}$/,
      maxLength: 11,
    }).optional(),
    port: z.number().int().min(1).max(65535).default(8080),
    runtime: z.enum(['distroless', 'slim']).default('distroless'),
    healthcheck: z.boolean().default(true),
    healthcheckPath: safeText({
      description: 'an HTTP path such as /healthz',
      pattern: /^\/[A-Za-z0-9._~/-]*$/,
      maxLength: 100,
    }).default('/healthz'),
    entrypoint: z.string().optional(),
    uid: z.number().int().min(1000).max(2147483646).default(65532),
    digests: z
      .object({ builder: digest.optional(), runtime: digest.optional() })
      .strict()
      .default({}),
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
    if (value.entrypoint !== undefined) {
      const problem = explainUnsafeText(
        value.entrypoint,
        ENTRYPOINT_RULES[value.language],
      );
      if (problem) {
        ctx.addIssue({
          code: 'custom',
          path: ['entrypoint'],
          message: problem,
        });
      }
    }
  });

/** @public */
export type DockerfileParametersInput = z.input<
  typeof dockerfileParametersSchema
>;

/**
 * The validated Dockerfile model.
 *
 * @public
 */
export type DockerfileModel = Omit<
  z.output<typeof dockerfileParametersSchema>,
  'buildTool' | 'languageVersion' | 'entrypoint'
> & {
  buildTool: BuildTool;
  languageVersion: string;
  entrypoint: string;
};

/**
 * Validates raw parameters into a {@link DockerfileModel}.
 *
 * @throws InputError naming every invalid parameter and why.
 * @public
 */
export function parseDockerfileParameters(input: unknown): DockerfileModel {
  const parsed = parseParameters(
    dockerfileParametersSchema,
    input,
    'Dockerfile',
  );
  const value = parsed;
  return {
    ...value,
    buildTool: (value.buildTool ?? BUILD_TOOLS[value.language][0]) as BuildTool,
    languageVersion:
      value.languageVersion ?? DEFAULT_LANGUAGE_VERSIONS[value.language],
    entrypoint: value.entrypoint ?? DEFAULT_ENTRYPOINTS[value.language],
  };
}
