import Typography from '@material-ui/core/Typography';

/**
 * Shown beside a deployment's status when incidents are linked to it: the
 * deployment then counts as a change failure even if it succeeded.
 */
export const LinkedIncidentsMarker = (props: { incidents?: number }) => {
  const count = props.incidents ?? 0;
  if (count <= 0) return null;
  const label = count === 1 ? '1 incident' : `${count} incidents`;
  return (
    <Typography
      component="span"
      variant="caption"
      color="error"
      title={`Linked to ${label}: counts as a change failure`}
    >
      {' '}
      · {label}
    </Typography>
  );
};
