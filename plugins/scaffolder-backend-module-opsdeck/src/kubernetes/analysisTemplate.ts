import {
  RECORDED_ERRORS_METRIC,
  RECORDED_TOTAL_METRIC,
  SLO_NAME_LABEL,
  SLO_SERVICE_LABEL,
  SLO_WINDOW_LABEL,
  SloDefinition,
  errorsExpression,
  formatPromDuration,
  promString,
  totalExpression,
} from '@opsdeck/plugin-slo-common';
import { KubernetesObject, commonLabels, object } from './labels';
import {
  KubernetesManifestsParameters,
  KubernetesSloAnalysis,
} from './parameters';

/** Window the analysis measures the error ratio over: the SLO rules' shortest recorded window. */
export const ANALYSIS_WINDOW_SECONDS = 300;

/** Name of the AnalysisTemplate of a service. */
export function analysisTemplateName(p: KubernetesManifestsParameters): string {
  return `${p.name}-slo-error-ratio`;
}

/** The SLO the analysis reads: its name and OpenSLO service. */
export function analysedSlo(p: KubernetesManifestsParameters): {
  name: string;
  service: string;
} {
  return {
    name: p.slo?.name ?? `${p.name}-availability`,
    service: p.slo?.service ?? p.name,
  };
}

/**
 * PromQL for the SLO's error ratio over the last five minutes.
 *
 * With an `indicator` (the OpenSLO ratio metric's selectors), the ratio is
 * computed from the raw counters with the same expressions as the SLO
 * family's recording rules (`errorsExpression` / `totalExpression`). Without
 * one, it reads the series those recording rules write
 * (`opsdeck_slo:sli_errors:increase` / `opsdeck_slo:sli_total:increase` with
 * the SLO, service and `5m` window labels).
 */
export function sloErrorRatioQuery(p: KubernetesManifestsParameters): string {
  const slo = p.slo!;
  const { name, service } = analysedSlo(p);
  if (slo.indicator) {
    const definition: SloDefinition = {
      name,
      service,
      indicatorName: name,
      indicator: {
        kind: 'ratio',
        good: slo.indicator.good ? { query: slo.indicator.good } : undefined,
        bad: slo.indicator.bad ? { query: slo.indicator.bad } : undefined,
        total: { query: slo.indicator.total },
      },
      timeWindow: { kind: 'rolling', duration: '30d', seconds: 30 * 86400 },
      budgetingMethod: 'Occurrences',
      objective: { target: slo.objective },
      alertPolicies: [],
    };
    return `(${errorsExpression(
      definition,
      ANALYSIS_WINDOW_SECONDS,
    )}) / (${totalExpression(definition, ANALYSIS_WINDOW_SECONDS)})`;
  }
  const labels = `${SLO_NAME_LABEL}=${promString(
    name,
  )}, ${SLO_SERVICE_LABEL}=${promString(
    service,
  )}, ${SLO_WINDOW_LABEL}=${promString(
    formatPromDuration(ANALYSIS_WINDOW_SECONDS),
  )}`;
  return `sum(${RECORDED_ERRORS_METRIC}{${labels}}) / sum(${RECORDED_TOTAL_METRIC}{${labels}})`;
}

/** Highest error ratio the analysis accepts: the error budget times the allowed burn rate. */
export function maxErrorRatio(slo: KubernetesSloAnalysis): number {
  return Math.min(
    1,
    Number(((1 - slo.objective) * slo.maxBurnRate).toPrecision(12)),
  );
}

/**
 * An Argo Rollouts AnalysisTemplate that fails the rollout when the SLO's
 * error ratio is above {@link maxErrorRatio}. A window without requests
 * (NaN) passes; a missing series is an error, so a misconfigured query never
 * passes silently.
 */
export function analysisTemplate(
  p: KubernetesManifestsParameters,
): KubernetesObject {
  const slo = p.slo!;
  return object(
    'argoproj.io/v1alpha1',
    'AnalysisTemplate',
    analysisTemplateName(p),
    commonLabels(p),
    {
      spec: {
        metrics: [
          {
            name: 'slo-error-ratio',
            interval: slo.interval,
            count: slo.count,
            failureLimit: 1,
            consecutiveErrorLimit: 2,
            successCondition: `isNaN(result[0]) || result[0] <= ${maxErrorRatio(
              slo,
            )}`,
            provider: {
              prometheus: {
                address: slo.prometheusAddress,
                query: sloErrorRatioQuery(p),
              },
            },
          },
        ],
      },
    },
  );
}
