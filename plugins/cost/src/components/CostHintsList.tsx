import { CostHint } from '@opsdeck/plugin-cost-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { formatMoney } from './formatMoney';

/** Rightsizing and waste hints, each with its amount and currency. */
export function CostHintsList({ hints }: { hints: CostHint[] }) {
  if (hints.length === 0) {
    return (
      <Typography variant="body2">
        No rightsizing or waste hints for this period.
      </Typography>
    );
  }
  return (
    <List dense>
      {hints.map(h => (
        <ListItem key={`${h.kind}-${h.subject ?? ''}`}>
          <ListItemText
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
