#!/usr/bin/env node
// Test data and run config of the adoption test, written into a fresh app:
//
//   node fixtures.mjs <app dir> <backend port> <app port> <tokens json>
//
// - examples/opsdeck/catalog-info.yaml: the Component adoption-service
//   (opsdeck.io/slo, opsdeck.io/oncall-rotation; its cost comes from the
//   default tag backstage-component=adoption-service), its owner Group
//   adoption-team and the User adopter, registered from this local file
//   (below create-app's examples/, which the README's opsdeck.localFiles.allow
//   names), with the OpenSLO file and the rotation file it points at.
// - examples/opsdeck/focus.csv: a tiny FOCUS 1.0 export of the last 3 days,
//   tagged for the component.
// - app-config.local.yaml (loaded after app-config.yaml by `yarn start`): the
//   free ports, static external access tokens restricted to their plugins,
//   the catalog location and slo.demo (there is no Prometheus here).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

const [appDir, backendPort, appPort, tokensJson] = process.argv.slice(2);
const tokens = JSON.parse(tokensJson);
const dir = join(appDir, 'examples/opsdeck');
mkdirSync(join(dir, 'slo'), { recursive: true });
mkdirSync(join(dir, 'oncall'), { recursive: true });

writeFileSync(
  join(dir, 'catalog-info.yaml'),
  `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: adoption-service
  title: Adoption service
  annotations:
    opsdeck.io/slo: ./slo/adoption-service.openslo.yaml
    opsdeck.io/oncall-rotation: ./oncall/adoption-team.rotation.yaml
spec:
  type: service
  lifecycle: production
  owner: adoption-team
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: adoption-team
  title: Adoption team
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: adopter
spec:
  profile:
    displayName: Ada Adopter
    email: adopter@example.com
  memberOf: [adoption-team]
`,
);

writeFileSync(
  join(dir, 'slo/adoption-service.openslo.yaml'),
  `apiVersion: openslo/v1
kind: SLI
metadata:
  name: adoption-requests
spec:
  ratioMetric:
    counter: true
    good:
      metricSource:
        type: Prometheus
        spec:
          query: http_requests_total{service="adoption-service",code!~"5.."}
    total:
      metricSource:
        type: Prometheus
        spec:
          query: http_requests_total{service="adoption-service"}
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: adoption-availability
  displayName: Adoption availability
spec:
  service: adoption-service
  indicatorRef: adoption-requests
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - displayName: Requests without a server error
      target: 0.995
`,
);

writeFileSync(
  join(dir, 'oncall/adoption-team.rotation.yaml'),
  `apiVersion: opsdeck.io/v1alpha1
kind: Rotation
metadata:
  name: adoption-team
spec:
  timeZone: UTC
  schedules:
    - name: primary
      layers:
        - name: weekly
          start: '2026-01-05'
          handoffTime: '09:00'
          rotationLength: { weeks: 1 }
          members: [adopter]
  escalationPolicy:
    levels:
      - delayMinutes: 0
        targets: [{ schedule: primary }]
`,
);

const header =
  'BilledCost,BillingAccountId,BillingAccountName,BillingCurrency,BillingPeriodStart,BillingPeriodEnd,ChargeCategory,ChargeClass,ChargeDescription,ChargePeriodStart,ChargePeriodEnd,ContractedCost,EffectiveCost,InvoiceIssuerName,ListCost,PricingQuantity,PricingUnit,ProviderName,PublisherName,ServiceCategory,ServiceName,RegionId,ResourceId,SubAccountId,PricingCategory,ConsumedQuantity,Tags';
const rows = [];
const day = 24 * 3600 * 1000;
const today = Date.UTC(
  new Date().getUTCFullYear(),
  new Date().getUTCMonth(),
  new Date().getUTCDate(),
);
for (let i = 3; i >= 1; i--) {
  const start = new Date(today - i * day);
  const iso = d => d.toISOString().replace('.000Z', 'Z');
  const monthStart = new Date(
    Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1),
  );
  const monthEnd = new Date(
    Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1),
  );
  const cost = 10 + i;
  rows.push(
    [
      cost,
      'acc-1',
      'Adoption',
      'EUR',
      iso(monthStart),
      iso(monthEnd),
      'Usage',
      '',
      'Virtual Machines vm-1',
      iso(start),
      iso(new Date(start.getTime() + day - 1000)),
      cost,
      cost,
      'Example Cloud',
      cost,
      24,
      'Hours',
      'Example Cloud',
      'Example Cloud',
      'Compute',
      'Virtual Machines',
      'eu-west-1',
      'vm-1',
      'sub-adoption',
      'Standard',
      24,
      '"{""backstage-component"":""adoption-service"",""backstage-owner"":""adoption-team""}"',
    ].join(','),
  );
}
writeFileSync(join(dir, 'focus.csv'), `${header}\n${rows.join('\n')}\n`);

const appUrl = `http://127.0.0.1:${appPort}`;
const backendUrl = `http://127.0.0.1:${backendPort}`;
const token = (value, subject, plugins) => ({
  type: 'static',
  options: { token: value, subject },
  accessRestrictions: plugins.map(plugin => ({ plugin })),
});
writeFileSync(
  join(appDir, 'app-config.local.yaml'),
  stringify({
    app: { baseUrl: appUrl },
    backend: {
      baseUrl: backendUrl,
      listen: { port: Number(backendPort), host: '127.0.0.1' },
      cors: {
        origin: appUrl,
        methods: ['GET', 'HEAD', 'PATCH', 'POST', 'PUT', 'DELETE'],
        credentials: true,
      },
      auth: {
        externalAccess: [
          token(tokens.harness, 'adoption-test', [
            'catalog',
            'scaffolder',
            'slo',
          ]),
          token(tokens.deployments, 'adoption-pipeline', ['deployments']),
          token(tokens.cost, 'adoption-billing-export', ['cost']),
        ],
      },
    },
    catalog: {
      locations: [
        {
          type: 'file',
          target: '../../examples/opsdeck/catalog-info.yaml',
          rules: [{ allow: ['Component', 'Group', 'User'] }],
        },
      ],
    },
    slo: { demo: true },
  }),
);
console.log(`fixtures written; app ${appUrl}, backend ${backendUrl}`);
