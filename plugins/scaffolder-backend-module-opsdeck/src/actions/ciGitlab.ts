import { parse } from 'yaml';
import { generateGitlabCi } from '../pipeline/gitlabCi';
import { examples } from './ciGitlab.examples';
import { createPipelineAction } from './ciPipelineAction';

const GITLAB_KEYWORDS = new Set([
  'workflow',
  'stages',
  'variables',
  'default',
  'include',
]);

/**
 * `opsdeck:ci:gitlab`: writes a hardened `.gitlab-ci.yml`.
 *
 * @public
 */
export function createCiGitlabAction() {
  return createPipelineAction({
    id: 'opsdeck:ci:gitlab',
    description:
      'Writes a hardened GitLab CI/CD pipeline (.gitlab-ci.yml): images pinned by digest, id_tokens for cloud OIDC, protected environments with manual approval, resource groups that never cancel a deploy, sharded tests, caching, security scans',
    examples,
    pathDescription: 'Path of the pipeline, relative to the repository',
    partsOutput: { name: 'jobs', description: 'Job names in the pipeline' },
    render(parameters) {
      const content = generateGitlabCi(parameters);
      return {
        relativePath: '.gitlab-ci.yml',
        content,
        parts: Object.keys(parse(content)).filter(
          key => !GITLAB_KEYWORDS.has(key),
        ),
      };
    },
  });
}
