import {
  validateWithGitlabCiLocal,
  validateWithGroovyLint,
} from '../__testUtils__/validators';
import { parameterMatrix } from '../__testUtils__/matrix';
import { generateGitlabCi } from './gitlabCi';
import { generateJenkinsfile } from './jenkinsfile';

// The slow validators (a Node CLI and a JVM) run on a representative set each
// time; the full matrix goes through the in-process validators in matrix.test.ts.
jest.setTimeout(300_000);

const matrix = parameterMatrix();
const pick = (...labels: string[]) =>
  labels.map(prefix => {
    const found = matrix.find(c => c.label.startsWith(prefix));
    if (!found) throw new Error(`no matrix case ${prefix}`);
    return found;
  });

describe('slow validators on representative pipelines', () => {
  it.each(
    pick('python/poetry/canary', 'java/gradle/rolling').map(c => [c.label, c]),
  )('gitlab-ci-local --list accepts %s', async (_label, c) => {
    const content = generateGitlabCi(c.parameters);
    expect(await validateWithGitlabCiLocal({ name: c.label, content })).toEqual(
      [],
    );
  });

  it('gitlab-ci-local rejects a pipeline with a job in an unknown stage', async () => {
    const problems = await validateWithGitlabCiLocal({
      name: 'broken',
      content: 'stages: [test]\nbuild:\n  stage: deploy\n  script: [echo]\n',
    });
    expect(problems.join('\n')).toMatch(/stage/i);
  });

  it('npm-groovy-lint finds no errors in a Jenkinsfile with every stage', async () => {
    const files = pick('node/npm/canary').map(c => ({
      name: c.label,
      content: generateJenkinsfile(c.parameters),
    }));
    expect(await validateWithGroovyLint(files)).toEqual([]);
  });
});
