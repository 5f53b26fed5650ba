import type { DeploymentEvent } from '@opsdeck/plugin-deployments-common';
import type { ArgoRollout } from '../client/ArgoCdClient';

/**
 * The deployment event an Argo Rollouts `Rollout` stands for, for the
 * revision Argo CD synced: `started` with the canary step and traffic weight
 * while a new revision rolls out, `rolled_back` once aborted, `succeeded`
 * once the new pods are the stable ones. Event ids name the pod template and
 * step, so each state is recorded once, at the time it was first seen.
 */
export function rolloutEvent(
  rollout: ArgoRollout,
  context: {
    eventIdPrefix: string;
    entityRef: string;
    environment: string;
    revision: string;
    actor: string;
    observedAt: Date;
  },
): DeploymentEvent | undefined {
  const status = rollout.status;
  const podHash = status?.currentPodHash;
  if (!status || !podHash) return undefined;
  const canary = rollout.spec.strategy.canary;
  const strategy = canary ? 'canary' : 'blue-green';
  const base = {
    entityRef: context.entityRef,
    environment: context.environment,
    version: context.revision.slice(0, 12),
    commitSha: context.revision,
    strategy,
    actor: context.actor,
    timestamp: context.observedAt.toISOString(),
  } as const;
  const id = `${context.eventIdPrefix}:${podHash}`;
  if (status.abort) {
    return { ...base, eventId: `${id}:aborted`, status: 'rolled_back' };
  }
  if (status.stableRS === podHash) {
    return { ...base, eventId: `${id}:stable`, status: 'succeeded' };
  }
  const step = status.currentStepIndex ?? 0;
  const weight =
    status.canary?.weights?.canary?.weight ??
    canary?.steps
      ?.slice(0, step + 1)
      .map(s => s.setWeight)
      .filter((w): w is number => w !== undefined)
      .pop();
  return {
    ...base,
    eventId: `${id}:step-${step}`,
    status: 'started',
    step: Math.min(step, 1000),
    ...(weight !== undefined
      ? { trafficWeight: Math.max(0, Math.min(100, weight)) }
      : {}),
  };
}
