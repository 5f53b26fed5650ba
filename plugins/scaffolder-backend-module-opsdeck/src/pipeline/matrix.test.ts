import {
  extractScripts,
  GeneratedFile,
  shellcheckScripts,
  validateJenkinsStructure,
  validateWithActionlint,
  validateWithActionValidator,
  validateWithGitlabSchema,
  validateWithSecurityChecker,
  validateWithWorkflowParser,
} from '../__testUtils__/validators';
import { parameterMatrix } from '../__testUtils__/matrix';
import { generateGithubActionsWorkflow } from './githubActions';
import { generateGitlabCi } from './gitlabCi';
import { generateJenkinsfile } from './jenkinsfile';
import {
  checkGitlabImagePinning,
  checkJenkinsImagePinning,
} from './security/imagePinningChecker';

jest.setTimeout(120_000);

const matrix = parameterMatrix();

describe('the full matrix of languages x build tools x strategies', () => {
  it('covers every language, build tool, strategy, cloud and portal mode', () => {
    const labels = matrix.map(c => c.label).join(' ');
    for (const part of [
      'node/npm',
      'node/pnpm',
      'node/yarn',
      'python/pip',
      'python/poetry',
      'go/go',
      'java/maven',
      'java/gradle',
      '/rolling/',
      '/blue-green/',
      '/canary/',
      '/aws/',
      '/gcp/',
      '/azure/',
      '/token',
      '/oidc',
    ]) {
      expect(labels).toContain(part);
    }
    expect(matrix).toHaveLength(24);
  });

  describe('GitHub Actions', () => {
    const files: GeneratedFile[] = matrix.map(c => ({
      name: `${c.label}.yml`,
      content: generateGithubActionsWorkflow(c.parameters),
    }));

    it('passes GitHub workflow-parser', async () => {
      const report = await validateWithWorkflowParser(files);
      expect(Object.keys(report)).toHaveLength(files.length);
      for (const file of files) {
        expect({ file: file.name, errors: report[file.name] }).toEqual({
          file: file.name,
          errors: [],
        });
      }
    });

    it('passes actionlint, the workflow JSON schema and our security rules', async () => {
      for (const file of files) {
        expect({
          file: file.name,
          actionlint: await validateWithActionlint(file),
        }).toEqual({ file: file.name, actionlint: [] });
        expect({
          file: file.name,
          schema: validateWithActionValidator(file),
        }).toEqual({ file: file.name, schema: [] });
        expect({
          file: file.name,
          security: validateWithSecurityChecker(file),
        }).toEqual({ file: file.name, security: [] });
      }
    });

    it('runs only scripts that pass shellcheck', async () => {
      const scripts = files.flatMap(f => extractScripts('github', f.content));
      expect(scripts.length).toBeGreaterThan(files.length);
      expect(await shellcheckScripts(scripts)).toEqual({});
    });
  });

  describe('GitLab CI', () => {
    const files: GeneratedFile[] = matrix.map(c => ({
      name: c.label,
      content: generateGitlabCi(c.parameters),
    }));

    it("passes GitLab's CI JSON schema", () => {
      for (const file of files) {
        expect({
          file: file.name,
          errors: validateWithGitlabSchema(file),
        }).toEqual({ file: file.name, errors: [] });
      }
    });

    it('pins every image and service by digest', () => {
      for (const file of files) {
        expect({
          file: file.name,
          unpinned: checkGitlabImagePinning(file.content),
        }).toEqual({ file: file.name, unpinned: [] });
      }
    });

    it('runs only scripts that pass shellcheck', async () => {
      const scripts = files.flatMap(f => extractScripts('gitlab', f.content));
      expect(scripts.length).toBeGreaterThan(files.length);
      expect(await shellcheckScripts(scripts)).toEqual({});
    });
  });

  describe('Jenkins', () => {
    const files: GeneratedFile[] = matrix.map(c => ({
      name: c.label,
      content: generateJenkinsfile(c.parameters),
    }));

    it('passes our declarative-pipeline structure checks', () => {
      for (const file of files) {
        expect({
          file: file.name,
          errors: validateJenkinsStructure(file),
        }).toEqual({ file: file.name, errors: [] });
      }
    });

    it('pins every docker agent image by digest', () => {
      for (const file of files) {
        expect({
          file: file.name,
          unpinned: checkJenkinsImagePinning(file.content),
        }).toEqual({ file: file.name, unpinned: [] });
      }
    });

    it('runs only scripts that pass shellcheck', async () => {
      const scripts = files.flatMap(f => extractScripts('jenkins', f.content));
      expect(scripts.length).toBeGreaterThan(files.length);
      expect(await shellcheckScripts(scripts)).toEqual({});
    });
  });
});
