import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { z } from 'zod';

/** One Argo CD instance from config. */
export interface ArgoCdInstance {
  name: string;
  url: string;
  token: string;
  environment: string;
}

const applicationSchema = z.object({
  metadata: z.object({ name: z.string() }),
  status: z
    .object({
      sync: z
        .object({
          status: z.string().optional(),
          revision: z.string().optional(),
        })
        .optional(),
      health: z.object({ status: z.string().optional() }).optional(),
      operationState: z
        .object({
          phase: z.string().optional(),
          startedAt: z.string().optional(),
          finishedAt: z.string().optional(),
        })
        .optional(),
      history: z
        .array(
          z.object({
            id: z.number().int(),
            revision: z.string().optional(),
            deployedAt: z.string(),
            deployStartedAt: z.string().optional(),
          }),
        )
        .optional(),
    })
    .optional(),
});

/** The parts of an Argo CD Application the provider reads. */
export type ArgoCdApplication = z.infer<typeof applicationSchema>;

const resourceTreeSchema = z.object({
  nodes: z
    .array(
      z.object({
        group: z.string().optional(),
        kind: z.string(),
        name: z.string(),
        namespace: z.string().optional(),
        version: z.string().optional(),
      }),
    )
    .optional(),
});

const resourceSchema = z.object({ manifest: z.string() });

const rolloutSchema = z.object({
  spec: z.object({
    strategy: z.object({
      canary: z
        .object({
          steps: z
            .array(z.object({ setWeight: z.number().optional() }))
            .optional(),
        })
        .optional(),
      blueGreen: z.object({}).passthrough().optional(),
    }),
  }),
  status: z
    .object({
      phase: z.string().optional(),
      abort: z.boolean().optional(),
      currentStepIndex: z.number().int().min(0).optional(),
      currentPodHash: z.string().optional(),
      stableRS: z.string().optional(),
      canary: z
        .object({
          weights: z
            .object({
              canary: z.object({ weight: z.number().optional() }).optional(),
            })
            .optional(),
        })
        .optional(),
    })
    .optional(),
});

/** The parts of an Argo Rollouts `Rollout` the provider reads. */
export type ArgoRollout = z.infer<typeof rolloutSchema>;

const TIMEOUT_MS = 10_000;

/**
 * Argo CD REST API client (`/api/v1/applications`), mapping failures to
 * `@backstage/errors`.
 */
export class ArgoCdClient {
  static create(instance: ArgoCdInstance): ArgoCdClient {
    return new ArgoCdClient(instance);
  }

  private constructor(readonly instance: ArgoCdInstance) {}

  async getApplication(name: string): Promise<ArgoCdApplication> {
    const body = await this.#request('GET', name, '');
    const parsed = applicationSchema.safeParse(body);
    if (!parsed.success) {
      throw this.#unexpected('application', name);
    }
    return parsed.data;
  }

  /**
   * The application's Argo Rollouts `Rollout`, found in its resource tree and
   * read live through Argo CD; undefined when the application has none.
   */
  async getRollout(name: string): Promise<ArgoRollout | undefined> {
    const tree = resourceTreeSchema.safeParse(
      await this.#request('GET', name, '/resource-tree'),
    );
    if (!tree.success) {
      throw this.#unexpected('resource tree', name);
    }
    const node = tree.data.nodes?.find(
      n => n.group === 'argoproj.io' && n.kind === 'Rollout',
    );
    if (!node) return undefined;
    const query = new URLSearchParams({
      namespace: node.namespace ?? '',
      resourceName: node.name,
      group: 'argoproj.io',
      kind: 'Rollout',
      version: node.version ?? 'v1alpha1',
    });
    const resource = resourceSchema.safeParse(
      await this.#request('GET', name, `/resource?${query}`),
    );
    let manifest: unknown;
    try {
      manifest = resource.success ? JSON.parse(resource.data.manifest) : null;
    } catch {
      manifest = null;
    }
    const rollout = rolloutSchema.safeParse(manifest);
    if (!rollout.success) {
      throw this.#unexpected('Rollout', name);
    }
    return rollout.data;
  }

  #unexpected(what: string, name: string): ServiceUnavailableError {
    return new ServiceUnavailableError(
      `Argo CD ${this.instance.name} answered an unexpected ${what} shape for ${name}`,
    );
  }

  async rollback(name: string, historyId: number): Promise<void> {
    await this.#request('POST', name, '/rollback', { id: historyId });
  }

  async #request(
    method: 'GET' | 'POST',
    name: string,
    suffix: string,
    body?: unknown,
  ): Promise<unknown> {
    const url = `${this.instance.url.replace(
      /\/+$/,
      '',
    )}/api/v1/applications/${encodeURIComponent(name)}${suffix}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          Authorization: `Bearer ${this.instance.token}`,
          ...(body ? { 'Content-Type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new ServiceUnavailableError(
        `Argo CD ${this.instance.name} is unreachable: ${
          (error as Error).message
        }`,
      );
    }
    if (response.status === 404) {
      throw new NotFoundError(
        `Argo CD ${this.instance.name} has no application ${JSON.stringify(
          name,
        )}`,
      );
    }
    if (response.status === 401 || response.status === 403) {
      throw new ServiceUnavailableError(
        `Argo CD ${this.instance.name} rejected the configured token (HTTP ${response.status})`,
      );
    }
    if (!response.ok) {
      throw new ServiceUnavailableError(
        `Argo CD ${this.instance.name} answered HTTP ${response.status}`,
      );
    }
    const text = await response.text();
    try {
      return text ? JSON.parse(text) : {};
    } catch {
      throw new ServiceUnavailableError(
        `Argo CD ${this.instance.name} answered something that is not JSON`,
      );
    }
  }
}
