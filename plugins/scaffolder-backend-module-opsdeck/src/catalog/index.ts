export { annotateCatalogInfo } from './annotateCatalogInfo';
export type { AnnotatedCatalogInfo } from './annotateCatalogInfo';
export {
  catalogAnnotateParametersSchema,
  CATALOG_ANNOTATIONS,
  KUBERNETES_ID_ANNOTATION,
  parseCatalogAnnotateParameters,
} from './annotationParameters';
export type {
  CatalogAnnotateModel,
  CatalogAnnotateParametersInput,
  CatalogAnnotationName,
} from './annotationParameters';
