import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  INCIDENT_SEVERITIES,
  INCIDENT_URGENCIES,
  IncidentSeverity,
  IncidentUrgency,
} from '@opsdeck/plugin-oncall-common';
import { useState } from 'react';

/** The fields a user fills in to trigger an incident. */
export interface TriggerIncidentValues {
  title: string;
  description?: string;
  severity: IncidentSeverity;
  urgency: IncidentUrgency;
}

/** A dialog asking for an incident's title, severity and urgency. */
export function TriggerIncidentDialog(props: {
  open: boolean;
  onClose: () => void;
  onSubmit: (values: TriggerIncidentValues) => Promise<void>;
}) {
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [severity, setSeverity] = useState<IncidentSeverity>('error');
  const [urgency, setUrgency] = useState<IncidentUrgency>('high');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await props.onSubmit({
        title: title.trim(),
        description: description.trim() || undefined,
        severity,
        urgency,
      });
      setTitle('');
      setDescription('');
      props.onClose();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth>
      <DialogTitle>Trigger an incident</DialogTitle>
      <DialogContent>
        <TextField
          id="oncall-trigger-title"
          label="Title"
          value={title}
          onChange={e => setTitle(e.target.value)}
          fullWidth
          required
          margin="dense"
          inputProps={{ maxLength: 200 }}
          error={Boolean(error)}
          helperText={error}
        />
        <TextField
          id="oncall-trigger-description"
          label="Description"
          value={description}
          onChange={e => setDescription(e.target.value)}
          fullWidth
          multiline
          minRows={2}
          margin="dense"
        />
        <TextField
          select
          label="Severity"
          value={severity}
          onChange={e => setSeverity(e.target.value as IncidentSeverity)}
          margin="dense"
          style={{ minWidth: 160, marginRight: 16 }}
        >
          {INCIDENT_SEVERITIES.map(s => (
            <MenuItem key={s} value={s}>
              {s}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          label="Urgency"
          value={urgency}
          onChange={e => setUrgency(e.target.value as IncidentUrgency)}
          margin="dense"
          style={{ minWidth: 160 }}
        >
          {INCIDENT_URGENCIES.map(u => (
            <MenuItem key={u} value={u}>
              {u}
            </MenuItem>
          ))}
        </TextField>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          color="secondary"
          variant="contained"
          disabled={busy || title.trim().length === 0}
          onClick={submit}
        >
          Trigger
        </Button>
      </DialogActions>
    </Dialog>
  );
}
