import { InputError } from '@backstage/errors';
import { Document, isMap, isScalar, parseAllDocuments, YAMLMap } from 'yaml';
import {
  CATALOG_ANNOTATIONS,
  CatalogAnnotateModel,
  CatalogAnnotationName,
  parseCatalogAnnotateParameters,
} from './annotationParameters';

/** Largest catalog file the annotator reads. */
export const MAX_CATALOG_FILE_BYTES = 1024 * 1024;

/**
 * The result of annotating a catalog file.
 *
 * @public
 */
export type AnnotatedCatalogInfo = {
  content: string;
  /** `kind:namespace/name` of the annotated entity. */
  entity: string;
  /** Annotations written (new or changed). */
  written: Record<string, string>;
  /** Annotations that already had the requested value. */
  unchanged: string[];
  created: boolean;
};

function entityRefOf(document: Document): string {
  const kind = String(document.getIn(['kind']) ?? '');
  const namespace = String(
    document.getIn(['metadata', 'namespace']) ?? 'default',
  );
  const name = String(document.getIn(['metadata', 'name']) ?? '');
  return `${kind.toLocaleLowerCase('en-US')}:${namespace}/${name}`;
}

function findTarget(
  documents: Document.Parsed[],
  model: CatalogAnnotateModel,
): number {
  const candidates = documents
    .map((document, index) => ({ document, index }))
    .filter(
      ({ document }) =>
        isMap(document.contents) &&
        document.getIn(['kind']) === model.entityKind &&
        (model.entityName === undefined ||
          document.getIn(['metadata', 'name']) === model.entityName),
    );
  const wanted = `${model.entityKind}${
    model.entityName ? ` named ${model.entityName}` : ''
  }`;
  if (candidates.length === 0) {
    throw new InputError(`catalog-info.yaml holds no ${wanted}`);
  }
  if (candidates.length > 1) {
    throw new InputError(
      `catalog-info.yaml holds ${candidates.length} entities of kind ${model.entityKind}; set entityName to choose one`,
    );
  }
  return candidates[0].index;
}

function newEntity(model: CatalogAnnotateModel): string {
  if (!model.create) {
    throw new InputError(
      'catalog-info.yaml does not exist; give create.owner (and optionally system, type, lifecycle) to create it',
    );
  }
  if (!model.entityName) {
    throw new InputError('entityName is required to create catalog-info.yaml');
  }
  const document = new Document({
    apiVersion: 'backstage.io/v1alpha1',
    kind: model.entityKind,
    metadata: { name: model.entityName },
    spec: {
      type: model.create.type,
      lifecycle: model.create.lifecycle,
      owner: model.create.owner,
      ...(model.create.system ? { system: model.create.system } : {}),
    },
  });
  return document.toString();
}

/**
 * Adds Opsdeck's annotations to a `catalog-info.yaml` (or creates one). Only
 * the annotated entity's document is re-serialised, through `yaml`'s Document
 * API, so its comments and every other key survive; other documents of a
 * multi-document file are kept byte for byte. An annotation already present
 * with another value is an error unless `overwrite` is set.
 *
 * @param source - the current file, or undefined when there is none.
 * @throws InputError on invalid parameters, unparsable YAML, a missing or
 *   ambiguous entity, or a conflicting annotation. Nothing is returned then.
 * @public
 */
export function annotateCatalogInfo(
  source: string | undefined,
  input: unknown,
): AnnotatedCatalogInfo {
  const model = parseCatalogAnnotateParameters(input);
  const created = source === undefined;
  const text = source ?? newEntity(model);
  if (Buffer.byteLength(text) > MAX_CATALOG_FILE_BYTES) {
    throw new InputError(
      `catalog-info.yaml is larger than ${MAX_CATALOG_FILE_BYTES} bytes`,
    );
  }
  const documents = parseAllDocuments(text, { prettyErrors: true });
  if (!Array.isArray(documents)) {
    throw new InputError('catalog-info.yaml holds no YAML document');
  }
  for (const document of documents) {
    const problem = document.errors[0];
    if (problem) {
      throw new InputError(
        `catalog-info.yaml is not valid YAML: ${
          problem.message.split('\n')[0]
        }`,
      );
    }
  }
  const index = findTarget(documents, model);
  const target = documents[index];
  const node = target.getIn(['metadata', 'annotations'], true);
  const annotations =
    node === undefined ||
    node === null ||
    (isScalar(node) && node.value === null)
      ? undefined
      : node;
  if (annotations !== undefined && !isMap(annotations)) {
    throw new InputError(
      `metadata.annotations of ${entityRefOf(target)} is not a mapping`,
    );
  }
  if (!isMap(target.getIn(['metadata'], true))) {
    throw new InputError(`${entityRefOf(target)} has no metadata mapping`);
  }

  const written: Record<string, string> = {};
  const unchanged: string[] = [];
  const conflicts: string[] = [];
  for (const [name, value] of Object.entries(model.annotations) as [
    CatalogAnnotationName,
    string | undefined,
  ][]) {
    if (value === undefined) continue;
    const key = CATALOG_ANNOTATIONS[name];
    const current = (annotations as YAMLMap | undefined)?.get(key);
    if (current === value) {
      unchanged.push(key);
    } else if (current !== undefined && !model.overwrite) {
      conflicts.push(`${key} is '${String(current)}', not '${value}'`);
    } else {
      written[key] = value;
    }
  }
  if (conflicts.length > 0) {
    throw new InputError(
      `${entityRefOf(
        target,
      )} already has other values (set overwrite to replace them): ${conflicts.join(
        '; ',
      )}`,
    );
  }
  if (Object.keys(written).length === 0) {
    return {
      content: text,
      entity: entityRefOf(target),
      written,
      unchanged,
      created,
    };
  }
  if (annotations === undefined) {
    target.setIn(['metadata', 'annotations'], target.createNode({}));
  }
  for (const [key, value] of Object.entries(written)) {
    target.setIn(['metadata', 'annotations', key], value);
  }

  const pieces: string[] = [];
  let start = 0;
  documents.forEach((document, i) => {
    const end = document.range[2];
    pieces.push(
      i === index
        ? document.toString({ flowCollectionPadding: false })
        : text.slice(start, end),
    );
    start = end;
  });
  pieces.push(text.slice(start));
  return {
    content: pieces.join(''),
    entity: entityRefOf(target),
    written,
    unchanged,
    created,
  };
}
