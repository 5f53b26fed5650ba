import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { formatPromDuration } from '@opsdeck/plugin-slo-common';
import { SloEvaluation } from '@opsdeck/plugin-slo-common';
import { burn } from './format';

/** One chip per burn-rate window pair: firing, ok or without traffic. */
export function BurnRateChips(props: { evaluation: SloEvaluation }) {
  const pairs = props.evaluation.burnRate?.pairs ?? [];
  return (
    <>
      {pairs.map(pair => {
        const windows = `${formatPromDuration(
          pair.longWindowSeconds,
        )}/${formatPromDuration(pair.shortWindowSeconds)}`;
        const state = pair.state === 'no-data' ? 'no traffic' : pair.state;
        return (
          <Tooltip
            key={`${pair.severity}-${windows}`}
            title={`burn ${burn(pair.longBurnRate)} over ${formatPromDuration(
              pair.longWindowSeconds,
            )}, ${burn(pair.shortBurnRate)} over ${formatPromDuration(
              pair.shortWindowSeconds,
            )}; fires above ${pair.threshold}×`}
          >
            <Chip
              size="small"
              label={`${pair.severity} ${windows}: ${state}`}
              color={pair.state === 'firing' ? 'secondary' : 'default'}
              variant={pair.state === 'firing' ? 'default' : 'outlined'}
              style={{ marginRight: 4, marginBottom: 4 }}
            />
          </Tooltip>
        );
      })}
    </>
  );
}
