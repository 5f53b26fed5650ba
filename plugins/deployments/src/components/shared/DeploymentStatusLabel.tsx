import {
  StatusError,
  StatusOK,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import type { DeploymentStatus } from '@opsdeck/plugin-deployments-common';

const LABELS: Record<DeploymentStatus, string> = {
  started: 'In progress',
  succeeded: 'Succeeded',
  failed: 'Failed',
  rolled_back: 'Rolled back',
};

/** A deployment status with its colour. */
export const DeploymentStatusLabel = (props: { status: DeploymentStatus }) => {
  const label = LABELS[props.status];
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
