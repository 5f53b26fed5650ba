// Validates Kubernetes objects with kubernetes-models and
// @kubernetes-models/argo-rollouts (both ESM-only). Reads [{ name, object }]
// as JSON on stdin and prints [{ name, errors }] as JSON.
const core = await import('kubernetes-models/v1');
const apps = await import('kubernetes-models/apps/v1');
const autoscaling = await import('kubernetes-models/autoscaling/v2');
const policy = await import('kubernetes-models/policy/v1');
const networking = await import('kubernetes-models/networking.k8s.io/v1');
const rollouts = await import(
  '@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1'
);

const MODELS = {
  'v1/Namespace': core.Namespace,
  'v1/ResourceQuota': core.ResourceQuota,
  'v1/LimitRange': core.LimitRange,
  'v1/ServiceAccount': core.ServiceAccount,
  'v1/Service': core.Service,
  'apps/v1/Deployment': apps.Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': autoscaling.HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': policy.PodDisruptionBudget,
  'networking.k8s.io/v1/NetworkPolicy': networking.NetworkPolicy,
  'argoproj.io/v1alpha1/Rollout': rollouts.Rollout,
  'argoproj.io/v1alpha1/AnalysisTemplate': rollouts.AnalysisTemplate,
};

let input = '';
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const { name, object } of JSON.parse(input)) {
  const Model = MODELS[`${object.apiVersion}/${object.kind}`];
  const errors = [];
  if (!Model) {
    errors.push(`no model for ${object.apiVersion} ${object.kind}`);
  } else {
    try {
      new Model(object).validate();
    } catch (error) {
      errors.push(String(error.message ?? error));
    }
  }
  results.push({ name, errors });
}
process.stdout.write(JSON.stringify(results));
