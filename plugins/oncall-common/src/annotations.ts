/**
 * Annotation on a Group or Component giving the location of its rotation file,
 * relative to the entity's source location.
 *
 * @public
 */
export const ONCALL_ROTATION_ANNOTATION = 'opsdeck.io/oncall-rotation';

/**
 * PagerDuty's own annotation, read so that catalogs annotated for the
 * PagerDuty plugin light up without edits.
 *
 * @public
 */
export const PAGERDUTY_SERVICE_ID_ANNOTATION = 'pagerduty.com/service-id';
