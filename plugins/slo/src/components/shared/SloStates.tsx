import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { MissingAnnotationEmptyState } from '@backstage/plugin-catalog-react';
import { SLO_ANNOTATION, EntitySloReport } from '@opsdeck/plugin-slo-common';
import { ReactNode } from 'react';
import { useEntitySlos } from './useEntitySlos';

/**
 * Loading, error, missing-annotation, invalid-file and empty states shared by
 * the card and the tab; renders `children` with the report otherwise.
 */
export function SloStates(props: {
  children: (report: EntitySloReport) => ReactNode;
}) {
  const { annotated, loading, error, value } = useEntitySlos();
  if (!annotated) {
    return (
      <MissingAnnotationEmptyState
        annotation={SLO_ANNOTATION}
        readMoreUrl="https://openslo.com"
      />
    );
  }
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!value) {
    return null;
  }
  if (value.problem) {
    return (
      <WarningPanel
        severity="error"
        title="The SLOs cannot be evaluated"
        message={value.problem.message}
      />
    );
  }
  if (value.slos.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No SLOs"
        description={`The OpenSLO file ${
          value.sourceUrl ?? ''
        } defines no SLO.`}
      />
    );
  }
  return <>{props.children(value)}</>;
}
