import { CodeSnippet, EmptyState } from '@backstage/core-components';
import { DEPLOYMENTS_ID_ANNOTATION } from '@opsdeck/plugin-deployments-common';
import Typography from '@material-ui/core/Typography';

/**
 * Empty state: no pipeline has reported a deployment of this entity yet, and
 * how one does.
 */
export const NoDeploymentsYet = (props: { deploymentsId: string }) => {
  const example = `curl -X POST "$BACKSTAGE_URL/api/deployments/events" \\
  -H "Authorization: Bearer $DEPLOYMENTS_TOKEN" \\
  -H "Content-Type: application/json" \\
  -d '{"eventId":"run-42-succeeded","entityRef":"${props.deploymentsId}",
       "environment":"production","version":"1.4.2","commitSha":"<sha>",
       "status":"succeeded","timestamp":"<ISO 8601 time>"}'`;
  return (
    <EmptyState
      missing="data"
      title="No deployments reported yet"
      description={
        <Typography variant="body2" component="span">
          Pipelines report each deployment (started, succeeded, failed, rolled
          back) to the portal under <code>{props.deploymentsId}</code>. Opsdeck
          templates add this step for you; to report under another id, set the{' '}
          <code>{DEPLOYMENTS_ID_ANNOTATION}</code> annotation.
        </Typography>
      }
      action={<CodeSnippet language="bash" text={example} showCopyCodeButton />}
    />
  );
};
