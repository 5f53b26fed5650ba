import { generateJenkinsfile } from '../pipeline/jenkinsfile';
import { examples } from './ciJenkins.examples';
import { createPipelineAction } from './ciPipelineAction';

/**
 * `opsdeck:ci:jenkins`: writes a declarative `Jenkinsfile`.
 *
 * @public
 */
export function createCiJenkinsAction() {
  return createPipelineAction({
    id: 'opsdeck:ci:jenkins',
    description:
      'Writes a declarative Jenkinsfile: images pinned by digest, no Groovy interpolation in sh steps, withCredentials for the portal token and cloud OIDC tokens, input approval before protected environments, builds queued never aborted, parallel test shards, security scans',
    examples,
    pathDescription: 'Path of the Jenkinsfile, relative to the repository',
    partsOutput: { name: 'stages', description: 'Top-level stage names' },
    render(parameters) {
      const content = generateJenkinsfile(parameters);
      return {
        relativePath: 'Jenkinsfile',
        content,
        parts: [...content.matchAll(/^ {4}stage\('([^']+)'\)/gm)].map(
          match => match[1],
        ),
      };
    },
  });
}
