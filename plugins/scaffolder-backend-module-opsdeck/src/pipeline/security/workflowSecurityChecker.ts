import { parse } from 'yaml';

/** @public */
export type WorkflowSecurityRule =
  | 'invalid-workflow'
  | 'unpinned-uses'
  | 'top-level-permissions'
  | 'job-permissions'
  | 'id-token-outside-deploy'
  | 'expression-in-run'
  | 'dangerous-trigger'
  | 'persist-credentials'
  | 'secrets-inherit'
  | 'deploy-concurrency'
  | 'missing-timeout';

/** @public */
export type WorkflowSecurityFinding = {
  rule: WorkflowSecurityRule;
  /** Where in the workflow, e.g. `jobs.build.steps[0]`. */
  location: string;
  message: string;
};

const PINNED_USES =
  /^([A-Za-z0-9_.-]+\/[A-Za-z0-9_./-]+@[0-9a-f]{40}|\.\/[^@]*|docker:\/\/[^@\s]+@sha256:[0-9a-f]{64})$/;

const UNTRUSTED_CONTEXT =
  /\b(github\.event|github\.head_ref|inputs\.|env\.|steps\.|needs\.|matrix\.|vars\.)/;

type AnyRecord = Record<string, unknown>;

const isRecord = (value: unknown): value is AnyRecord =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function isReadOnlyPermissions(permissions: unknown): boolean {
  if (permissions === 'read-all') {
    return true;
  }
  if (!isRecord(permissions)) {
    return false;
  }
  return Object.values(permissions).every(
    value => value === 'read' || value === 'none',
  );
}

function triggerNames(on: unknown): string[] {
  if (isRecord(on)) {
    return Object.keys(on);
  }
  if (Array.isArray(on)) {
    return on.map(String);
  }
  return typeof on === 'string' ? [on] : [];
}

/**
 * Checks a GitHub Actions workflow against Opsdeck's supply-chain rules
 * (pinned actions, least privilege, no template injection, no dangerous
 * triggers, no persisted credentials, deploys never cancelled).
 *
 * @public
 */
export function checkWorkflowSecurity(
  workflowText: string,
): WorkflowSecurityFinding[] {
  const findings: WorkflowSecurityFinding[] = [];
  const add = (rule: WorkflowSecurityRule, location: string, message: string) =>
    findings.push({ rule, location, message });

  let workflow: unknown;
  try {
    workflow = parse(workflowText);
  } catch (error) {
    add('invalid-workflow', '', `not valid YAML: ${String(error)}`);
    return findings;
  }
  if (!isRecord(workflow) || !isRecord(workflow.jobs)) {
    add('invalid-workflow', '', 'a workflow needs a jobs mapping');
    return findings;
  }

  const triggers = triggerNames(workflow.on);
  for (const trigger of triggers) {
    if (trigger === 'pull_request_target' || trigger === 'workflow_run') {
      add(
        'dangerous-trigger',
        `on.${trigger}`,
        `${trigger} runs with write access and secrets on untrusted code`,
      );
    }
  }

  if (!('permissions' in workflow)) {
    add(
      'top-level-permissions',
      'permissions',
      'declare top-level permissions: {} (or read-only) and grant per job',
    );
  } else if (!isReadOnlyPermissions(workflow.permissions)) {
    add(
      'top-level-permissions',
      'permissions',
      'top-level permissions must be {} or read-only',
    );
  }

  for (const [jobId, job] of Object.entries(workflow.jobs)) {
    const where = `jobs.${jobId}`;
    if (!isRecord(job)) {
      add('invalid-workflow', where, 'a job must be a mapping');
      continue;
    }
    const isDeploy = job.environment !== undefined;
    if (!('permissions' in job)) {
      add('job-permissions', where, 'declare the permissions this job needs');
    } else if (job.permissions === 'write-all') {
      add('job-permissions', where, 'write-all grants every scope');
    } else if (isRecord(job.permissions)) {
      if (job.permissions['id-token'] === 'write' && !isDeploy) {
        add(
          'id-token-outside-deploy',
          `${where}.permissions`,
          'id-token: write belongs only to deploy jobs (jobs with an environment)',
        );
      }
    }
    if (job.secrets === 'inherit') {
      add('secrets-inherit', `${where}.secrets`, 'pass secrets explicitly');
    }
    if (typeof job.uses === 'string' && !PINNED_USES.test(job.uses)) {
      add(
        'unpinned-uses',
        `${where}.uses`,
        `${job.uses} is not pinned to a full commit SHA`,
      );
    }
    if (job.uses === undefined && job['timeout-minutes'] === undefined) {
      add('missing-timeout', where, 'set timeout-minutes');
    }
    if (isDeploy) {
      const concurrency = job.concurrency;
      if (
        !isRecord(concurrency) ||
        concurrency['cancel-in-progress'] !== false
      ) {
        add(
          'deploy-concurrency',
          `${where}.concurrency`,
          'deploy jobs need a concurrency group with cancel-in-progress: false',
        );
      }
    }
    const steps = Array.isArray(job.steps) ? job.steps : [];
    steps.forEach((step: unknown, index: number) => {
      const stepWhere = `${where}.steps[${index}]`;
      if (!isRecord(step)) {
        return;
      }
      if (typeof step.uses === 'string') {
        if (!PINNED_USES.test(step.uses)) {
          add(
            'unpinned-uses',
            stepWhere,
            `${step.uses} is not pinned to a full commit SHA`,
          );
        }
        if (step.uses.startsWith('actions/checkout@')) {
          const withs = isRecord(step.with) ? step.with : {};
          if (withs['persist-credentials'] !== false) {
            add(
              'persist-credentials',
              stepWhere,
              'actions/checkout must set persist-credentials: false',
            );
          }
        }
      }
      if (typeof step.run === 'string') {
        const expressions = step.run.match(/\$\{\{[\s\S]*?\}\}/g) ?? [];
        for (const expression of expressions) {
          add(
            'expression-in-run',
            stepWhere,
            UNTRUSTED_CONTEXT.test(expression)
              ? `untrusted expression ${expression} inside run: pass it through env:`
              : `expression ${expression} inside run: pass it through env:`,
          );
        }
      }
    });
  }
  return findings;
}
