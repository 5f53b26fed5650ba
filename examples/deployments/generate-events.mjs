// Writes events.json: 60 days of deployment events for the demo services.
// Deterministic (seeded), so regenerating gives the same file:
//   node examples/deployments/generate-events.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const END = Date.parse('2026-11-26T06:00:00Z');
const DAY = 24 * 3600 * 1000;
const MINUTE = 60 * 1000;
const START = END - 60 * DAY;

let seed = 42;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = list => list[Math.floor(random() * list.length)];
const hex = length =>
  Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
const iso = ms => new Date(ms).toISOString().replace('.000Z', 'Z');

const services = [
  {
    name: 'checkout-service',
    perDay: 1,
    strategy: 'canary',
    actors: ['alice', 'bob', 'release-bot'],
  },
  {
    name: 'payments-api',
    perDay: 0.3,
    strategy: 'blue-green',
    actors: ['carol', 'release-bot'],
  },
  {
    name: 'search-service',
    perDay: 2.5,
    strategy: 'rolling',
    actors: ['dave', 'erin', 'release-bot'],
  },
  {
    name: 'web-storefront',
    perDay: 1.2,
    strategy: 'rolling',
    actors: ['frank', 'grace'],
  },
];

const events = [];
function emit(service, run, environment, status, at, extra = {}) {
  events.push({
    eventId: `${service.name}-${run.number}-${environment}-${status}${
      extra.step !== undefined ? `-${extra.step}` : ''
    }`,
    entityRef: `component:default/${service.name}`,
    environment,
    version: run.version,
    commitSha: run.commitSha,
    commitTime: iso(run.commitTime),
    status,
    strategy: environment === 'production' ? service.strategy : 'rolling',
    ...extra,
    actor: run.actor,
    runUrl: `https://ci.northwind.example/${service.name}/runs/${run.number}`,
    timestamp: iso(at),
  });
}

function deployProduction(service, run, at, outcome) {
  emit(
    service,
    run,
    'production',
    'started',
    at,
    service.strategy === 'canary' ? { step: 0, trafficWeight: 10 } : {},
  );
  let t = at;
  if (service.strategy === 'canary') {
    for (const [step, weight] of [
      [1, 25],
      [2, 50],
    ]) {
      t += 10 * MINUTE;
      emit(service, run, 'production', 'started', t, {
        step,
        trafficWeight: weight,
      });
      if (outcome === 'in-flight' && step === 2) return;
    }
  }
  t += (5 + Math.floor(random() * 15)) * MINUTE;
  if (outcome === 'failed') {
    emit(service, run, 'production', 'failed', t);
    return;
  }
  emit(
    service,
    run,
    'production',
    'succeeded',
    t,
    service.strategy === 'canary' ? { trafficWeight: 100 } : {},
  );
  if (outcome === 'rolled_back') {
    emit(service, run, 'production', 'rolled_back', t + 40 * MINUTE);
  }
}

for (const service of services) {
  let number = 1000;
  let minor = 0;
  let patch = 0;
  const gap = DAY / service.perDay;
  const specials = {
    'checkout-service': { failedOn: 40, rolledBackOn: 25, inFlightLast: true },
    'payments-api': { failedOn: 30 },
    'search-service': { rolledBackOn: 12 },
    'web-storefront': {},
  }[service.name];
  let failedDone = false;
  let rolledBackDone = false;
  for (
    let t = START + random() * gap;
    t < END - 2 * 3600 * 1000;
    t += gap * (0.5 + random())
  ) {
    const hour = new Date(t).getUTCHours();
    if (hour < 7 || hour > 18) continue;
    number += 1;
    if (random() < 0.2) {
      minor += 1;
      patch = 0;
    } else {
      patch += 1;
    }
    const run = {
      number,
      version: `1.${minor}.${patch}`,
      commitSha: hex(40),
      commitTime: t - (1 + random() * 30) * 3600 * 1000,
      actor: pick(service.actors),
    };
    emit(service, run, 'staging', 'started', t);
    emit(service, run, 'staging', 'succeeded', t + 6 * MINUTE);
    const daysAgo = (END - t) / DAY;
    let outcome = 'succeeded';
    if (!failedDone && specials.failedOn && daysAgo < specials.failedOn) {
      outcome = 'failed';
      failedDone = true;
    } else if (
      !rolledBackDone &&
      specials.rolledBackOn &&
      daysAgo < specials.rolledBackOn
    ) {
      outcome = 'rolled_back';
      rolledBackDone = true;
    }
    deployProduction(service, run, t + 30 * MINUTE, outcome);
  }
  if (specials.inFlightLast) {
    number += 1;
    minor += 1;
    const t = END - 90 * MINUTE;
    const run = {
      number,
      version: `1.${minor}.0`,
      commitSha: hex(40),
      commitTime: t - 5 * 3600 * 1000,
      actor: 'alice',
    };
    emit(service, run, 'staging', 'started', t);
    emit(service, run, 'staging', 'succeeded', t + 6 * MINUTE);
    deployProduction(service, run, t + 30 * MINUTE, 'in-flight');
  }
}

events.sort(
  (a, b) =>
    a.timestamp.localeCompare(b.timestamp) ||
    a.eventId.localeCompare(b.eventId),
);
const out = join(dirname(fileURLToPath(import.meta.url)), 'events.json');
writeFileSync(out, `${JSON.stringify({ events }, null, 2)}\n`);
console.log(`wrote ${events.length} events to ${out}`);
