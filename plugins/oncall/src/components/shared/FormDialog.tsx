import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import { ReactNode, useState } from 'react';

/**
 * A dialog around form fields with Cancel and a submit button: the button
 * is disabled while sending or when the form is incomplete; on success the
 * form is reset and the dialog closes; on failure the reason is shown and
 * the dialog stays open.
 */
export function FormDialog(props: {
  open: boolean;
  title: string;
  submitLabel: string;
  submitColor: 'primary' | 'secondary';
  canSubmit: boolean;
  onClose: () => void;
  onSubmit: () => Promise<void>;
  onSubmitted: () => void;
  children: ReactNode;
}) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await props.onSubmit();
      props.onSubmitted();
      props.onClose();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth>
      <DialogTitle>{props.title}</DialogTitle>
      <DialogContent>
        {props.children}
        {error && (
          <Typography color="error" variant="body2" role="alert">
            {error}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          color={props.submitColor}
          variant="contained"
          disabled={busy || !props.canSubmit}
          onClick={submit}
        >
          {props.submitLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
