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
/** Shared by rows without tags, so aggregation sees one tag set. */
const EMPTY_TAGS: Record<string, string> = Object.freeze({}) as Record<
  string,
  string
>;

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
  private readonly days = new Map<number, string>();
  private readonly tagSets = new Map<string, Record<string, string>>();
  private readonly jsonObjects = new Map<string, boolean>();
  private readonly allowed: Array<ReadonlySet<string> | undefined>;
  /** Instants parsed from the current row, by column ordinal. */
  private readonly times: Float64Array;
  private readonly timeColumns: {
    billingPeriodStart: number;
    billingPeriodEnd: number;
    chargePeriodStart: number;
    chargePeriodEnd: number;
  };
  /** Positions in the record of the cells a row is made of (-1: absent). */
  private readonly at: {
    billedCost: number;
    effectiveCost: number;
    listCost: number;
    consumedQuantity: number;
    billingPeriodStart: number;
    billingPeriodEnd: number;
    chargePeriodStart: number;
    chargePeriodEnd: number;
    currency: number;
    chargeCategory: number;
    serviceName: number;
    serviceCategory: number;
    regionId: number;
    regionName: number;
    subAccountId: number;
    billingAccountId: number;
    resourceId: number;
    pricingCategory: number;
    commitmentStatus: number;
    tags: number;
    allocatedTags: number;
    allocatedResourceId: number;
    allocatedMethodId: number;
  };

  private constructor(
    private readonly header: string[],
    private readonly columns: Array<{
      def: FocusColumnDefinition;
      at: number;
    }>,
  ) {
    this.index = new Map(header.map((name, i) => [name, i]));
    this.allowed = columns.map(({ def }) =>
      def.allowedValues ? new Set(def.allowedValues) : undefined,
    );
    this.times = new Float64Array(columns.length);
    const ordinal = (name: string) =>
      columns.findIndex(c => c.def.name === name);
    this.timeColumns = {
      billingPeriodStart: ordinal('BillingPeriodStart'),
      billingPeriodEnd: ordinal('BillingPeriodEnd'),
      chargePeriodStart: ordinal('ChargePeriodStart'),
      chargePeriodEnd: ordinal('ChargePeriodEnd'),
    };
    const position = (name: string) => {
      const found = columns.find(c => c.def.name === name);
      return found ? found.at : this.index.get(name) ?? -1;
    };
    this.at = {
      billedCost: position('BilledCost'),
      effectiveCost: position('EffectiveCost'),
      listCost: position('ListCost'),
      consumedQuantity: position('ConsumedQuantity'),
      billingPeriodStart: position('BillingPeriodStart'),
      billingPeriodEnd: position('BillingPeriodEnd'),
      chargePeriodStart: position('ChargePeriodStart'),
      chargePeriodEnd: position('ChargePeriodEnd'),
      currency: position('BillingCurrency'),
      chargeCategory: position('ChargeCategory'),
      serviceName: position('ServiceName'),
      serviceCategory: position('ServiceCategory'),
      regionId: position('RegionId'),
      regionName: position('RegionName'),
      subAccountId: position('SubAccountId'),
      billingAccountId: position('BillingAccountId'),
      resourceId: position('ResourceId'),
      pricingCategory: position('PricingCategory'),
      commitmentStatus: position('CommitmentDiscountStatus'),
      tags: position('Tags'),
      allocatedTags: position('AllocatedTags'),
      allocatedResourceId: position('AllocatedResourceId'),
      allocatedMethodId: position('AllocatedMethodId'),
    };
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

  /**
   * Validates one data record found at `line` (1-based, header is 1). Cells
   * are checked in one pass with no per-row allocation beyond the result.
   */
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
    let problems: FocusProblem[] | undefined;
    const problem = (column: string, message: string) => {
      (problems ??= []).push({ line, column, message });
    };
    const columns = this.columns;
    const times = this.times.fill(NaN);
    for (let c = 0; c < columns.length; c++) {
      const { def, at } = columns[c];
      const cell = record[at];
      const column = def.name;
      if (cell.length > MAX_CELL_LENGTH) {
        problem(column, `value is longer than ${MAX_CELL_LENGTH} characters`);
        continue;
      }
      if (cell === '') {
        if (!def.nullable) {
          problem(column, 'value must not be empty');
        }
        continue;
      }
      switch (def.type) {
        case 'decimal':
          if (parseFocusDecimal(cell) === undefined) {
            problem(column, `'${shorten(cell)}' is not a decimal number`);
          }
          break;
        case 'datetime': {
          const value = this.parseDateTime(cell);
          if (value === undefined) {
            problem(
              column,
              `'${shorten(
                cell,
              )}' is not an ISO 8601 date/time (YYYY-MM-DDTHH:mm:ssZ)`,
            );
          } else {
            times[c] = value;
          }
          break;
        }
        case 'currency':
          if (!CURRENCY_CODE_PATTERN.test(cell)) {
            problem(
              column,
              `'${shorten(cell)}' is not an ISO 4217 currency code`,
            );
          } else if (this.currency === undefined) {
            this.currency = cell;
          } else if (cell !== this.currency) {
            problem(
              column,
              `currency ${cell} differs from ${this.currency} used by earlier rows; a file must use one billing currency`,
            );
          }
          break;
        case 'json':
          // Tags and AllocatedTags are parsed below, as tag sets
          if (
            column !== 'Tags' &&
            column !== 'AllocatedTags' &&
            !this.isJsonObject(cell)
          ) {
            problem(column, 'value must be a JSON object');
          }
          break;
        default: {
          const allowed = this.allowed[c];
          if (allowed && !allowed.has(cell)) {
            problem(
              column,
              `'${shorten(cell)}' is not one of ${def
                .allowedValues!.map(v => `'${v}'`)
                .join(', ')}`,
            );
          }
        }
      }
    }
    const at = this.at;
    const tagProblems: FocusProblem[] = [];
    const ownTags = this.parseTags(
      record[at.tags] ?? '',
      'Tags',
      line,
      tagProblems,
    );
    // a split-cost row is attributed by the tags of the resource it was
    // allocated to, not by those of the shared resource
    const allocatedTags = this.parseTags(
      record[at.allocatedTags] ?? '',
      'AllocatedTags',
      line,
      tagProblems,
    );
    const tags =
      allocatedTags === EMPTY_TAGS || Object.keys(allocatedTags).length === 0
        ? ownTags
        : allocatedTags;
    if (tagProblems.length > 0) {
      (problems ??= []).push(...tagProblems);
    }
    const billingStart = times[this.timeColumns.billingPeriodStart];
    const billingEnd = times[this.timeColumns.billingPeriodEnd];
    const chargeStart = times[this.timeColumns.chargePeriodStart];
    const chargeEnd = times[this.timeColumns.chargePeriodEnd];
    // comparisons with NaN (a missing or bad instant) are false
    if (billingEnd <= billingStart) {
      problem(
        'BillingPeriodEnd',
        'BillingPeriodEnd must be after BillingPeriodStart',
      );
    }
    if (chargeEnd < chargeStart) {
      problem(
        'ChargePeriodEnd',
        'ChargePeriodEnd must be after ChargePeriodStart',
      );
    }
    if (problems) {
      return { problems };
    }
    const cell = (i: number) => (i < 0 ? '' : record[i]);
    const quantity = cell(at.consumedQuantity);
    return {
      problems: [],
      row: {
        billingPeriodStart: this.day(billingStart),
        day: this.day(chargeStart),
        currency: record[at.currency],
        billedCost: Number(record[at.billedCost]),
        effectiveCost: Number(record[at.effectiveCost]),
        listCost: Number(record[at.listCost]),
        chargeCategory: record[at.chargeCategory],
        serviceName: record[at.serviceName],
        serviceCategory: record[at.serviceCategory],
        region: cell(at.regionId) || cell(at.regionName),
        account: cell(at.subAccountId) || cell(at.billingAccountId),
        resourceId: cell(at.allocatedResourceId) || cell(at.resourceId),
        allocationMethod: cell(at.allocatedMethodId),
        pricingCategory: cell(at.pricingCategory),
        commitmentDiscountStatus: cell(at.commitmentStatus),
        consumedQuantity: quantity === '' ? null : Number(quantity),
        tags,
      },
    };
  }

  private day(epochMillis: number): string {
    let text = this.days.get(epochMillis);
    if (text === undefined) {
      if (this.days.size >= CACHE_SIZE) {
        this.days.clear();
      }
      text = utcDay(epochMillis);
      this.days.set(epochMillis, text);
    }
    return text;
  }

  private parseDateTime(text: string): number | undefined {
    const known = this.dateTimes.get(text);
    if (known !== undefined || this.dateTimes.has(text)) {
      return known;
    }
    if (this.dateTimes.size >= CACHE_SIZE) {
      this.dateTimes.clear();
    }
    const value = parseFocusDateTime(text);
    this.dateTimes.set(detached(text), value);
    return value;
  }

  private isJsonObject(text: string): boolean {
    let known = this.jsonObjects.get(text);
    if (known === undefined) {
      try {
        const parsed: unknown = JSON.parse(text);
        known =
          typeof parsed === 'object' &&
          parsed !== null &&
          !Array.isArray(parsed);
      } catch {
        known = false;
      }
      if (this.jsonObjects.size >= CACHE_SIZE) {
        this.jsonObjects.clear();
      }
      this.jsonObjects.set(detached(text), known);
    }
    return known;
  }

  private parseTags(
    text: string,
    column: string,
    line: number,
    problems: FocusProblem[],
  ): Record<string, string> {
    if (text === '' || text.length > MAX_CELL_LENGTH) {
      return EMPTY_TAGS;
    }
    const problemsBefore = problems.length;
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
        column,
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
        column,
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
          column,
          message: `tag '${shorten(
            key,
          )}' must have a string, number or boolean value`,
        });
      }
    }
    if (problems.length === problemsBefore) {
      if (this.tagSets.size >= CACHE_SIZE) {
        this.tagSets.clear();
      }
      this.tagSets.set(detached(text), tags);
    }
    return tags;
  }
}

/**
 * A copy of `text` that does not share memory with the string it was cut
 * from: a cell sliced out of a large chunk of file text would otherwise keep
 * the whole chunk alive for as long as a cache holds the cell.
 */
function detached(text: string): string {
  return JSON.parse(JSON.stringify(text));
}

function shorten(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  return flat.length > 40 ? `${flat.slice(0, 40)}…` : flat;
}
