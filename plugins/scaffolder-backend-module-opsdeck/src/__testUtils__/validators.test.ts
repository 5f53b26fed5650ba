import {
  extractScripts,
  shellcheckScripts,
  validateJenkinsStructure,
  validateWithActionlint,
  validateWithActionValidator,
  validateWithGitlabSchema,
  validateWithWorkflowParser,
} from './validators';

jest.setTimeout(60_000);

// Negative controls: each validator used on generated files must reject a
// broken file, otherwise a passing matrix would prove nothing.
describe('validators reject broken files', () => {
  const brokenWorkflow = {
    name: 'broken.yml',
    content: [
      'on: push',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-24.04',
      '    needs: [missing]',
      '    steps:',
      '      - run: echo ${{ github.event.issue.title }}',
      '    bogus-key: 1',
    ].join('\n'),
  };

  it('workflow-parser reports unknown keys', async () => {
    const report = await validateWithWorkflowParser([brokenWorkflow]);
    expect(report['broken.yml'].join('\n')).toMatch(/bogus-key/);
  });

  it('actionlint reports script injection and unknown needs', async () => {
    const problems = (await validateWithActionlint(brokenWorkflow)).join('\n');
    expect(problems).toMatch(/potentially untrusted/);
    expect(problems).toMatch(/missing/);
  });

  it('the workflow JSON schema reports unknown keys', () => {
    expect(validateWithActionValidator(brokenWorkflow).length).toBeGreaterThan(
      0,
    );
  });

  it("GitLab's schema reports a job with a bad keyword", () => {
    const problems = validateWithGitlabSchema({
      name: 'gitlab',
      content: 'build:\n  script: 42\n  when: sometimes\n',
    });
    expect(problems.length).toBeGreaterThan(0);
  });

  it('the Jenkins structure check reports interpolating sh steps and unbalanced braces', () => {
    const problems = validateJenkinsStructure({
      name: 'Jenkinsfile',
      content:
        'pipeline {\n  agent any\n  options { timestamps() }\n  stages {\n    stage(\'a\') {\n      steps {\n        sh "echo ${params.X}"\n      }\n    }\n  }\n',
    });
    expect(problems.join('\n')).toMatch(/double-quoted/);
    expect(problems.join('\n')).toMatch(/unbalanced/);
  });

  it('shellcheck reports unquoted expansions and extraction undoes Groovy escaping', async () => {
    const scripts = extractScripts(
      'jenkins',
      "sh '''\n  rm -rf $DIR/*\n  echo a \\\\\n    b\n'''",
    );
    expect(scripts).toEqual(['rm -rf $DIR/*\necho a \\\nb']);
    const report = await shellcheckScripts(scripts);
    expect(Object.values(report).flat().join('\n')).toMatch(/SC2115|SC2086/);
  });
});
