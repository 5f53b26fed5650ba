import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { CostBillingSource } from '@opsdeck/plugin-cost-node';
import { CostImportLocation } from '../config';
import { CostImporter } from './CostImporter';

const URL_PATTERN = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Imports the configured FOCUS locations and the exports of the billing
 * sources added by modules on a schedule. The task runs with
 * `scope: 'global'`, so one replica runs each import at a time.
 */
export class ScheduledCostImports {
  private constructor(
    private readonly importer: CostImporter,
    private readonly urlReader: UrlReaderService,
    private readonly logger: LoggerService,
    private readonly sources: CostBillingSource[],
  ) {}

  static create(options: {
    importer: CostImporter;
    urlReader: UrlReaderService;
    logger: LoggerService;
    sources?: CostBillingSource[];
  }) {
    return new ScheduledCostImports(
      options.importer,
      options.urlReader,
      options.logger,
      options.sources ?? [],
    );
  }

  async schedule(
    scheduler: SchedulerService,
    locations: CostImportLocation[],
    schedule: SchedulerServiceTaskScheduleDefinition,
  ): Promise<void> {
    if (locations.length === 0 && this.sources.length === 0) {
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

  /**
   * Imports each location, then each export of each billing source; a
   * failing one is logged and does not stop the others.
   */
  async importAll(locations: CostImportLocation[]): Promise<void> {
    for (const location of locations) {
      await this.importOne(location.source, () => this.open(location.target));
    }
    for (const source of this.sources) {
      let exports;
      try {
        exports = await source.listExports();
      } catch (error) {
        this.logger.error(
          `Billing source ${source.id} failed to list exports: ${
            (error as Error).message
          }`,
        );
        continue;
      }
      for (const billingExport of exports) {
        await this.importOne(billingExport.source, () => billingExport.open());
      }
    }
  }

  private async importOne(source: string, open: () => Promise<Readable>) {
    try {
      await this.importer.importFile(source, await open());
    } catch (error) {
      this.logger.error(
        `Cost import of ${source} failed: ${(error as Error).message}`,
      );
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
