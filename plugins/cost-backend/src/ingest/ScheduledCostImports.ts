import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { CostImportLocation } from '../config';
import { CostImporter } from './CostImporter';

const URL_PATTERN = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Imports the configured FOCUS locations on a schedule. The task runs with
 * `scope: 'global'`, so one replica runs each import at a time.
 */
export class ScheduledCostImports {
  private constructor(
    private readonly importer: CostImporter,
    private readonly urlReader: UrlReaderService,
    private readonly logger: LoggerService,
  ) {}

  static create(options: {
    importer: CostImporter;
    urlReader: UrlReaderService;
    logger: LoggerService;
  }) {
    return new ScheduledCostImports(
      options.importer,
      options.urlReader,
      options.logger,
    );
  }

  async schedule(
    scheduler: SchedulerService,
    locations: CostImportLocation[],
    schedule: SchedulerServiceTaskScheduleDefinition,
  ): Promise<void> {
    if (locations.length === 0) {
      return;
    }
    await scheduler.scheduleTask({
      id: 'cost-focus-imports',
      scope: 'global',
      ...schedule,
      fn: async () => {
        await this.importAll(locations);
      },
    });
  }

  /** Imports each location; a failing one is logged and does not stop the others. */
  async importAll(locations: CostImportLocation[]): Promise<void> {
    for (const location of locations) {
      try {
        await this.importer.importFile(
          location.source,
          await this.open(location.target),
        );
      } catch (error) {
        this.logger.error(
          `Cost import of ${location.source} failed: ${
            (error as Error).message
          }`,
        );
      }
    }
  }

  private async open(target: string): Promise<Readable> {
    if (URL_PATTERN.test(target)) {
      const response = await this.urlReader.readUrl(target);
      return response.stream
        ? response.stream()
        : Readable.from(await response.buffer());
    }
    return createReadStream(resolve(target));
  }
}
