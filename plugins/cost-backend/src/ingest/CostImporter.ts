import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  CostImportRejection,
  CostImportResponse,
  FocusProblem,
  FocusRowValidator,
  roundCents,
} from '@opsdeck/plugin-cost-common';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { CostStore } from '../database/CostStore';
import { DailyAggregator } from './DailyAggregator';
import { FocusFileError, FocusFormatReader } from '@opsdeck/plugin-cost-node';
import { peekStream } from './peekStream';
import { csvFocusReader } from './readFocusCsv';

/** Problems listed in a rejection; the rest are only counted. */
export const MAX_LISTED_PROBLEMS = 20;

const SOURCE_PATTERN = /^[\w.:/@+-]{1,512}$/;

/**
 * Imports FOCUS files into a {@link CostStore}: streams and validates every
 * row, stages partial daily aggregates, and replaces the billing periods of
 * the source atomically when the whole file is valid. A file with any
 * problem changes nothing and is rejected with its first problems.
 */
export class CostImporter {
  private constructor(
    private readonly store: CostStore,
    private readonly logger: LoggerService,
    private readonly maxAggregateKeys: number,
    private readonly readers: FocusFormatReader[],
  ) {}

  /**
   * `readers` are asked in order which one reads a file; by default only
   * the built-in CSV reader, which takes any file.
   */
  static create(options: {
    store: CostStore;
    logger: LoggerService;
    maxAggregateKeys?: number;
    readers?: FocusFormatReader[];
  }): CostImporter {
    return new CostImporter(
      options.store,
      options.logger,
      options.maxAggregateKeys ?? 20_000,
      options.readers ?? [csvFocusReader],
    );
  }

  async importFile(
    source: string,
    input: Readable,
  ): Promise<CostImportResponse> {
    if (!SOURCE_PATTERN.test(source)) {
      throw new InputError(
        'source must be 1 to 512 letters, digits or . _ : / @ + - characters',
      );
    }
    const importId = randomUUID();
    const aggregator = new DailyAggregator(this.maxAggregateKeys, rows =>
      this.store.stageAggregates(importId, rows),
    );
    const problems: FocusProblem[] = [];
    let problemCount = 0;
    const report = (found: FocusProblem[]) => {
      problemCount += found.length;
      for (const p of found) {
        if (problems.length < MAX_LISTED_PROBLEMS) {
          problems.push(p);
        }
      }
    };
    let validator: FocusRowValidator | undefined;
    let fatal = false;
    try {
      const { head, stream } = await peekStream(input);
      const reader = this.readers.find(r => r.accepts(head));
      if (!reader) {
        throw new InputError(
          `no reader accepts this file (readers: ${this.readers
            .map(r => r.id)
            .join(', ')})`,
        );
      }
      try {
        for await (const { records, lines } of reader.read(stream)) {
          for (let i = 0; i < records.length && !fatal; i++) {
            if (!validator) {
              const header = FocusRowValidator.forHeader(records[i]);
              validator = header.validator;
              if (!validator) {
                report(header.problems);
                fatal = true;
              }
              continue;
            }
            const result = validator.validate(records[i], lines[i]);
            if (!result.row) {
              report(result.problems);
            } else if (problemCount === 0) {
              aggregator.add(result.row);
            }
          }
          if (fatal) {
            break;
          }
          if (problemCount === 0 && aggregator.full) {
            await aggregator.flush();
          }
        }
      } catch (error) {
        if (!(error instanceof FocusFileError)) {
          throw error;
        }
        report([{ line: error.line, message: error.message }]);
        fatal = true;
      }
      if (!validator && !fatal) {
        report([{ line: 1, message: 'the file is empty: no FOCUS header' }]);
      }
      const currency = validator?.fileCurrency ?? null;
      if (problemCount > 0) {
        throw rejection(problems, problemCount);
      }
      await aggregator.flush();
      const periods = await this.store.commitImport({
        importId,
        source,
        billingPeriods: aggregator.billingPeriods,
        currency,
      });
      this.logger.info(
        `Imported ${aggregator.rows} FOCUS rows (${reader.id}) from ${source} (${periods.length} billing periods)`,
      );
      return {
        source,
        rows: aggregator.rows,
        currency,
        billingPeriods: aggregator.billingPeriods,
        total: roundCents(aggregator.total),
      };
    } finally {
      input.destroy();
      await this.store.discardImport(importId);
    }
  }
}

function rejection(problems: FocusProblem[], problemCount: number): Error {
  const first = problems
    .slice(0, 3)
    .map(
      p =>
        `line ${p.line}${p.column ? `, column ${p.column}` : ''}: ${p.message}`,
    )
    .join('; ');
  const details: CostImportRejection = { problems, problemCount };
  return Object.assign(
    new InputError(
      `The FOCUS file was rejected with ${problemCount} problem${
        problemCount === 1 ? '' : 's'
      }; nothing was imported. ${first}`,
    ),
    details,
  );
}
