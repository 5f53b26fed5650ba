import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  INCIDENT_SEVERITIES,
  INCIDENT_URGENCIES,
  IncidentSeverity,
  IncidentUrgency,
} from '@opsdeck/plugin-oncall-common';
import { useState } from 'react';
import { FormDialog } from '../shared/FormDialog';

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
  return (
    <FormDialog
      open={props.open}
      title="Trigger an incident"
      submitLabel="Trigger"
      submitColor="secondary"
      canSubmit={title.trim().length > 0}
      onClose={props.onClose}
      onSubmit={() =>
        props.onSubmit({
          title: title.trim(),
          description: description.trim() || undefined,
          severity,
          urgency,
        })
      }
      onSubmitted={() => {
        setTitle('');
        setDescription('');
      }}
    >
      <TextField
        id="oncall-trigger-title"
        label="Title"
        value={title}
        onChange={e => setTitle(e.target.value)}
        fullWidth
        required
        margin="dense"
        inputProps={{ maxLength: 200 }}
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
    </FormDialog>
  );
}
