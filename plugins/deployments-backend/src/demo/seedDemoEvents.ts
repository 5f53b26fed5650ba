import { promises as fs } from 'node:fs';
import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  DEPLOYMENT_EVENTS_BATCH_LIMIT,
  DeploymentEvent,
  deploymentEventBatchSchema,
} from '@opsdeck/plugin-deployments-common';
import { z } from 'zod';
import { UnknownEntityError } from '../errors';
import type { DeploymentIngestionService } from '../services/DeploymentIngestionService';
import { describeZodError } from '../services/describeZodError';

const seedFileSchema = z.object({
  events: z.array(z.unknown()).min(1),
});

/**
 * Reads a seed file of deployment events, optionally moved in time so the
 * newest event is at `now`.
 */
export async function readSeedFile(
  path: string,
  options: { shiftToNow: boolean; now?: Date },
): Promise<DeploymentEvent[]> {
  const raw = JSON.parse(await fs.readFile(path, 'utf8'));
  const { events: items } = seedFileSchema.parse(raw);
  const events: DeploymentEvent[] = [];
  for (let i = 0; i < items.length; i += DEPLOYMENT_EVENTS_BATCH_LIMIT) {
    const parsed = deploymentEventBatchSchema.safeParse({
      events: items.slice(i, i + DEPLOYMENT_EVENTS_BATCH_LIMIT),
    });
    if (!parsed.success) {
      throw new InputError(
        `Seed file ${path} (events from ${i}): ${describeZodError(
          parsed.error,
        )}`,
      );
    }
    events.push(...parsed.data.events);
  }
  if (!options.shiftToNow) return events;
  const newest = Math.max(...events.map(e => Date.parse(e.timestamp)));
  const shift = (options.now ?? new Date()).getTime() - newest;
  const move = (iso: string) => new Date(Date.parse(iso) + shift).toISOString();
  return events.map(e => ({
    ...e,
    timestamp: move(e.timestamp),
    commitTime: e.commitTime ? move(e.commitTime) : undefined,
  }));
}

/**
 * Ingests the seed events entity by entity through the normal ingestion
 * code; entities the catalog has not processed yet are retried until it has
 * (events are idempotent, so retries never duplicate).
 */
export async function seedDemoEvents(options: {
  path: string;
  shiftToNow: boolean;
  ingestion: DeploymentIngestionService;
  logger: LoggerService;
  retryDelayMs?: number;
  maxAttempts?: number;
}): Promise<void> {
  const { logger, ingestion } = options;
  const events = await readSeedFile(options.path, {
    shiftToNow: options.shiftToNow,
  });
  const byEntity = new Map<string, DeploymentEvent[]>();
  for (const event of events) {
    byEntity.set(event.entityRef, [
      ...(byEntity.get(event.entityRef) ?? []),
      event,
    ]);
  }
  let pending = [...byEntity.keys()];
  const maxAttempts = options.maxAttempts ?? 60;
  for (let attempt = 1; pending.length > 0; attempt++) {
    const waiting: string[] = [];
    for (const entityRef of pending) {
      const list = byEntity.get(entityRef)!;
      try {
        for (let i = 0; i < list.length; i += DEPLOYMENT_EVENTS_BATCH_LIMIT) {
          await ingestion.ingestEvents(
            list.slice(i, i + DEPLOYMENT_EVENTS_BATCH_LIMIT),
            'demo',
          );
        }
        logger.info('Seeded demo deployment events', {
          entityRef,
          events: list.length,
        });
      } catch (error) {
        if (!(error instanceof UnknownEntityError)) throw error;
        waiting.push(entityRef);
      }
    }
    pending = waiting;
    if (pending.length > 0) {
      if (attempt >= maxAttempts) {
        logger.warn('Gave up seeding demo deployments for unknown entities', {
          entities: pending.join(', '),
        });
        return;
      }
      await new Promise(r => setTimeout(r, options.retryDelayMs ?? 5000));
    }
  }
}
