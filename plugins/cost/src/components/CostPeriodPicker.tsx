import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { FormEvent, ReactNode, useEffect, useState } from 'react';
import {
  DayRange,
  describeRange,
  PeriodSelection,
  PRESET_LABELS,
  PRESET_PERIODS,
  PresetPeriod,
  validateRange,
} from './period';
import { CostPeriodState } from './useCostPeriod';

const CUSTOM = 'custom';

function DayField(props: {
  label: string;
  value: string;
  onChange(value: string): void;
}) {
  return (
    <TextField
      id={`opsdeck-cost-period-${props.label.toLocaleLowerCase('en-US')}`}
      type="date"
      label={props.label}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      InputLabelProps={{ shrink: true }}
    />
  );
}

/** Props of {@link CostPeriodPicker}. */
export interface CostPeriodPickerProps {
  selection: PeriodSelection;
  /** Why the selection (from the URL) is unusable. */
  error?: string;
  /** The days shown, once known. */
  range?: DayRange;
  onSelect(selection: PeriodSelection): void;
}

/**
 * Chooses the period of a cost view: presets, or a custom range of days
 * validated before anything is asked for.
 */
export function CostPeriodPicker({
  selection,
  error,
  range,
  onSelect,
}: CostPeriodPickerProps) {
  const [editing, setEditing] = useState(selection.kind === 'custom');
  const [from, setFrom] = useState(
    selection.kind === 'custom' ? selection.from : range?.from ?? '',
  );
  const [to, setTo] = useState(
    selection.kind === 'custom' ? selection.to : range?.to ?? '',
  );
  const [invalid, setInvalid] = useState<string>();

  // Follow the URL when it changes from outside (a link, back and forward).
  useEffect(() => {
    setEditing(selection.kind === 'custom');
    setInvalid(undefined);
    if (selection.kind === 'custom') {
      setFrom(selection.from);
      setTo(selection.to);
    }
  }, [selection]);

  const value =
    editing || selection.kind === 'custom' ? CUSTOM : selection.preset;
  const choose = (next: string) => {
    setInvalid(undefined);
    if (next === CUSTOM) {
      setEditing(true);
      // Start from the period shown.
      if (range) {
        setFrom(range.from);
        setTo(range.to);
      }
      return;
    }
    setEditing(false);
    onSelect({ kind: 'preset', preset: next as PresetPeriod });
  };
  const apply = (e: FormEvent) => {
    e.preventDefault();
    const problem = validateRange(from, to);
    setInvalid(problem);
    if (!problem) {
      onSelect({ kind: 'custom', from, to });
    }
  };
  const message = invalid ?? error;

  return (
    <form
      onSubmit={apply}
      aria-label="Period"
      style={{
        display: 'flex',
        flexWrap: 'wrap',
        alignItems: 'flex-end',
        gap: 16,
      }}
    >
      <TextField
        id="opsdeck-cost-period"
        select
        label="Period"
        value={value}
        onChange={e => choose(e.target.value)}
        style={{ minWidth: 180 }}
      >
        {PRESET_PERIODS.map(p => (
          <MenuItem key={p} value={p}>
            {PRESET_LABELS[p]}
          </MenuItem>
        ))}
        <MenuItem value={CUSTOM}>Custom range</MenuItem>
      </TextField>
      {value === CUSTOM && (
        <>
          <DayField label="From" value={from} onChange={setFrom} />
          <DayField label="To" value={to} onChange={setTo} />
          <Button type="submit" variant="outlined" color="primary">
            Apply
          </Button>
        </>
      )}
      {range && !message && (
        <Typography variant="body2" data-testid="cost-period">
          {describeRange(range)}
        </Typography>
      )}
      {message && (
        <Typography variant="body2" color="error" role="alert">
          {message}
        </Typography>
      )}
    </form>
  );
}

/**
 * A grid with the period picker above `children` (grid items), or above
 * `state` (loading, error, empty) across the whole width.
 */
export function CostPeriodLayout(props: {
  period: CostPeriodState;
  range?: DayRange;
  state?: ReactNode;
  children?: ReactNode;
}) {
  const { period, range, state, children } = props;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <CostPeriodPicker
          selection={period.selection}
          error={period.error}
          range={range}
          onSelect={period.select}
        />
      </Grid>
      {state === undefined ? (
        children
      ) : (
        <Grid item xs={12}>
          {state}
        </Grid>
      )}
    </Grid>
  );
}
