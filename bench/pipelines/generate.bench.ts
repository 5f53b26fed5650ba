/*
 * Pipeline generation throughput. Run from the repository root:
 *   node -r sucrase/register/ts bench/pipelines/generate.bench.ts
 * Baseline, measured in the same run: serialising an already-built workflow
 * object of the same size with the same YAML library (the unavoidable cost).
 */
import { parse, stringify } from 'yaml';
import {
  checkWorkflowSecurity,
  generateGithubActionsWorkflow,
  generateGitlabCi,
  generateJenkinsfile,
  parsePipelineParameters,
} from '../../plugins/scaffolder-backend-module-opsdeck/src/pipeline';

const parameters = {
  name: 'checkout',
  language: 'node',
  buildTool: 'pnpm',
  testShards: 4,
  container: { registry: 'ghcr.io', image: 'acme/checkout' },
  strategy: 'canary',
  cloud: {
    provider: 'aws',
    roleArn: 'arn:aws:iam::123456789012:role/deploy',
    region: 'eu-west-1',
  },
  portal: { baseUrl: 'https://portal.example.com', auth: 'oidc' },
};

function measure(label: string, iterations: number, fn: () => unknown) {
  for (let i = 0; i < Math.min(50, iterations); i++) fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn();
  const ns = Number(process.hrtime.bigint() - start);
  const perOp = ns / iterations / 1e6;
  return { label, perOpMs: perOp, perSecond: 1000 / perOp };
}

const workflowText = generateGithubActionsWorkflow(parameters);
const workflowObject = parse(workflowText);
const n = 400;

const baseline = measure(
  'baseline: yaml.stringify of the finished workflow',
  n,
  () => stringify(workflowObject, { lineWidth: 0 }),
);
const results = [
  measure('parsePipelineParameters', n * 5, () =>
    parsePipelineParameters(parameters),
  ),
  measure('generateGithubActionsWorkflow', n, () =>
    generateGithubActionsWorkflow(parameters),
  ),
  measure('generateGitlabCi', n, () => generateGitlabCi(parameters)),
  measure('generateJenkinsfile', n, () => generateJenkinsfile(parameters)),
  measure('checkWorkflowSecurity (generated workflow)', n, () =>
    checkWorkflowSecurity(workflowText),
  ),
  measure('rejecting a hostile name', n * 5, () => {
    try {
      generateGithubActionsWorkflow({ ...parameters, name: 'x$(curl evil)' });
    } catch {
      // expected
    }
  }),
];

console.log(
  `workflow size: ${workflowText.length} characters, ${
    Object.keys(workflowObject.jobs).length
  } jobs`,
);
console.log(
  `${baseline.label}: ${baseline.perOpMs.toFixed(
    3,
  )} ms/op (${baseline.perSecond.toFixed(0)}/s)`,
);
for (const r of results) {
  console.log(
    `${r.label}: ${r.perOpMs.toFixed(3)} ms/op (${r.perSecond.toFixed(
      0,
    )}/s), ${(r.perOpMs / baseline.perOpMs).toFixed(2)}x baseline`,
  );
}
