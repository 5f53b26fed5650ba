import LinearProgress from '@material-ui/core/LinearProgress';
import { Theme, makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles<Theme, { remaining: number }>(theme => ({
  root: { height: 8, borderRadius: 4 },
  bar: ({ remaining }) => {
    let color = theme.palette.success.main;
    if (remaining < 0.25) color = theme.palette.warning.main;
    if (remaining <= 0) color = theme.palette.error.main;
    return { backgroundColor: color };
  },
}));

/** Remaining error budget as a bar, in theme colours (dark mode safe). */
export function BudgetBar(props: { remaining: number; label: string }) {
  const classes = useStyles({ remaining: props.remaining });
  return (
    <LinearProgress
      variant="determinate"
      value={Math.max(0, Math.min(1, props.remaining)) * 100}
      aria-label={props.label}
      classes={{ root: classes.root, bar: classes.bar }}
    />
  );
}
