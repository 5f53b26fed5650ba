import { parseRotationFile } from '@opsdeck/plugin-oncall-common';
import { parseOpenSlo } from '@opsdeck/plugin-slo-common';
import { parseAllDocuments } from 'yaml';
import {
  checkKubernetesManifests,
  checkKustomizationFiles,
} from '../kubernetes/manifestChecker';
import type { KubernetesObject } from '../kubernetes/labels';
import {
  kustomizeBuild,
  validateWithKubernetesModels,
  writeTree,
} from '../kubernetes/__testUtils__/kubernetesValidators';
import { checkTerraformSecurity } from '../terraform/checks/terraformSecurityChecker';
import { checkProviderSchemas } from '../terraform/__testUtils__/providerSchemas';
import {
  checkHcl,
  parseTerraformFiles,
} from '../terraform/__testUtils__/terraformValidation';
import { validateDockerfile } from './dockerfileValidators';
import {
  shellcheckScripts,
  validateJenkinsStructure,
  validateWithActionlint,
  validateWithGitlabSchema,
  validateWithSecurityChecker,
  validateWithWorkflowParser,
} from './validators';
import { validateVaultFiles } from './vaultValidators';

/** Files of a generated repository under `prefix/`, with the prefix removed. */
function under(files: Record<string, string>, prefix: string) {
  return Object.entries(files)
    .filter(([file]) => file.startsWith(`${prefix}/`))
    .map(([file, content]) => ({
      path: file.slice(prefix.length + 1),
      content,
    }));
}

function problemsOf(report: Record<string, string[]>): string[] {
  return Object.entries(report).flatMap(([name, problems]) =>
    problems.map(p => `${name}: ${p}`),
  );
}

/**
 * Runs every validator on the files of a generated repository that it
 * understands, and returns the problems per validator (an empty list for
 * each validator that ran and found nothing). Validators that have nothing
 * to check are left out, so tests can assert which ones ran.
 */
export async function validateRepository(
  files: Record<string, string>,
  service: string,
): Promise<Record<string, string[]>> {
  const report: Record<string, string[]> = {};
  const file = (name: string) => files[name];

  if (file('Dockerfile')) {
    report.dockerfile = Object.values(
      await validateDockerfile(file('Dockerfile')),
    ).flat();
  }
  const workflow = file('.github/workflows/ci.yml');
  if (workflow) {
    const named = { name: 'ci.yml', content: workflow };
    report.githubActions = [
      ...problemsOf(await validateWithWorkflowParser([named])),
      ...(await validateWithActionlint(named)),
      ...validateWithSecurityChecker(named),
    ];
  }
  if (file('.gitlab-ci.yml')) {
    report.gitlabCi = validateWithGitlabSchema({
      name: '.gitlab-ci.yml',
      content: file('.gitlab-ci.yml'),
    });
  }
  if (file('Jenkinsfile')) {
    report.jenkins = validateJenkinsStructure({
      name: 'Jenkinsfile',
      content: file('Jenkinsfile'),
    });
  }
  const scripts = Object.entries(files)
    .filter(([name]) => name.endsWith('.sh'))
    .map(([, content]) => content.replace(/^#!.*\n/, ''));
  if (scripts.length > 0) {
    report.shellcheck = problemsOf(await shellcheckScripts(scripts));
  }

  const kubernetes = under(files, 'kubernetes');
  if (kubernetes.length > 0) {
    const problems = checkKustomizationFiles(kubernetes).map(f => f.message);
    const dir = writeTree(kubernetes);
    const overlays = [
      ...new Set(
        kubernetes
          .map(f => /^overlays\/([^/]+)\//.exec(f.path)?.[1])
          .filter((o): o is string => !!o),
      ),
    ];
    for (const overlay of overlays) {
      const objects: KubernetesObject[] = await kustomizeBuild(
        `${dir}/overlays/${overlay}`,
      );
      problems.push(
        ...checkKubernetesManifests(objects).map(
          f => `${overlay}: ${f.location}: ${f.message}`,
        ),
        ...problemsOf(
          await validateWithKubernetesModels(
            objects.map((object, index) => ({
              name: `${overlay}/${object.kind}/${index}`,
              object,
            })),
          ),
        ),
      );
    }
    if (overlays.length === 0) problems.push('no overlays');
    report.kubernetes = problems;
  }

  const terraform = under(files, 'terraform');
  if (terraform.length > 0) {
    const parsed = await parseTerraformFiles(
      terraform.filter(f => f.path.endsWith('.tf')),
    );
    report.terraform = [
      ...(
        await checkHcl(
          Object.fromEntries(terraform.map(f => [f.path, f.content])),
        )
      ).map(f => `${f.file}: ${f.rule}: ${f.message}`),
      ...checkTerraformSecurity(parsed).map(
        f => `${f.file}: ${f.rule}: ${f.message}`,
      ),
      ...checkProviderSchemas(parsed),
    ];
  }

  const vault = under(files, 'vault');
  if (vault.length > 0) {
    report.vault = await validateVaultFiles(
      Object.fromEntries(vault.map(f => [f.path, f.content])),
      [`secret/data/${service}/`, `secret/metadata/${service}/`],
    );
  }

  if (file('slo/openslo.yaml')) {
    try {
      parseOpenSlo(file('slo/openslo.yaml'), 'slo/openslo.yaml');
      report.openslo = [];
    } catch (error) {
      report.openslo = [String(error)];
    }
  }
  if (file('oncall/rotation.yaml')) {
    const rotation = parseRotationFile(file('oncall/rotation.yaml'));
    report.rotation = rotation.ok ? [] : [rotation.error];
  }
  if (file('catalog-info.yaml')) {
    report.catalog = parseAllDocuments(file('catalog-info.yaml')).flatMap(d =>
      d.errors.map(e => e.message),
    );
  }
  return report;
}

/** The validateRepository key of each CI system's pipeline. */
export const PIPELINE_VALIDATOR: Record<string, string> = {
  github: 'githubActions',
  gitlab: 'gitlabCi',
  jenkins: 'jenkins',
};
