import fc from 'fast-check';
import { deriveDeployments, summarizeEnvironments } from './deriveDeployments';
import { fixtureEvents } from './__fixtures__/history';

describe('deriveDeployments', () => {
  it('folds events into one record per deployment', () => {
    const records = deriveDeployments(fixtureEvents);
    expect(records.map(r => r.deploymentKey)).toEqual([
      'F',
      'H',
      'E',
      'D',
      'C',
      'B',
      'A',
      'G',
    ]);
    const b = records.find(r => r.deploymentKey === 'B')!;
    expect(b).toMatchObject({
      status: 'rolled_back',
      version: 'v2',
      startedAt: '2026-01-03T00:00:00Z',
      succeededAt: '2026-01-03T01:00:00Z',
      failedAt: '2026-01-03T03:00:00Z',
      commitTime: '2026-01-02T00:00:00Z',
    });
    const h = records.find(r => r.deploymentKey === 'H')!;
    expect(h).toMatchObject({ status: 'started', step: 2, trafficWeight: 50 });
  });

  it('gives the same state whatever order the events arrive in', () => {
    const expected = deriveDeployments(fixtureEvents);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(fixtureEvents, {
          minLength: fixtureEvents.length,
        }),
        shuffled => {
          expect(deriveDeployments(shuffled)).toEqual(expected);
        },
      ),
    );
  });

  it('lets a terminal event at the same instant win over started', () => {
    const [started, succeeded] = fixtureEvents.filter(
      e => e.deploymentKey === 'A',
    );
    const sameTime = { ...succeeded, timestamp: started.timestamp };
    expect(deriveDeployments([sameTime, started])[0].status).toBe('succeeded');
  });
});

describe('summarizeEnvironments', () => {
  it('finds the running version, the latest and the in-flight rollout', () => {
    const summary = summarizeEnvironments(deriveDeployments(fixtureEvents));
    expect(summary.map(s => s.environment)).toEqual(['production', 'staging']);
    const production = summary[0];
    expect(production.current?.version).toBe('v5');
    expect(production.latest.version).toBe('v5');
    expect(production.inFlight).toBeUndefined();

    const beforeF = summarizeEnvironments(
      deriveDeployments(fixtureEvents.filter(e => e.deploymentKey !== 'F')),
    )[0];
    expect(beforeF.current?.version).toBe('v3.1');
    expect(beforeF.inFlight).toMatchObject({
      version: 'v4',
      step: 2,
      trafficWeight: 50,
    });
  });

  it('falls back to the previous version after a rollback', () => {
    const upToB = fixtureEvents.filter(e =>
      ['G', 'A', 'B'].includes(e.deploymentKey),
    );
    const [production] = summarizeEnvironments(deriveDeployments(upToB));
    expect(production.latest.status).toBe('rolled_back');
    expect(production.current?.version).toBe('v1');
  });
});
