import { InputError } from '@backstage/errors';
import {
  COST_ALLOCATION_ANNOTATION,
  parseCostAllocationSelector,
} from '@opsdeck/plugin-cost-common';
import {
  ARGOCD_APP_NAME_ANNOTATION,
  DEPLOYMENTS_ID_ANNOTATION,
} from '@opsdeck/plugin-deployments-common';
import {
  ONCALL_ROTATION_ANNOTATION,
  PAGERDUTY_SERVICE_ID_ANNOTATION,
} from '@opsdeck/plugin-oncall-common';
import { SLO_ANNOTATION } from '@opsdeck/plugin-slo-common';
import { z } from 'zod';
import { parseParameters } from '../shared/parseParameters';
import { DNS_LABEL, safeText } from '../pipeline/safeText';

/**
 * The Kubernetes plugin's annotation, read by the portal's Kubernetes tab.
 *
 * @public
 */
export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';

const relativeFile = (what: string) =>
  safeText({
    description: `${what}: a path relative to catalog-info.yaml such as ./slo/checkout.yaml (letters, digits, ., _, - and /)`,
    pattern: /^(\.\/)?(?!\/)(?!.*\/\/)[A-Za-z0-9._-][A-Za-z0-9._/-]*\.ya?ml$/,
    maxLength: 200,
    path: true,
  });

const entityRef = safeText({
  description: 'an entity ref such as component:default/checkout',
  pattern:
    /^[a-z]+:[a-z0-9]([a-z0-9._-]*[a-z0-9])?\/[a-z0-9]([a-z0-9._-]*[a-z0-9])?$/,
  maxLength: 200,
});

const costAllocation = safeText({
  description:
    'comma-separated tag=value pairs such as backstage-component=checkout,backstage-environment=production',
  pattern:
    /^[A-Za-z0-9._:/-]+=[A-Za-z0-9._:/-]+(,[A-Za-z0-9._:/-]+=[A-Za-z0-9._:/-]+)*$/,
  maxLength: 500,
}).superRefine((value, ctx) => {
  try {
    parseCostAllocationSelector(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: String((error as Error).message) });
  }
});

/**
 * The annotations the action writes, by parameter, with the entity annotation
 * each becomes and the form its value must have.
 */
const ANNOTATION_FIELDS = {
  slo: { key: SLO_ANNOTATION, schema: relativeFile('an OpenSLO file') },
  oncallRotation: {
    key: ONCALL_ROTATION_ANNOTATION,
    schema: relativeFile('a rotation file'),
  },
  costAllocation: { key: COST_ALLOCATION_ANNOTATION, schema: costAllocation },
  deploymentsId: { key: DEPLOYMENTS_ID_ANNOTATION, schema: entityRef },
  argocdAppName: {
    key: ARGOCD_APP_NAME_ANNOTATION,
    schema: safeText({
      description:
        'an Argo CD application name (lowercase DNS subdomain: a-z, 0-9, - and .)',
      pattern:
        /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/,
      maxLength: 253,
    }),
  },
  kubernetesId: { key: KUBERNETES_ID_ANNOTATION, schema: safeText(DNS_LABEL) },
  pagerdutyServiceId: {
    key: PAGERDUTY_SERVICE_ID_ANNOTATION,
    schema: safeText({
      description: 'a PagerDuty service ID such as PABC123 (A-Z and 0-9)',
      pattern: /^[A-Z0-9]{7,20}$/,
      maxLength: 20,
    }),
  },
} as const;

/** @public */
export type CatalogAnnotationName = keyof typeof ANNOTATION_FIELDS;

/**
 * Parameter name to annotation key.
 *
 * @public
 */
export const CATALOG_ANNOTATIONS: Record<CatalogAnnotationName, string> =
  Object.fromEntries(
    Object.entries(ANNOTATION_FIELDS).map(([name, field]) => [name, field.key]),
  ) as Record<CatalogAnnotationName, string>;

const annotationsSchema = z
  .object(
    Object.fromEntries(
      Object.entries(ANNOTATION_FIELDS).map(([name, field]) => [
        name,
        field.schema.optional(),
      ]),
    ) as {
      [K in CatalogAnnotationName]: z.ZodOptional<
        (typeof ANNOTATION_FIELDS)[K]['schema']
      >;
    },
  )
  .strict();

/**
 * Parameters of `annotateCatalogInfo`.
 *
 * @public
 */
export const catalogAnnotateParametersSchema = z
  .object({
    annotations: annotationsSchema,
    entityKind: safeText({
      description: 'an entity kind such as Component, System or Group',
      pattern: /^[A-Z][A-Za-z]*$/,
      maxLength: 63,
    }).default('Component'),
    entityName: safeText({
      description: 'an entity name (letters, digits, ., _ and -)',
      pattern: /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/,
      maxLength: 63,
    }).optional(),
    overwrite: z.boolean().default(false),
    create: z
      .object({
        owner: entityRef.or(safeText(DNS_LABEL)),
        system: safeText(DNS_LABEL).optional(),
        type: safeText(DNS_LABEL).default('service'),
        lifecycle: safeText(DNS_LABEL).default('experimental'),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (Object.keys(value.annotations).length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['annotations'],
        message: 'must name at least one annotation',
      });
    }
  });

/** @public */
export type CatalogAnnotateParametersInput = z.input<
  typeof catalogAnnotateParametersSchema
>;

/** @public */
export type CatalogAnnotateModel = z.output<
  typeof catalogAnnotateParametersSchema
>;

const SECRET_ANNOTATIONS = ['pagerdutyIntegrationKey', 'integrationKey'];

/**
 * Validates raw parameters.
 *
 * @throws InputError naming every invalid parameter and why.
 * @public
 */
export function parseCatalogAnnotateParameters(
  input: unknown,
): CatalogAnnotateModel {
  const annotations = (input as { annotations?: Record<string, unknown> })
    ?.annotations;
  const secret = SECRET_ANNOTATIONS.find(
    key => annotations && typeof annotations === 'object' && key in annotations,
  );
  if (secret) {
    throw new InputError(
      `annotations.${secret} is a secret (pagerduty.com/integration-key): keep it in the portal's configuration, never in catalog-info.yaml`,
    );
  }
  const parsed = parseParameters(
    catalogAnnotateParametersSchema,
    input,
    'annotation',
  );
  return parsed;
}
