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
      throw new ServiceUnavailableError(
        `Argo CD ${this.instance.name} answered an unexpected application shape for ${name}`,
      );
    }
    return parsed.data;
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
