import { roundCents } from './change';

/** @public */
export type CostHintKind =
  | 'idle-resource'
  | 'untagged-spend'
  | 'commitment-coverage'
  | 'unused-commitment'
  | 'data-transfer-growth';

/**
 * A rightsizing or waste hint derived from FOCUS data, with the amount at
 * stake over the analysed period.
 *
 * @public
 */
export interface CostHint {
  kind: CostHintKind;
  title: string;
  detail: string;
  /** Spend concerned (idle, untagged, on demand...), in `currency`. */
  amount: number;
  /** Estimated saving, when one can be computed, in `currency`. */
  estimatedSaving: number | null;
  currency: string;
  /** Resource, service or account the hint is about. */
  subject?: string;
}

/** Per-resource figures of a period. @public */
export interface ResourceUsage {
  resourceId: string;
  serviceName: string;
  effectiveCost: number;
  /** Sum of ConsumedQuantity; `null` when no row carried one. */
  consumedQuantity: number | null;
}

/** Inputs of the hint rules, all over the same period and currency. @public */
export interface HintInputs {
  currency: string;
  resources: ResourceUsage[];
  totalCost: number;
  untaggedCost: number;
  /** Usage spend of compute priced `Standard` (on demand). */
  onDemandComputeCost: number;
  /** Usage spend of compute priced `Committed`. */
  committedComputeCost: number;
  /** Spend on commitments left unused (`CommitmentDiscountStatus = Unused`). */
  unusedCommitmentCost: number;
  /** Networking spend of this period and the previous one. */
  networkingCost: number;
  previousNetworkingCost: number;
}

/** @public */
export interface HintOptions {
  /** Minimum spend for a hint to be shown. Default 1. */
  minAmount: number;
  /** Untagged share above which untagged spend is a hint. Default 0.05. */
  untaggedShare: number;
  /** Committed share of compute below which coverage is a hint. Default 0.5. */
  commitmentCoverage: number;
  /** Discount a commitment typically gives. Default 0.3. */
  commitmentDiscount: number;
  /** Networking growth above which a hint is shown. Default 0.25. */
  transferGrowth: number;
}

/** @public */
export const DEFAULT_HINT_OPTIONS: HintOptions = {
  minAmount: 1,
  untaggedShare: 0.05,
  commitmentCoverage: 0.5,
  commitmentDiscount: 0.3,
  transferGrowth: 0.25,
};

const pct = (v: number) => `${Math.round(v * 100)} %`;

/**
 * Rules over aggregated FOCUS figures: resources billed with zero consumed
 * quantity (idle), untagged spend, on-demand compute a commitment would cover,
 * commitments left unused, and data transfer growth.
 *
 * @public
 */
export function computeHints(
  inputs: HintInputs,
  options: Partial<HintOptions> = {},
): CostHint[] {
  const opts = { ...DEFAULT_HINT_OPTIONS, ...options };
  const { currency } = inputs;
  const hints: CostHint[] = [];
  for (const r of inputs.resources) {
    if (
      r.resourceId &&
      r.consumedQuantity === 0 &&
      r.effectiveCost >= opts.minAmount
    ) {
      hints.push({
        kind: 'idle-resource',
        title: `Idle resource ${r.resourceId}`,
        detail: `${r.serviceName} billed with no consumed quantity over the period: stop or delete it if unused.`,
        amount: roundCents(r.effectiveCost),
        estimatedSaving: roundCents(r.effectiveCost),
        currency,
        subject: r.resourceId,
      });
    }
  }
  if (
    inputs.totalCost > 0 &&
    inputs.untaggedCost >= opts.minAmount &&
    inputs.untaggedCost / inputs.totalCost > opts.untaggedShare
  ) {
    hints.push({
      kind: 'untagged-spend',
      title: 'Untagged spend',
      detail: `${pct(
        inputs.untaggedCost / inputs.totalCost,
      )} of the spend carries no cost-allocation tag and is attributed to no entity.`,
      amount: roundCents(inputs.untaggedCost),
      estimatedSaving: null,
      currency,
    });
  }
  const compute = inputs.onDemandComputeCost + inputs.committedComputeCost;
  if (
    compute > 0 &&
    inputs.onDemandComputeCost >= opts.minAmount &&
    inputs.committedComputeCost / compute < opts.commitmentCoverage
  ) {
    hints.push({
      kind: 'commitment-coverage',
      title: 'On-demand compute a commitment would cover',
      detail: `${pct(
        inputs.onDemandComputeCost / compute,
      )} of compute usage is priced on demand; a savings plan or reservation typically saves about ${pct(
        opts.commitmentDiscount,
      )}.`,
      amount: roundCents(inputs.onDemandComputeCost),
      estimatedSaving: roundCents(
        inputs.onDemandComputeCost * opts.commitmentDiscount,
      ),
      currency,
    });
  }
  if (inputs.unusedCommitmentCost >= opts.minAmount) {
    hints.push({
      kind: 'unused-commitment',
      title: 'Unused commitments',
      detail:
        'Commitment discounts were paid for but not used: resize or exchange them.',
      amount: roundCents(inputs.unusedCommitmentCost),
      estimatedSaving: roundCents(inputs.unusedCommitmentCost),
      currency,
    });
  }
  if (
    inputs.previousNetworkingCost > 0 &&
    inputs.networkingCost - inputs.previousNetworkingCost >= opts.minAmount &&
    inputs.networkingCost / inputs.previousNetworkingCost - 1 >
      opts.transferGrowth
  ) {
    hints.push({
      kind: 'data-transfer-growth',
      title: 'Data transfer growth',
      detail: `Networking spend grew ${pct(
        inputs.networkingCost / inputs.previousNetworkingCost - 1,
      )} against the previous period.`,
      amount: roundCents(inputs.networkingCost),
      estimatedSaving: null,
      currency,
    });
  }
  return hints;
}
