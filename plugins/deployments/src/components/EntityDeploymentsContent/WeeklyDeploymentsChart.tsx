import type { DeploymentRecord } from '@opsdeck/plugin-deployments-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { weeklyCounts } from './weeklyCounts';

/** Small bar chart of deployments per week, failures in red. */
export const WeeklyDeploymentsChart = (props: {
  records: readonly DeploymentRecord[];
  to: string;
  weeks: number;
}) => {
  const counts = weeklyCounts(props.records, new Date(props.to), props.weeks);
  const max = Math.max(1, ...counts.map(c => c.succeeded + c.failed));
  return (
    <Box>
      <Typography variant="overline">Deployments per week</Typography>
      <Box
        display="flex"
        alignItems="flex-end"
        height={60}
        role="img"
        aria-label="Deployments per week"
      >
        {counts.map(c => (
          <Box
            key={c.weekStart}
            flex={1}
            mx="1px"
            display="flex"
            flexDirection="column"
            justifyContent="flex-end"
            height="100%"
            title={`week of ${c.weekStart.slice(0, 10)}: ${
              c.succeeded
            } succeeded, ${c.failed} failed`}
          >
            <Box height={`${(c.failed / max) * 100}%`} bgcolor="#c62828" />
            <Box height={`${(c.succeeded / max) * 100}%`} bgcolor="#2e7d32" />
          </Box>
        ))}
      </Box>
    </Box>
  );
};
