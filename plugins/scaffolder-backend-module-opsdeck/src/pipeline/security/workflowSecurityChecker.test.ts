import { generateGithubActionsWorkflow } from '../githubActions';
import {
  checkWorkflowSecurity,
  WorkflowSecurityRule,
} from './workflowSecurityChecker';

const SHA = '11bd71901bbe5b1630ceea73d27597364c9af683';

const goodJob = [
  '  test:',
  '    runs-on: ubuntu-24.04',
  '    timeout-minutes: 10',
  '    permissions:',
  '      contents: read',
  '    steps:',
  `      - uses: actions/checkout@${SHA}`,
  '        with:',
  '          persist-credentials: false',
  '      - run: npm test',
];

const workflow = (head: string[], jobs: string[]) =>
  [...head, 'jobs:', ...jobs].join('\n');

const rules = (text: string): WorkflowSecurityRule[] =>
  checkWorkflowSecurity(text).map(f => f.rule);

describe('checkWorkflowSecurity', () => {
  it('accepts a hardened workflow', () => {
    expect(
      checkWorkflowSecurity(workflow(['on: push', 'permissions: {}'], goodJob)),
    ).toEqual([]);
  });

  it.each<[string, string, WorkflowSecurityRule]>([
    [
      'a tag-pinned action',
      goodJob.join('\n').replace(`@${SHA}`, '@v4'),
      'unpinned-uses',
    ],
    [
      'a branch-pinned action',
      goodJob.join('\n').replace(`@${SHA}`, '@main'),
      'unpinned-uses',
    ],
    [
      'a short SHA',
      goodJob.join('\n').replace(`@${SHA}`, '@11bd719'),
      'unpinned-uses',
    ],
    [
      'checkout keeping credentials',
      goodJob
        .join('\n')
        .replace('persist-credentials: false', 'fetch-depth: 0'),
      'persist-credentials',
    ],
    [
      'github.event in run',
      goodJob
        .join('\n')
        .replace('npm test', 'echo "${{ github.event.pull_request.title }}"'),
      'expression-in-run',
    ],
    [
      'inputs in run',
      goodJob.join('\n').replace('npm test', 'deploy ${{ inputs.target }}'),
      'expression-in-run',
    ],
    [
      'github.head_ref in run',
      goodJob
        .join('\n')
        .replace('npm test', 'git checkout ${{ github.head_ref }}'),
      'expression-in-run',
    ],
    [
      'a job without permissions',
      goodJob
        .join('\n')
        .replace('    permissions:\n      contents: read\n', ''),
      'job-permissions',
    ],
    [
      'write-all on a job',
      goodJob
        .join('\n')
        .replace(
          '    permissions:\n      contents: read',
          '    permissions: write-all',
        ),
      'job-permissions',
    ],
    [
      'id-token on a build job',
      goodJob
        .join('\n')
        .replace('contents: read', 'contents: read\n      id-token: write'),
      'id-token-outside-deploy',
    ],
    [
      'no timeout',
      goodJob.join('\n').replace('    timeout-minutes: 10\n', ''),
      'missing-timeout',
    ],
  ])('flags %s', (_label, jobText, rule) => {
    expect(
      rules(workflow(['on: push', 'permissions: {}'], jobText.split('\n'))),
    ).toContain(rule);
  });

  it('flags missing and write top-level permissions', () => {
    expect(rules(workflow(['on: push'], goodJob))).toContain(
      'top-level-permissions',
    );
    expect(
      rules(workflow(['on: push', 'permissions: write-all'], goodJob)),
    ).toContain('top-level-permissions');
    expect(
      rules(
        workflow(['on: push', 'permissions:', '  contents: write'], goodJob),
      ),
    ).toContain('top-level-permissions');
  });

  it('flags pull_request_target and workflow_run', () => {
    expect(
      rules(
        workflow(
          ['on:', '  pull_request_target: {}', 'permissions: {}'],
          goodJob,
        ),
      ),
    ).toContain('dangerous-trigger');
    expect(
      rules(workflow(['on: [workflow_run]', 'permissions: {}'], goodJob)),
    ).toContain('dangerous-trigger');
  });

  it('flags secrets: inherit and unpinned reusable workflows', () => {
    const found = rules(
      workflow(
        ['on: push', 'permissions: {}'],
        [
          '  call:',
          '    uses: acme/workflows/.github/workflows/deploy.yml@main',
          '    permissions:',
          '      contents: read',
          '    secrets: inherit',
        ],
      ),
    );
    expect(found).toEqual(
      expect.arrayContaining(['secrets-inherit', 'unpinned-uses']),
    );
  });

  it('flags deploy jobs that may be cancelled mid-deploy', () => {
    const deploy = [
      '  deploy:',
      '    runs-on: ubuntu-24.04',
      '    timeout-minutes: 10',
      '    environment: production',
      '    concurrency:',
      '      group: deploy',
      '      cancel-in-progress: true',
      '    permissions:',
      '      id-token: write',
      '    steps:',
      '      - run: ./deploy.sh',
    ];
    const found = rules(workflow(['on: push', 'permissions: {}'], deploy));
    expect(found).toContain('deploy-concurrency');
    expect(found).not.toContain('id-token-outside-deploy');
  });

  it('reports invalid YAML instead of throwing', () => {
    expect(rules('jobs: [unclosed')).toEqual(['invalid-workflow']);
  });

  it('finds nothing in a generated workflow with every feature on', () => {
    const text = generateGithubActionsWorkflow({
      name: 'checkout',
      language: 'node',
      container: { registry: 'ghcr.io', image: 'acme/checkout' },
      cloud: {
        provider: 'aws',
        roleArn: 'arn:aws:iam::123456789012:role/d',
        region: 'us-east-1',
      },
      portal: { baseUrl: 'https://portal.example.com', auth: 'oidc' },
    });
    expect(checkWorkflowSecurity(text)).toEqual([]);
    expect(text).toMatch(/^permissions: \{\}$/m);
    expect(text.match(/id-token: write/g)).toHaveLength(2);
  });
});
