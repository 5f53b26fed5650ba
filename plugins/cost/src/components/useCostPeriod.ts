import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  parsePeriodParams,
  PeriodSelection,
  writePeriodParams,
} from './period';

/** The period of a cost view and how to change it. */
export interface CostPeriodState {
  selection: PeriodSelection;
  /** Why the selection is unusable; nothing should be requested then. */
  error?: string;
  select(selection: PeriodSelection): void;
}

/**
 * The period selected in the URL query string, why it is unusable (then
 * nothing should be requested), and a setter that rewrites the query string
 * (replacing the history entry) so a link shows the same view.
 */
export function useCostPeriod(): CostPeriodState {
  const [params, setParams] = useSearchParams();
  const { selection, error } = useMemo(
    () => parsePeriodParams(params),
    [params],
  );
  const select = useCallback(
    (next: PeriodSelection) =>
      setParams(writePeriodParams(params, next), { replace: true }),
    [params, setParams],
  );
  return { selection, error, select };
}
