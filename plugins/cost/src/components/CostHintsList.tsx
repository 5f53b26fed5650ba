import { CostHint } from '@opsdeck/plugin-cost-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatMoney } from './formatMoney';

const useStyles = makeStyles({
  // Long details and resource ids wrap inside the card instead of being cut
  // off (the theme gives dense list items one ellipsed line).
  text: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
});

/** Rightsizing and waste hints, each with its amount and currency. */
export function CostHintsList({ hints }: { hints: CostHint[] }) {
  const classes = useStyles();
  if (hints.length === 0) {
    return (
      <Typography variant="body2">
        No rightsizing or waste hints for this period.
      </Typography>
    );
  }
  return (
    <List disablePadding>
      {hints.map(h => (
        <ListItem key={`${h.kind}-${h.subject ?? ''}`} disableGutters>
          <ListItemText
            className={classes.text}
            primary={`${h.title}: ${formatMoney(h.amount, h.currency)}${
              h.estimatedSaving !== null
                ? ` (save about ${formatMoney(h.estimatedSaving, h.currency)})`
                : ''
            }`}
            secondary={h.detail}
          />
        </ListItem>
      ))}
    </List>
  );
}
