import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { SLO_ANNOTATION } from '@opsdeck/plugin-slo-common';
import { sloApiRef } from '../../api/SloApi';

/** The current entity's evaluated SLOs; skips the request without the annotation. */
export function useEntitySlos() {
  const { entity } = useEntity();
  const api = useApi(sloApiRef);
  const annotated = Boolean(entity.metadata.annotations?.[SLO_ANNOTATION]);
  const entityRef = stringifyEntityRef(entity);
  const state = useAsync(
    async () => (annotated ? api.getEntitySlos(entityRef) : undefined),
    [api, entityRef, annotated],
  );
  return { annotated, ...state };
}
