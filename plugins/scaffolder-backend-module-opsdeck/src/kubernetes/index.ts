export {
  kubernetesManifestsParametersSchema,
  parseKubernetesManifestsParameters,
} from './parameters';
export type {
  KubernetesManifestsParameters,
  KubernetesManifestsParametersInput,
  KubernetesEnvironment,
  KubernetesSloAnalysis,
} from './parameters';
export {
  generateKubernetesManifests,
  renderKubernetesManifests,
} from './generateKubernetesManifests';
export type {
  KubernetesManifestFile,
  KubernetesManifests,
} from './generateKubernetesManifests';
export { KUBERNETES_ID_LABEL } from './labels';
export type { KubernetesObject } from './labels';
export {
  checkKubernetesManifests,
  checkKustomizationFiles,
} from './manifestChecker';
export type { ManifestFinding } from './manifestChecker';
