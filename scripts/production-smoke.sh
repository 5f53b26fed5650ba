#!/usr/bin/env bash
# Production smoke test: starts the built backend the way a production deployment does
# (`node packages/backend --config app-config.yaml --config app-config.production.yaml`, from the unpacked
# dist bundle, on PostgreSQL) and checks that it is a production configuration and not the demo: it becomes
# ready, guest sign-in is refused and GitHub sign-in is offered, every Opsdeck plugin answers its health route,
# the example catalog is not loaded, no demo data exists (deployments, incidents, cost rows, SLO demo series),
# templates publish to GitHub and GitLab (not the demo's local repositories), and Opsdeck's restricted
# permissions are refused to a caller without them.
#
# It builds the backend first (`yarn build:backend`; OPSDECK_SKIP_BUILD=1 reuses packages/backend/dist).
# PostgreSQL: POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER, POSTGRES_PASSWORD (default 127.0.0.1:5432, user
# postgres). Each run uses databases of its own (backend.database.prefix `opsdeck_smoke_<id>_`, one database per
# plugin) and drops them at the end, as it stops the backend and removes its files, whatever happened.
# The bundle is unpacked into a temporary directory and its production dependencies installed there with
# `yarn workspaces focus --all --production` (from Yarn's cache), as Backstage's Dockerfile does.
# Ends with "N passed, N failed"; exit status 0 only when every check passed.
set -uo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$OPSDECK_ROOT" || exit 1

export POSTGRES_HOST="${POSTGRES_HOST:-127.0.0.1}"
export POSTGRES_PORT="${POSTGRES_PORT:-5432}"
export POSTGRES_USER="${POSTGRES_USER:-postgres}"
export POSTGRES_PASSWORD="${POSTGRES_PASSWORD:-}"
export PGPASSWORD="$POSTGRES_PASSWORD"

run_id="$(date +%s)_$$"
db_prefix="opsdeck_smoke_${run_id}_"
work="$(mktemp -d "${TMPDIR:-/tmp}/opsdeck-production-smoke.XXXXXX")"
log="$work/backend.log"
backend_pid=""
files_pid=""
passed=0
failed=0
failures=()
script_started=$SECONDS

psql_q() {
  psql -X -q -t -A -v ON_ERROR_STOP=1 -h "$POSTGRES_HOST" -p "$POSTGRES_PORT" -U "$POSTGRES_USER" "$@"
}

cleanup() {
  local status=$?
  if [ -n "$files_pid" ]; then
    kill -TERM "$files_pid" 2>/dev/null
    wait "$files_pid" 2>/dev/null
  fi
  if [ -n "$backend_pid" ] && kill -0 "$backend_pid" 2>/dev/null; then
    kill -TERM "$backend_pid" 2>/dev/null
    for _ in $(seq 1 50); do
      kill -0 "$backend_pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -KILL "$backend_pid" 2>/dev/null
    wait "$backend_pid" 2>/dev/null
  fi
  local databases
  databases="$(psql_q -d postgres -c "SELECT datname FROM pg_database WHERE datname LIKE '${db_prefix}%'" 2>/dev/null)"
  for database in $databases; do
    psql_q -d postgres -c "DROP DATABASE IF EXISTS \"$database\" WITH (FORCE)" >/dev/null 2>&1 ||
      echo "opsdeck: could not drop database $database" >&2
  done
  if [ "$status" -ne 0 ] && [ -f "$log" ]; then
    mkdir -p "$OPSDECK_ROOT/test-reports"
    cp "$log" "$OPSDECK_ROOT/test-reports/production-smoke-backend.log"
    echo "::: backend log kept in test-reports/production-smoke-backend.log"
  fi
  rm -rf "$work"
  echo "::: production smoke finished in $((SECONDS - script_started)) s"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pass() {
  passed=$((passed + 1))
  echo "::: ok: $1"
}
fail() {
  failed=$((failed + 1))
  failures+=("$1")
  echo "::: FAILED: $1: $2"
}
# Stops at a failure that leaves nothing else to check.
abort() {
  fail "$1" "$2"
  if [ -f "$log" ]; then
    echo "::: last lines of the backend log:"
    tail -n 40 "$log"
  fi
  echo "$passed passed, $failed failed"
  exit 1
}

# --- build -------------------------------------------------------------------------------------------
started=$SECONDS
if [ "${OPSDECK_SKIP_BUILD:-}" = "1" ] && [ -f packages/backend/dist/bundle.tar.gz ]; then
  echo "::: reusing packages/backend/dist/bundle.tar.gz (OPSDECK_SKIP_BUILD=1)"
else
  echo "::: yarn build:backend"
  if ! yarn build:backend >"$work/build.log" 2>&1; then
    tail -n 40 "$work/build.log"
    abort build "yarn build:backend failed"
  fi
fi
echo "::: build took $((SECONDS - started)) s"

# --- unpack the bundle and install its production dependencies, as a deployment (Dockerfile) does ----------
started=$SECONDS
# The demo's paths (app-config.yaml: ../../examples, ../../catalog-info.yaml) resolve from the backend's
# working directory to the repository's files, so that a demo switch left on would load demo data here.
app="$work/deploy/app"
mkdir -p "$app/.yarn"
for demo_file in examples templates catalog-info.yaml; do
  ln -s "$OPSDECK_ROOT/$demo_file" "$work/$demo_file"
done
tar -xzf packages/backend/dist/bundle.tar.gz -C "$app" || abort unpack "cannot unpack the backend bundle"
cp -r .yarnrc.yml "$app/"
cp -r .yarn/releases "$app/.yarn/"
cp app-config.yaml app-config.production.yaml "$app/"
echo "::: yarn workspaces focus --all --production"
if ! (cd "$app" && yarn workspaces focus --all --production) >"$work/install.log" 2>&1; then
  tail -n 40 "$work/install.log"
  abort install "installing the bundle's production dependencies failed"
fi
echo "::: production install took $((SECONDS - started)) s"

# --- PostgreSQL and a test-only config ---------------------------------------------------------------------
if ! pg_isready -q -h "$POSTGRES_HOST" -p "$POSTGRES_PORT"; then
  abort postgresql "PostgreSQL is not reachable on $POSTGRES_HOST:$POSTGRES_PORT (scripts/start-services.sh starts it)"
fi
free_port() {
  node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'
}
port="$(free_port)"
files_port="$(free_port)"
token="smoke-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
readonly_token="smoke-ro-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
base="http://127.0.0.1:$port"
# Only what a test needs on top of the production config: its port, its databases, static tokens (one
# for reading, one restricted to reading), reading the probe entity's file server, and stand-in GitHub
# OAuth app credentials.
cat >"$app/app-config.smoke.yaml" <<EOF
app:
  baseUrl: $base
backend:
  baseUrl: $base
  listen: '127.0.0.1:$port'
  database:
    prefix: $db_prefix
  reading:
    allow:
      - host: '127.0.0.1:$files_port'
  auth:
    externalAccess:
      - type: static
        options:
          token: $token
          subject: production-smoke
      - type: static
        options:
          token: $readonly_token
          subject: production-smoke-read-only
        accessRestrictions:
          - plugin: cost
            permissionAttribute:
              action: [read]
          - plugin: deployments
            permissionAttribute:
              action: [read]
          - plugin: oncall
            permissionAttribute:
              action: [read]
EOF
export AUTH_GITHUB_CLIENT_ID=production-smoke-client-id
export AUTH_GITHUB_CLIENT_SECRET=production-smoke-client-secret

# --- start ---------------------------------------------------------------------------------------------
started=$SECONDS
echo "::: starting the built backend on port $port (databases ${db_prefix}*)"
(
  cd "$app" &&
    exec env NODE_ENV=production node packages/backend \
      --config app-config.yaml --config app-config.production.yaml --config app-config.smoke.yaml
) >"$log" 2>&1 &
backend_pid=$!

ready=""
for _ in $(seq 1 240); do
  if ! kill -0 "$backend_pid" 2>/dev/null; then
    abort ready "the backend exited during start"
  fi
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/.backstage/health/v1/readiness")" = "200" ]; then
    ready=yes
    break
  fi
  sleep 0.5
done
[ -n "$ready" ] || abort ready "the backend was not ready after 120 s"
pass "ready in $((SECONDS - started)) s"
ready_at=$SECONDS

# --- checks --------------------------------------------------------------------------------------------
checks_started=$SECONDS
# status <method> <path> [curl args...]: the HTTP status; the body goes to $work/body.
status() {
  local method="$1" path="$2"
  shift 2
  curl -s -o "$work/body" -w '%{http_code}' -X "$method" "$base$path" "$@"
}
auth=(-H "Authorization: Bearer $token")

for env in production development; do
  code="$(status GET "/api/auth/guest/refresh?env=$env" -H 'X-Requested-With: XMLHttpRequest')"
  # 404: no guest provider at all (a guest provider that is there but refuses answers 401 or 403).
  if [ "$code" = "404" ]; then
    pass "no guest sign-in (env=$env: HTTP 404)"
  else
    fail "no guest sign-in (env=$env)" "GET /api/auth/guest/refresh answered $code, not 404: $(head -c 200 "$work/body")"
  fi
done

code="$(status GET '/api/auth/github/start?env=production&scope=read:user' -H 'X-Requested-With: XMLHttpRequest')"
location="$(curl -s -o /dev/null -w '%{redirect_url}' "$base/api/auth/github/start?env=production&scope=read:user")"
if [ "$code" = "302" ] && [[ "$location" == https://github.com/login/oauth/authorize* ]]; then
  pass "GitHub sign-in offered"
else
  fail "GitHub sign-in offered" "GET /api/auth/github/start answered $code, redirect '$location'"
fi

# Health routes are open (load balancers call them without credentials).
for plugin in slo oncall deployments cost permission; do
  code="$(status GET "/api/$plugin/health")"
  if [ "$code" = "200" ]; then
    pass "/api/$plugin/health"
  else
    fail "/api/$plugin/health" "HTTP $code: $(head -c 200 "$work/body")"
  fi
done

code="$(status GET '/api/catalog/entities/by-query?limit=20' "${auth[@]}")"
if [ "$code" != "200" ]; then
  fail "example catalog not loaded" "GET /api/catalog/entities/by-query answered $code: $(head -c 200 "$work/body")"
elif [ "$(jq '.items | length' "$work/body")" != "0" ]; then
  fail "example catalog not loaded" "the catalog holds $(jq -r '[.items[] | "\(.kind):\(.metadata.name)"] | join(", ")' "$work/body")"
else
  pass "example catalog not loaded (no entities)"
fi

# A probe entity registered through the catalog API (from a local file server: the catalog registers
# only url locations), for the routes that need an entity.
mkdir -p "$work/files"
python3 -m http.server --bind 127.0.0.1 --directory "$work/files" "$files_port" >"$work/files.log" 2>&1 &
files_pid=$!
cat >"$work/files/probe.yaml" <<'EOF'
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: opsdeck-smoke-probe
  annotations:
    opsdeck.io/slo: ./probe.openslo.yaml
spec:
  type: service
  lifecycle: production
  owner: group:default/smoke
EOF
register_code="$(status POST /api/catalog/locations "${auth[@]}" -H 'Content-Type: application/json' \
  -d "{\"type\":\"url\",\"target\":\"http://127.0.0.1:$files_port/probe.yaml\"}")"
register_body="$(head -c 200 "$work/body")"
probe_ready=""
if [ "$register_code" = "201" ]; then
  for _ in $(seq 1 120); do
    if [ "$(status GET /api/catalog/entities/by-name/component/default/opsdeck-smoke-probe "${auth[@]}")" = "200" ]; then
      probe_ready=yes
      break
    fi
    sleep 0.5
  done
fi
if [ -n "$probe_ready" ]; then
  code="$(status GET '/api/slo/slos?entityRef=component:default/opsdeck-smoke-probe' "${auth[@]}")"
  if [ "$code" = "200" ] && [ "$(jq -r .demo "$work/body")" = "false" ]; then
    pass "SLOs not served from demo series"
  else
    fail "SLOs not served from demo series" "GET /api/slo/slos answered $code: $(head -c 300 "$work/body")"
  fi
else
  fail "SLOs not served from demo series" "no probe entity in the catalog after 60 s (POST /api/catalog/locations answered $register_code: $register_body)"
fi

# Templates publish to GitHub and GitLab, not to the demo's local repositories.
code="$(status GET /api/scaffolder/v2/actions "${auth[@]}")"
if [ "$code" != "200" ]; then
  fail "real publish actions" "GET /api/scaffolder/v2/actions answered $code: $(head -c 200 "$work/body")"
elif jq -e '[.[] | select(.id == "publish:github" or .id == "publish:gitlab:merge-request")] | length == 2 and all(.description // "" | test("Demo") | not)' "$work/body" >/dev/null; then
  pass "real publish actions (publish:github, publish:gitlab:merge-request)"
else
  fail "real publish actions" "$(jq -c '[.[] | select(.id | startswith("publish:")) | {id, description}]' "$work/body" | head -c 400)"
fi

# No cross-origin access for the demo's development servers.
allowed_origin="$(curl -s -o /dev/null -w '%header{access-control-allow-origin}' -H 'Origin: http://localhost:3000' "$base/.backstage/health/v1/readiness")"
if [ -z "$allowed_origin" ]; then
  pass "no CORS for the demo's development origins"
else
  fail "no CORS for the demo's development origins" "Access-Control-Allow-Origin: $allowed_origin"
fi

# Restricted permissions: a caller without them (a token restricted to reading) is refused a mutation.
code="$(status POST '/api/cost/imports?source=smoke' -H "Authorization: Bearer $readonly_token" \
  -H 'Content-Type: text/csv' --data-binary 'BilledCost')"
if [ "$code" = "403" ]; then
  pass "cost.import refused without the permission (HTTP 403)"
else
  fail "cost.import refused without the permission" "POST /api/cost/imports answered $code: $(head -c 200 "$work/body")"
fi
code="$(status GET '/api/cost/overview' -H "Authorization: Bearer $readonly_token")"
if [ "$code" = "200" ]; then
  pass "a read-restricted token still reads (cost overview)"
else
  fail "a read-restricted token still reads" "GET /api/cost/overview answered $code: $(head -c 200 "$work/body")"
fi

# No demo data in the database, once the scheduled cost import (first run 5 s after start) had its chance.
remaining=$((8 - (SECONDS - ready_at)))
[ "$remaining" -gt 0 ] && sleep "$remaining"
count_rows() {
  psql_q -d "${db_prefix}$1" -c "SELECT count(*) FROM $2" 2>&1
}
for table in cost:cost_daily cost:cost_periods cost:cost_accounts deployments:deployment_events \
  deployments:deployments oncall:oncall_incidents oncall:oncall_overrides; do
  rows="$(count_rows "${table%%:*}" "${table#*:}")"
  if [ "$rows" = "0" ]; then
    pass "no demo rows in ${table#*:}"
  else
    fail "no demo rows in ${table#*:}" "database ${db_prefix}${table%%:*}: $rows"
  fi
done

for message in 'recorded demo series' 'seed' 'focus-demo' 'allow-all'; do
  if grep -qi -- "$message" "$log"; then
    fail "no demo in the backend log" "it mentions '$message': $(grep -i -m1 -- "$message" "$log" | head -c 300)"
  else
    pass "backend log does not mention '$message'"
  fi
done
echo "::: checks took $((SECONDS - checks_started)) s"

if [ ${#failures[@]} -gt 0 ]; then
  echo "::: failed: ${failures[*]}"
  echo "::: last lines of the backend log:"
  tail -n 30 "$log"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
