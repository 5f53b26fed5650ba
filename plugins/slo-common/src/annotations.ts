/**
 * Annotation giving the location of an entity's OpenSLO file, relative to the
 * entity's source location (or an absolute URL).
 *
 * @public
 */
export const SLO_ANNOTATION = 'opsdeck.io/slo';
