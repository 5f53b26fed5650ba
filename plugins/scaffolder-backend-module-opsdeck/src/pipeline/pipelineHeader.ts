import type { PipelineModel } from './parameters';

/** The first line of every generated pipeline file, as a comment. */
export function pipelineHeader(
  model: PipelineModel,
  commentPrefix: '#' | '//',
): string {
  return `${commentPrefix} ${model.name}: CI/CD pipeline generated from Opsdeck parameters.`;
}
