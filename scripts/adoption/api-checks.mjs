#!/usr/bin/env node
// Backend checks of the adoption test against a running fresh app:
//
//   node api-checks.mjs <backend url> <app dir> <tokens json> <focus csv>
//
// tokens json: { harness, deployments, cost } static external access tokens
// (harness: catalog, scaffolder and slo; the others restricted to their
// plugin). Prints one line per check; exits 1 at the first failure, saying
// what was expected and what came back.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const [backendUrl, appDir, tokensJson, focusCsv] = process.argv.slice(2);
const tokens = JSON.parse(tokensJson);
const ENTITY = 'component:default/adoption-service';

function fail(message) {
  console.error(`FAILED: ${message}`);
  process.exit(1);
}

async function call(method, path, { token, body, type } = {}) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (type) headers['content-type'] = type;
  // The dev backend of `yarn start` may drop a connection while it settles:
  // a network error (not an HTTP status) is tried again, up to 5 times.
  let res;
  for (let attempt = 1; ; attempt++) {
    try {
      res = await fetch(`${backendUrl}${path}`, { method, headers, body });
      break;
    } catch (error) {
      if (attempt === 5) throw error;
      console.log(
        `   retrying ${method} ${path} after: ${
          error.cause?.message ?? error.message
        }`,
      );
      await new Promise(r => setTimeout(r, 3000));
    }
  }
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

function expectStatus(what, res, ...ok) {
  if (!ok.includes(res.status)) {
    fail(
      `${what}: expected HTTP ${ok.join(' or ')}, got ${
        res.status
      }: ${res.text.slice(0, 2000)}`,
    );
  }
  console.log(`ok: ${what} (HTTP ${res.status})`);
}

// 1. Every Opsdeck backend plugin answers its health route.
for (const pluginId of ['slo', 'deployments', 'oncall', 'cost']) {
  const res = await call('GET', `/api/${pluginId}/health`);
  expectStatus(`GET /api/${pluginId}/health`, res, 200);
}

// 2. The scaffolder lists every action the installed Opsdeck module registers.
// The expected set comes from the module itself: its registration is run with
// a stand-in for the scaffolder's actions extension point; its other
// dependencies (the templating extension point, say) get stand-ins that take
// any call and do nothing.
const requireFromBackend = createRequire(
  join(appDir, 'packages/backend/package.json'),
);
const moduleExports = requireFromBackend(
  '@opsdeck/plugin-scaffolder-backend-module-opsdeck',
);
const feature = moduleExports.default ?? moduleExports.scaffolderModuleOpsdeck;
const expected = [];
for (const registration of feature.getRegistrations()) {
  const args = {};
  for (const [key, ref] of Object.entries(registration.init.deps)) {
    args[key] =
      ref.id === 'scaffolder.actions'
        ? {
            addActions: (...actions) =>
              expected.push(...actions.map(a => a.id)),
          }
        : new Proxy({}, { get: () => () => {} });
  }
  await registration.init.func(args);
}
if (expected.length === 0)
  fail('the Opsdeck scaffolder module registered no action');
const actions = await call('GET', '/api/scaffolder/v2/actions', {
  token: tokens.harness,
});
expectStatus('GET /api/scaffolder/v2/actions', actions, 200);
const listed = new Set((actions.json ?? []).map(a => a.id));
const missing = expected.filter(id => !listed.has(id));
if (missing.length) fail(`the scaffolder does not list ${missing.join(', ')}`);
console.log(
  `ok: the scaffolder lists all ${
    expected.length
  } Opsdeck actions (${expected.join(', ')})`,
);

// 3. The test entity is in the catalog (deployments reject unknown entities).
const deadline = Date.now() + 120_000;
for (;;) {
  const res = await call(
    'GET',
    '/api/catalog/entities/by-name/component/default/adoption-service',
    {
      token: tokens.harness,
    },
  );
  if (res.status === 200) break;
  if (Date.now() > deadline)
    fail(
      `${ENTITY} is not in the catalog after 120 s (HTTP ${
        res.status
      }: ${res.text.slice(0, 500)})`,
    );
  await new Promise(r => setTimeout(r, 2000));
}
console.log(`ok: ${ENTITY} is in the catalog`);

// 4. The SLO backend read the entity's OpenSLO file (through the file: reader).
const slos = await call(
  'GET',
  '/api/slo/entities/component/default/adoption-service/slos',
  {
    token: tokens.harness,
  },
);
expectStatus(
  'GET /api/slo/entities/component/default/adoption-service/slos',
  slos,
  200,
);
if (!slos.text.includes('Adoption availability')) {
  fail(
    `the SLO backend did not read the OpenSLO file: ${slos.text.slice(
      0,
      2000,
    )}`,
  );
}
console.log("ok: the SLO backend read the entity's OpenSLO file");

// 5. A pipeline reports a deployment with the token restricted to deployments.
const now = new Date();
const event = {
  eventId: `adoption-${now.getTime()}`,
  entityRef: ENTITY,
  environment: 'production',
  version: '1.0.0',
  commitSha: '3f786850e387550fdab836ed7e6dc881de23001b',
  status: 'succeeded',
  actor: 'adopter',
  runUrl: 'https://ci.example.com/runs/1',
  timestamp: new Date(now.getTime() - 60_000).toISOString(),
};
const posted = await call('POST', '/api/deployments/events', {
  token: tokens.deployments,
  body: JSON.stringify(event),
  type: 'application/json',
});
expectStatus('POST /api/deployments/events', posted, 201);
const refused = await call('POST', '/api/deployments/events', {
  token: tokens.cost,
  body: JSON.stringify({ ...event, eventId: `${event.eventId}-x` }),
  type: 'application/json',
});
expectStatus(
  'POST /api/deployments/events with the cost-only token is refused',
  refused,
  403,
);

// 6. A FOCUS file is accepted by the cost import route.
const imported = await call('POST', '/api/cost/imports?source=adoption', {
  token: tokens.cost,
  body: readFileSync(focusCsv),
  type: 'text/csv',
});
expectStatus('POST /api/cost/imports?source=adoption', imported, 200, 201);
console.log(`   ${imported.text.slice(0, 300)}`);
