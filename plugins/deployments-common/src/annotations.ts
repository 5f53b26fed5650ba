/**
 * Annotation naming the id under which an entity's deployments are recorded.
 * Defaults to the entity ref when absent.
 *
 * @public
 */
export const DEPLOYMENTS_ID_ANNOTATION = 'opsdeck.io/deployments-id';

/**
 * Argo CD's own annotation, read so that catalogs already annotated for the
 * Argo CD plugin show deployments without edits.
 *
 * @public
 */
export const ARGOCD_APP_NAME_ANNOTATION = 'argocd/app-name';
