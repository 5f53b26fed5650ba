import {
  CURRENCY_CODE_PATTERN,
  FOCUS_COLUMNS,
  FocusColumnDefinition,
} from './focusColumns';
import { FocusCostRow, FocusProblem } from './focusRow';
import {
  parseFocusDateTime,
  parseFocusDecimal,
  utcDay,
} from './parseFocusValues';

/** @public */
export interface FocusRowResult {
  row?: FocusCostRow;
  problems: FocusProblem[];
}

const DELIMITER_CANDIDATES = [';', '\t', '|'];
const MAX_CELL_LENGTH = 65_536;
const CACHE_SIZE = 10_000;

function delimiterHint(header: string[]): string | undefined {
  if (header.length !== 1) {
    return undefined;
  }
  const found = DELIMITER_CANDIDATES.find(d => header[0].includes(d));
  if (!found) {
    return undefined;
  }
  const shown = found === '\t' ? 'a tab' : `'${found}'`;
  return `the header has a single column; the file seems delimited by ${shown}, FOCUS CSV files must be comma-separated`;
}

/**
 * Validates FOCUS rows one at a time against the header of their file, so
 * a file of any size can be checked while it streams. Problems name the
 * 1-based line and the column. The first currency seen becomes the file's
 * currency; a row in another currency is a problem (a file has one billing
 * currency, and totals never mix currencies).
 *
 * @public
 */
export class FocusRowValidator {
  private currency: string | undefined;
  private readonly index: Map<string, number>;
  /** Billing files repeat the same instants and tag sets on many rows. */
  private readonly dateTimes = new Map<string, number | undefined>();
  private readonly tagSets = new Map<string, Record<string, string>>();

  private constructor(
    private readonly header: string[],
    private readonly columns: Array<{
      def: FocusColumnDefinition;
      at: number;
    }>,
  ) {
    this.index = new Map(header.map((name, i) => [name, i]));
  }

  /**
   * Checks a header line (line 1). Returns a validator when the header has
   * every mandatory column, else the problems.
   */
  static forHeader(rawHeader: string[]): {
    validator?: FocusRowValidator;
    problems: FocusProblem[];
  } {
    const header = rawHeader.map((name, i) =>
      i === 0 ? name.replace(/^\uFEFF/, '').trim() : name.trim(),
    );
    const problems: FocusProblem[] = [];
    const hint = delimiterHint(header);
    if (hint) {
      return { problems: [{ line: 1, message: hint }] };
    }
    const seen = new Set<string>();
    header.forEach((name, i) => {
      if (name === '') {
        problems.push({
          line: 1,
          message: `column ${i + 1} of the header has no name`,
        });
      } else if (seen.has(name)) {
        problems.push({
          line: 1,
          column: name,
          message: `column '${name}' appears more than once`,
        });
      }
      seen.add(name);
    });
    const columns: Array<{ def: FocusColumnDefinition; at: number }> = [];
    for (const def of FOCUS_COLUMNS) {
      const name = [def.name, ...(def.alternatives ?? [])].find(n =>
        seen.has(n),
      );
      if (name === undefined) {
        if (def.mandatory) {
          const alt = def.alternatives?.length
            ? ` (or ${def.alternatives.join(' or ')})`
            : '';
          problems.push({
            line: 1,
            column: def.name,
            message: `mandatory FOCUS column '${def.name}'${alt} is missing`,
          });
        }
        continue;
      }
      columns.push({ def, at: header.indexOf(name) });
    }
    if (problems.length > 0) {
      return { problems };
    }
    return { validator: new FocusRowValidator(header, columns), problems };
  }

  /** The currency of the rows validated so far, if any. */
  get fileCurrency(): string | undefined {
    return this.currency;
  }

  /** Validates one data record found at `line` (1-based, header is 1). */
  validate(record: string[], line: number): FocusRowResult {
    if (record.length !== this.header.length) {
      return {
        problems: [
          {
            line,
            message: `expected ${this.header.length} fields as in the header, found ${record.length}`,
          },
        ],
      };
    }
    const problems: FocusProblem[] = [];
    const numbers = new Map<string, number | null>();
    const times = new Map<string, number>();
    for (const { def, at } of this.columns) {
      const cell = record[at];
      const column = def.name;
      if (cell.length > MAX_CELL_LENGTH) {
        problems.push({
          line,
          column,
          message: `value is longer than ${MAX_CELL_LENGTH} characters`,
        });
        continue;
      }
      if (cell === '') {
        if (!def.nullable) {
          problems.push({ line, column, message: 'value must not be empty' });
        }
        if (def.type === 'decimal') {
          numbers.set(column, null);
        }
        continue;
      }
      switch (def.type) {
        case 'decimal': {
          const value = parseFocusDecimal(cell);
          if (value === undefined) {
            problems.push({
              line,
              column,
              message: `'${shorten(cell)}' is not a decimal number`,
            });
          } else {
            numbers.set(column, value);
          }
          break;
        }
        case 'datetime': {
          const value = this.parseDateTime(cell);
          if (value === undefined) {
            problems.push({
              line,
              column,
              message: `'${shorten(
                cell,
              )}' is not an ISO 8601 date/time (YYYY-MM-DDTHH:mm:ssZ)`,
            });
          } else {
            times.set(column, value);
          }
          break;
        }
        case 'currency': {
          if (!CURRENCY_CODE_PATTERN.test(cell)) {
            problems.push({
              line,
              column,
              message: `'${shorten(cell)}' is not an ISO 4217 currency code`,
            });
          } else if (this.currency === undefined) {
            this.currency = cell;
          } else if (cell !== this.currency) {
            problems.push({
              line,
              column,
              message: `currency ${cell} differs from ${this.currency} used by earlier rows; a file must use one billing currency`,
            });
          }
          break;
        }
        case 'json':
          break;
        default:
          if (def.allowedValues && !def.allowedValues.includes(cell)) {
            problems.push({
              line,
              column,
              message: `'${shorten(cell)}' is not one of ${def.allowedValues
                .map(v => `'${v}'`)
                .join(', ')}`,
            });
          }
      }
    }
    const tags = this.parseTags(record, line, problems);
    this.checkPeriod(
      times,
      'BillingPeriodStart',
      'BillingPeriodEnd',
      false,
      line,
      problems,
    );
    this.checkPeriod(
      times,
      'ChargePeriodStart',
      'ChargePeriodEnd',
      true,
      line,
      problems,
    );
    if (problems.length > 0) {
      return { problems };
    }
    const cell = (name: string) => {
      const at = this.index.get(name);
      return at === undefined ? '' : record[at];
    };
    return {
      problems,
      row: {
        billingPeriodStart: utcDay(times.get('BillingPeriodStart')!),
        day: utcDay(times.get('ChargePeriodStart')!),
        currency: cell('BillingCurrency'),
        billedCost: numbers.get('BilledCost')!,
        effectiveCost: numbers.get('EffectiveCost')!,
        listCost: numbers.get('ListCost')!,
        chargeCategory: cell('ChargeCategory'),
        serviceName: cell('ServiceName'),
        serviceCategory: cell('ServiceCategory'),
        region: cell('RegionId') || cell('RegionName'),
        account: cell('SubAccountId') || cell('BillingAccountId'),
        resourceId: cell('ResourceId'),
        pricingCategory: cell('PricingCategory'),
        commitmentDiscountStatus: cell('CommitmentDiscountStatus'),
        consumedQuantity: numbers.get('ConsumedQuantity') ?? null,
        tags,
      },
    };
  }

  private parseDateTime(text: string): number | undefined {
    if (this.dateTimes.has(text)) {
      return this.dateTimes.get(text);
    }
    if (this.dateTimes.size >= CACHE_SIZE) {
      this.dateTimes.clear();
    }
    const value = parseFocusDateTime(text);
    this.dateTimes.set(text, value);
    return value;
  }

  private parseTags(
    record: string[],
    line: number,
    problems: FocusProblem[],
  ): Record<string, string> {
    const at = this.index.get('Tags');
    const text = at === undefined ? '' : record[at];
    if (text === '' || text.length > MAX_CELL_LENGTH) {
      return {};
    }
    const known = this.tagSets.get(text);
    if (known) {
      return known;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      problems.push({
        line,
        column: 'Tags',
        message: 'value is not valid JSON',
      });
      return {};
    }
    if (
      typeof parsed !== 'object' ||
      parsed === null ||
      Array.isArray(parsed)
    ) {
      problems.push({
        line,
        column: 'Tags',
        message: 'value must be a JSON object of tag keys to values',
      });
      return {};
    }
    const tags: Record<string, string> = {};
    for (const [key, value] of Object.entries(parsed)) {
      if (
        typeof value === 'string' ||
        typeof value === 'number' ||
        typeof value === 'boolean'
      ) {
        tags[key] = String(value);
      } else {
        problems.push({
          line,
          column: 'Tags',
          message: `tag '${shorten(
            key,
          )}' must have a string, number or boolean value`,
        });
      }
    }
    if (problems.length === 0) {
      if (this.tagSets.size >= CACHE_SIZE) {
        this.tagSets.clear();
      }
      this.tagSets.set(text, tags);
    }
    return tags;
  }

  private checkPeriod(
    times: Map<string, number>,
    startColumn: string,
    endColumn: string,
    allowEqual: boolean,
    line: number,
    problems: FocusProblem[],
  ) {
    const start = times.get(startColumn);
    const end = times.get(endColumn);
    if (start === undefined || end === undefined) {
      return;
    }
    if (end < start || (!allowEqual && end === start)) {
      problems.push({
        line,
        column: endColumn,
        message: `${endColumn} must be after ${startColumn}`,
      });
    }
  }
}

function shorten(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  return flat.length > 40 ? `${flat.slice(0, 40)}…` : flat;
}
