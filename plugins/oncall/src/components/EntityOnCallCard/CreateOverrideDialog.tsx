import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';
import { FormDialog } from '../shared/FormDialog';

/** The fields a user fills in to swap a shift. */
export interface CreateOverrideValues {
  schedule: string;
  userRef: string;
  /** ISO 8601 with offset. */
  start: string;
  end: string;
}

/** `datetime-local` input value (local time) as an ISO instant, or undefined. */
function toInstant(local: string): string | undefined {
  if (!local) return undefined;
  const time = new Date(local).getTime();
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/**
 * A dialog asking who covers which schedule from when until when. The
 * backend checks the rest (the schedule exists, the user is a User, at most
 * 90 days) and its message is shown here.
 */
export function CreateOverrideDialog(props: {
  open: boolean;
  schedules: string[];
  onClose: () => void;
  onSubmit: (values: CreateOverrideValues) => Promise<void>;
}) {
  const [schedule, setSchedule] = useState(props.schedules[0] ?? '');
  const [userRef, setUserRef] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');

  const startInstant = toInstant(start);
  const endInstant = toInstant(end);
  const orderError =
    startInstant && endInstant && endInstant <= startInstant
      ? 'The end must be after the start.'
      : undefined;
  const complete =
    schedule.trim() !== '' &&
    userRef.trim() !== '' &&
    Boolean(startInstant) &&
    Boolean(endInstant) &&
    !orderError;

  return (
    <FormDialog
      open={props.open}
      title="Swap a shift"
      submitLabel="Swap"
      submitColor="primary"
      canSubmit={complete}
      onClose={props.onClose}
      onSubmit={() =>
        props.onSubmit({
          schedule: schedule.trim(),
          userRef: userRef.trim(),
          start: startInstant ?? '',
          end: endInstant ?? '',
        })
      }
      onSubmitted={() => {
        setUserRef('');
        setStart('');
        setEnd('');
      }}
    >
      {props.schedules.length > 0 ? (
        <TextField
          select
          id="oncall-override-schedule"
          label="Schedule"
          value={schedule}
          onChange={e => setSchedule(e.target.value)}
          fullWidth
          margin="dense"
        >
          {props.schedules.map(s => (
            <MenuItem key={s} value={s}>
              {s}
            </MenuItem>
          ))}
        </TextField>
      ) : (
        <TextField
          id="oncall-override-schedule"
          label="Schedule"
          value={schedule}
          onChange={e => setSchedule(e.target.value)}
          fullWidth
          required
          margin="dense"
          inputProps={{ maxLength: 63 }}
        />
      )}
      <TextField
        id="oncall-override-user"
        label="Who covers"
        placeholder="user:default/ada.lovelace"
        value={userRef}
        onChange={e => setUserRef(e.target.value)}
        fullWidth
        required
        margin="dense"
        inputProps={{ maxLength: 400 }}
      />
      <TextField
        id="oncall-override-start"
        label="From"
        type="datetime-local"
        value={start}
        onChange={e => setStart(e.target.value)}
        margin="dense"
        required
        InputLabelProps={{ shrink: true }}
        style={{ marginRight: 16 }}
      />
      <TextField
        id="oncall-override-end"
        label="Until"
        type="datetime-local"
        value={end}
        onChange={e => setEnd(e.target.value)}
        margin="dense"
        required
        InputLabelProps={{ shrink: true }}
        error={Boolean(orderError)}
        helperText={orderError}
      />
    </FormDialog>
  );
}
