import {
  classifyChangeFailureRate,
  classifyDeploymentFrequency,
  classifyLeadTime,
  classifyRecoveryTime,
  computeDoraMetrics,
  median,
  recoveryTimesSeconds,
} from './dora';
import { deriveDeployments } from './deriveDeployments';
import { FIXTURE_PERIOD, fixtureEvents } from './__fixtures__/history';

describe('computeDoraMetrics on the hand-made history', () => {
  const metrics = computeDoraMetrics(
    deriveDeployments(fixtureEvents),
    FIXTURE_PERIOD,
  );

  it('counts production deployments finished in the period', () => {
    expect(metrics.periodDays).toBe(10);
    expect(metrics.finishedDeployments).toBe(4);
    expect(metrics.deploymentFrequency).toEqual({
      deployments: 3,
      perDay: 0.3,
      band: 'high',
    });
  });

  it('takes the median commit-to-production time', () => {
    expect(metrics.leadTimeForChanges).toEqual({
      medianSeconds: 81000,
      samples: 3,
      band: 'elite',
    });
  });

  it('counts failed and rolled back deployments as change failures', () => {
    expect(metrics.changeFailureRate).toEqual({
      failures: 2,
      rate: 0.5,
      band: 'low',
    });
  });

  it('measures recovery from a rollback and from a failure', () => {
    expect(metrics.failedDeploymentRecoveryTime).toEqual({
      medianSeconds: 8100,
      samples: 2,
      unrecovered: 0,
      band: 'high',
    });
  });

  it('reports an unrecovered failure and no bands without data', () => {
    const onlyFailure = computeDoraMetrics(
      deriveDeployments(fixtureEvents.filter(e => e.deploymentKey === 'C')),
      FIXTURE_PERIOD,
    );
    expect(onlyFailure.failedDeploymentRecoveryTime).toEqual({
      medianSeconds: undefined,
      samples: 0,
      unrecovered: 1,
      band: undefined,
    });
    expect(onlyFailure.deploymentFrequency.band).toBeUndefined();
    expect(onlyFailure.leadTimeForChanges.band).toBeUndefined();
    expect(onlyFailure.changeFailureRate.rate).toBe(1);

    const empty = computeDoraMetrics([], FIXTURE_PERIOD);
    expect(empty.changeFailureRate.rate).toBeUndefined();
    expect(empty.deploymentFrequency.perDay).toBe(0);
  });
});

describe('band classification', () => {
  it('bands deployment frequency', () => {
    expect(classifyDeploymentFrequency(0)).toBeUndefined();
    expect(classifyDeploymentFrequency(NaN)).toBeUndefined();
    expect(classifyDeploymentFrequency(3)).toBe('elite');
    expect(classifyDeploymentFrequency(1)).toBe('elite');
    expect(classifyDeploymentFrequency(1 / 7)).toBe('high');
    expect(classifyDeploymentFrequency(1 / 8)).toBe('medium');
    expect(classifyDeploymentFrequency(1 / 30)).toBe('medium');
    expect(classifyDeploymentFrequency(1 / 31)).toBe('low');
  });

  it('bands lead time', () => {
    expect(classifyLeadTime(3600)).toBe('elite');
    expect(classifyLeadTime(86400)).toBe('high');
    expect(classifyLeadTime(7 * 86400)).toBe('medium');
    expect(classifyLeadTime(30 * 86400)).toBe('low');
  });

  it('bands change failure rate by the nearest 2024 cluster', () => {
    expect(classifyChangeFailureRate(0)).toBe('elite');
    expect(classifyChangeFailureRate(0.07)).toBe('elite');
    expect(classifyChangeFailureRate(0.08)).toBe('medium');
    expect(classifyChangeFailureRate(0.16)).toBe('high');
    expect(classifyChangeFailureRate(0.3)).toBe('high');
    expect(classifyChangeFailureRate(1 / 3)).toBe('low');
    expect(classifyChangeFailureRate(1)).toBe('low');
  });

  it('bands recovery time', () => {
    expect(classifyRecoveryTime(3599)).toBe('elite');
    expect(classifyRecoveryTime(3600)).toBe('high');
    expect(classifyRecoveryTime(86400)).toBe('medium');
    expect(classifyRecoveryTime(7 * 86400)).toBe('low');
  });

  it('takes medians', () => {
    expect(median([])).toBeUndefined();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('computeDoraMetrics with a deployment linked to an incident', () => {
  // A succeeded on 01-01 10:30 and caused an incident: now 3 failures of 4
  // (0.75, nearest cluster 0.4: low). A recovers with the next deployment
  // that succeeds and stays in production, D on 01-05 02:50 (B was rolled
  // back): 3 d 16 h 20 min = 318000 s. Samples 7200, 9000, 318000: median
  // 9000 s (high: under a day).
  const records = deriveDeployments(fixtureEvents).map(r =>
    r.deploymentKey === 'A' ? { ...r, incidents: 1 } : r,
  );
  const metrics = computeDoraMetrics(records, FIXTURE_PERIOD);

  it('counts it as a change failure', () => {
    expect(metrics.changeFailureRate).toEqual({
      failures: 3,
      rate: 0.75,
      band: 'low',
    });
    expect(metrics.deploymentFrequency.deployments).toBe(3);
  });

  it('measures its recovery from going live to the next lasting deployment', () => {
    expect(metrics.failedDeploymentRecoveryTime).toEqual({
      medianSeconds: 9000,
      samples: 3,
      unrecovered: 0,
      band: 'high',
    });
    const recovery = recoveryTimesSeconds(
      records.filter(r => r.deploymentKey === 'A'),
      records,
    );
    expect(recovery).toEqual({ samples: [318000], unrecovered: 0 });
  });
});
