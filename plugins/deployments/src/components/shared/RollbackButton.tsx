import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { deploymentsRollbackPermission } from '@opsdeck/plugin-deployments-common';
import Button from '@material-ui/core/Button';
import { useState } from 'react';
import { deploymentsApiRef } from '../../api';

/**
 * Rolls an environment back; not shown to users without the
 * `deployments.rollback` permission.
 */
export const RollbackButton = (props: {
  entityRef: string;
  environment: string;
  version: string;
  onDone: () => void;
}) => {
  const { allowed, loading } = usePermission({
    permission: deploymentsRollbackPermission,
  });
  const api = useApi(deploymentsApiRef);
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState(false);
  if (loading || !allowed) return null;

  const rollback = async () => {
    setBusy(true);
    try {
      const result = await api.rollback(props.entityRef, props.environment);
      alertApi.post({
        message: `Rolled back ${result.rolledBackVersion} in ${result.environment}`,
        severity: 'success',
        display: 'transient',
      });
      props.onDone();
    } catch (error) {
      alertApi.post({
        message: `Rollback failed: ${(error as Error).message}`,
        severity: 'error',
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button
      size="small"
      variant="outlined"
      style={{ whiteSpace: 'nowrap' }}
      disabled={busy}
      onClick={rollback}
      aria-label={`Roll back ${props.version} in ${props.environment}`}
    >
      Roll back
    </Button>
  );
};
