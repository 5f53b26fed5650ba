export {
  dockerfileImages,
  generateDockerfile,
  generateDockerignore,
} from './dockerfile';
export {
  dockerfileParametersSchema,
  parseDockerfileParameters,
} from './dockerfileParameters';
export type {
  DockerfileModel,
  DockerfileParametersInput,
} from './dockerfileParameters';
export { RUNTIME_IMAGES } from './baseImages';
export type { BaseImage } from './baseImages';
