import {
  StatusError,
  StatusOK,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import type { DeploymentStatus } from '@opsdeck/plugin-deployments-common';
import Box from '@material-ui/core/Box';

const LABELS: Record<DeploymentStatus, string> = {
  started: 'In progress',
  succeeded: 'Succeeded',
  failed: 'Failed',
  rolled_back: 'Rolled back',
};

/** A deployment status with its colour, never broken over lines. */
export const DeploymentStatusLabel = (props: { status: DeploymentStatus }) => {
  const label = (
    <Box component="span" whiteSpace="nowrap">
      {LABELS[props.status]}
    </Box>
  );
  switch (props.status) {
    case 'succeeded':
      return <StatusOK>{label}</StatusOK>;
    case 'failed':
      return <StatusError>{label}</StatusError>;
    case 'rolled_back':
      return <StatusWarning>{label}</StatusWarning>;
    default:
      return <StatusRunning>{label}</StatusRunning>;
  }
};
