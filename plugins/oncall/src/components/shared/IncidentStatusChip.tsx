import Chip from '@material-ui/core/Chip';
import { Incident } from '@opsdeck/plugin-oncall-common';
import { STATUS_LABEL } from './formatting';

const COLOR = {
  triggered: 'secondary',
  acknowledged: 'primary',
  resolved: 'default',
} as const;

/** The status of an incident as a small chip. */
export function IncidentStatusChip(props: { status: Incident['status'] }) {
  return (
    <Chip
      size="small"
      color={COLOR[props.status]}
      label={STATUS_LABEL[props.status]}
    />
  );
}
