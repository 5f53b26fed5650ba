import { testParameters } from './__testUtils__/testParameters';
import { podTemplate, workload } from './workload';

const parameters = testParameters;

describe('podTemplate', () => {
  const spec = podTemplate(parameters()).spec as any;
  const container = spec.containers[0];

  it('hardens the pod and the container', () => {
    expect(spec.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      fsGroup: 10001,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.securityContext).toMatchObject({
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      privileged: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(spec.automountServiceAccountToken).toBe(false);
    expect(spec.enableServiceLinks).toBe(false);
    expect(container.volumeMounts).toEqual([
      { name: 'tmp', mountPath: '/tmp' },
    ]);
  });

  it('probes the named http port on the configured paths', () => {
    const p = podTemplate(
      parameters({
        probes: {
          livenessPath: '/live',
          readinessPath: '/ready',
          startupPath: '/started',
        },
      }),
    ).spec.containers[0] as any;
    expect(p.livenessProbe.httpGet).toEqual({ path: '/live', port: 'http' });
    expect(p.readinessProbe.httpGet).toEqual({ path: '/ready', port: 'http' });
    expect(p.startupProbe.httpGet).toEqual({ path: '/started', port: 'http' });
    expect(container.startupProbe.httpGet.path).toBe('/healthz');
  });

  it('spreads pods over zones and nodes with the selector labels', () => {
    expect(
      spec.topologySpreadConstraints.map((c: any) => [
        c.topologyKey,
        c.labelSelector.matchLabels,
      ]),
    ).toEqual([
      ['topology.kubernetes.io/zone', { 'app.kubernetes.io/name': 'checkout' }],
      ['kubernetes.io/hostname', { 'app.kubernetes.io/name': 'checkout' }],
    ]);
  });
});

describe('workload', () => {
  it('is a Deployment without replicas when an autoscaler owns them', () => {
    const deployment = workload(parameters()) as any;
    expect(deployment.kind).toBe('Deployment');
    expect(deployment.spec.replicas).toBeUndefined();
    expect(deployment.spec.strategy.rollingUpdate).toEqual({
      maxSurge: '25%',
      maxUnavailable: 0,
    });
  });

  it('sets replicas without an autoscaler', () => {
    expect(
      (
        workload(
          parameters({ autoscaling: { enabled: false }, replicas: 3 }),
        ) as any
      ).spec.replicas,
    ).toBe(3);
  });

  it('writes canary steps with a pause after every weight but a final 100', () => {
    const rollout = workload(
      parameters({
        strategy: 'canary',
        slo: { objective: 0.99 },
        canaryWeights: [5, 20, 100],
        canaryPause: '30s',
      }),
    ) as any;
    expect(rollout.apiVersion).toBe('argoproj.io/v1alpha1');
    expect(rollout.spec.strategy.canary.steps).toEqual([
      { setWeight: 5 },
      { pause: { duration: '30s' } },
      { setWeight: 20 },
      { pause: { duration: '30s' } },
      { setWeight: 100 },
    ]);
    expect(rollout.spec.strategy.canary.analysis).toEqual({
      templates: [{ templateName: 'checkout-slo-error-ratio' }],
      startingStep: 1,
    });
  });

  it('pauses after a last weight below 100 and starts the analysis at once for a single step', () => {
    const steps = (weights: number[]) =>
      (
        workload(
          parameters({
            strategy: 'canary',
            slo: { objective: 0.99 },
            canaryWeights: weights,
          }),
        ) as any
      ).spec.strategy.canary;
    expect(steps([50]).steps).toEqual([
      { setWeight: 50 },
      { pause: { duration: '2m' } },
    ]);
    expect(steps([100])).toMatchObject({
      steps: [{ setWeight: 100 }],
      analysis: { templates: [{}] },
    });
    expect(steps([100]).analysis.startingStep).toBeUndefined();
  });

  it('points blue-green at the active and preview Services with a pre-promotion analysis', () => {
    const rollout = workload(
      parameters({ strategy: 'blue-green', slo: { objective: 0.99 } }),
    ) as any;
    expect(rollout.spec.strategy.blueGreen).toEqual({
      activeService: 'checkout',
      previewService: 'checkout-preview',
      autoPromotionEnabled: true,
      prePromotionAnalysis: {
        templates: [{ templateName: 'checkout-slo-error-ratio' }],
      },
      scaleDownDelaySeconds: 30,
    });
  });
});
