import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { explainUnsafeText, REPO_PATH } from '../pipeline/safeText';
import { generateVaultPolicy } from '../vault/vaultPolicy';
import { pipelineInputSchema } from './pipelineInputSchema';
import { examples } from './vaultPolicy.examples';
import { writeFilesAndReport } from './writeGeneratedFiles';

/**
 * `opsdeck:vault:policy`: writes least-privilege Vault policies and the
 * Terraform for Kubernetes auth roles bound to the service's ServiceAccount.
 *
 * @public
 */
export function createVaultPolicyAction() {
  return createTemplateAction({
    id: 'opsdeck:vault:policy',
    description:
      'Writes a least-privilege Vault policy per environment (KV v2 data/ and metadata/ under the service prefix, read-only by default) and Terraform for Kubernetes auth roles bound to the service ServiceAccount and namespace',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: pipelineInputSchema.name,
        serviceAccount: z =>
          z
            .string()
            .optional()
            .describe('Kubernetes ServiceAccount (default: the name)'),
        environments: z =>
          z
            .array(
              z.object({
                name: z.string(),
                namespace: z.string().optional(),
              }),
            )
            .optional()
            .describe(
              'Environments, each with its namespace (default <name>-<environment>); default staging and production',
            ),
        kvMount: z =>
          z.string().optional().describe('KV v2 mount path (default secret)'),
        secretPrefix: z =>
          z
            .string()
            .optional()
            .describe('Secret path prefix under the mount (default: the name)'),
        access: z =>
          z
            .enum(['read', 'read-write'])
            .optional()
            .describe('Secret access (default read)'),
        authMount: z =>
          z
            .string()
            .optional()
            .describe('Kubernetes auth mount path (default kubernetes)'),
        audience: z =>
          z
            .string()
            .optional()
            .describe('Audience of the ServiceAccount token (default vault)'),
        tokenTtlSeconds: z =>
          z.number().int().optional().describe('Token TTL (default 3600)'),
        tokenMaxTtlSeconds: z =>
          z
            .number()
            .int()
            .optional()
            .describe('Token maximum TTL (default 14400)'),
        directory: z =>
          z
            .string()
            .optional()
            .describe(
              'Directory of the files in the repository (default vault)',
            ),
        targetPath: pipelineInputSchema.targetPath,
      },
      output: {
        files: z => z.array(z.string()).describe('Files written'),
        policies: z => z.array(z.string()).describe('Policy names'),
        roles: z =>
          z
            .array(
              z.object({
                role: z.string(),
                serviceAccount: z.string(),
                namespace: z.string(),
                secretPath: z.string(),
              }),
            )
            .describe('Kubernetes auth roles and what each may read'),
      },
    },
    async handler(ctx) {
      const { targetPath, directory = 'vault', ...parameters } = ctx.input;
      const problem = explainUnsafeText(directory, REPO_PATH);
      if (problem) {
        throw new InputError(`directory ${problem}`);
      }
      const generated = generateVaultPolicy(parameters);
      await writeFilesAndReport(
        ctx,
        targetPath,
        Object.entries(generated.files).map(([file, content]) => ({
          path: `${directory}/${file}`,
          content,
        })),
      );
      for (const role of generated.roles) {
        ctx.logger.info(
          `Role ${role.role}: ServiceAccount ${role.serviceAccount} in ${role.namespace} may read ${role.secretPath}/`,
        );
      }
      ctx.output('policies', generated.policies);
      ctx.output('roles', generated.roles);
    },
  });
}
