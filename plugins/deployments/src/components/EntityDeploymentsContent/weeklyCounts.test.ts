import type { DeploymentRecord } from '@opsdeck/plugin-deployments-common';
import { weeklyCounts } from './weeklyCounts';

const record = (
  startedAt: string,
  status: DeploymentRecord['status'],
): DeploymentRecord => ({
  deploymentKey: startedAt,
  entityRef: 'component:default/a',
  environment: 'production',
  version: '1',
  commitSha: 'abcdef1',
  status,
  strategy: 'rolling',
  startedAt,
  updatedAt: startedAt,
});

describe('weeklyCounts', () => {
  it('buckets deployments by week, oldest first', () => {
    const to = new Date('2026-03-15T00:00:00Z');
    const counts = weeklyCounts(
      [
        record('2026-03-14T00:00:00Z', 'succeeded'),
        record('2026-03-13T00:00:00Z', 'failed'),
        record('2026-03-05T00:00:00Z', 'rolled_back'),
        record('2026-03-06T00:00:00Z', 'started'),
        record('2026-01-01T00:00:00Z', 'succeeded'),
      ],
      to,
      2,
    );
    expect(counts).toEqual([
      { weekStart: '2026-03-01T00:00:00.000Z', succeeded: 0, failed: 1 },
      { weekStart: '2026-03-08T00:00:00.000Z', succeeded: 1, failed: 1 },
    ]);
  });
});
