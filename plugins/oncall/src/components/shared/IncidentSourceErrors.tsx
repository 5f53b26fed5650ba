import { WarningPanel } from '@backstage/core-components';
import { IncidentSourceError } from '@opsdeck/plugin-oncall-common';

/** One warning per incident source that could not be read. */
export function IncidentSourceErrors(props: { errors: IncidentSourceError[] }) {
  return (
    <>
      {props.errors.map(error => (
        <WarningPanel
          key={error.source}
          severity="warning"
          title={`Incidents from ${error.source} are missing`}
          message={error.message}
        />
      ))}
    </>
  );
}
