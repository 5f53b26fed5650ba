#!/usr/bin/env bash
# Sets up whatever is missing and runs every check and test: type check, lint, formatting, shell scripts, the
# build, the Jest suites of every package, and the end-to-end browser tests against the demo portal and the
# legacy frontend system app (packages/app-legacy).
# Ends with a line "N passed, N failed" (each check counts as one test). Exit status 0 only when all pass.
#
# Database tests run on SQLite, and also on PostgreSQL when
# BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set (.ci/run sets it).
set -uo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$OPSDECK_ROOT" || exit 1

reports="$OPSDECK_ROOT/test-reports"
rm -rf "$reports" && mkdir -p "$reports"
passed=0
failed=0
failures=()

check() {
  local name="$1"
  shift
  local started=$SECONDS
  echo "::: $name"
  if "$@" >"$reports/$name.log" 2>&1; then
    passed=$((passed + 1))
    echo "::: $name passed ($((SECONDS - started)) s)"
  else
    failed=$((failed + 1))
    failures+=("$name")
    tail -n 60 "$reports/$name.log"
    echo "::: $name FAILED ($((SECONDS - started)) s; full log in test-reports/$name.log)"
  fi
}

# Adds the passed and failed counts found in a JSON report (Jest or Playwright) to the totals.
count_report() {
  local kind="$1" file="$2" name="$3"
  local counts
  if ! counts="$(node -e '
    const [kind, file] = process.argv.slice(1);
    const r = JSON.parse(require("fs").readFileSync(file, "utf8"));
    if (kind === "jest") console.log(r.numPassedTests, r.numFailedTests + r.numRuntimeErrorTestSuites);
    else console.log(r.stats.expected + r.stats.flaky, r.stats.unexpected);
  ' "$kind" "$file" 2>/dev/null)"; then
    failed=$((failed + 1))
    failures+=("$name (no report)")
    return
  fi
  read -r p f <<<"$counts"
  passed=$((passed + p))
  failed=$((failed + f))
  [ "$f" -gt 0 ] && failures+=("$name ($f failed)")
}

# A runner that exits non-zero with no failed test in its report (it could not start, say, or the
# portal's ports were taken) counts as one failure, never as a silent pass.
count_exit_status() {
  local name="$1" status="$2" failed_before="$3"
  if [ "$status" -ne 0 ] && [ "$failed" -eq "$failed_before" ]; then
    failed=$((failed + 1))
    failures+=("$name (exit status $status)")
  fi
}

echo "::: setup"
if ! "$OPSDECK_ROOT/scripts/install-system-packages.sh"; then
  echo "opsdeck: some tests need the packages above and will fail without them" >&2
fi
if ! "$OPSDECK_ROOT/scripts/install-dependencies.sh" >"$reports/install.log" 2>&1; then
  tail -n 40 "$reports/install.log"
  echo "0 passed, 1 failed"
  exit 1
fi

if [ -n "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then
  echo "::: database tests run on SQLite and PostgreSQL 15"
else
  echo "::: database tests run on SQLite only (set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING to add PostgreSQL)"
fi

check typecheck yarn tsc
check lint yarn lint:all
check prettier yarn prettier:check
check shellcheck shellcheck -x scripts/*.sh .ci/run
check build yarn build:all
# API reports after the build: the check rebuilds the type declarations and fails on an unreported API change.
check api-reports yarn api-reports:check
check script-tests node --test scripts/release/packageChecks.test.mjs
# Packs every public package as a release would and checks each tarball; the adoption test installs them.
rm -rf "$reports/tarballs"
check release-dry-run ./scripts/release-dry-run.sh --skip-build --keep-tarballs "$reports/tarballs"

echo "::: unit and integration tests"
started=$SECONDS
CI=true BACKSTAGE_TEST_DISABLE_DOCKER=1 yarn backstage-cli repo test \
  --json --outputFile="$reports/jest.json" >"$reports/jest.log" 2>&1
jest_status=$?
failed_before=$failed
count_report jest "$reports/jest.json" jest
count_exit_status jest "$jest_status" "$failed_before"
grep -E '^(PASS|FAIL) ' "$reports/jest.log" | sort | uniq
if [ $jest_status -ne 0 ]; then
  grep -B2 -A30 -E '●' "$reports/jest.log" | head -n 200
fi
echo "::: jest finished in $((SECONDS - started)) s (log in test-reports/jest.log)"

echo "::: end-to-end browser tests (start the portal with scripts/start.sh and the legacy app with yarn start:legacy)"
started=$SECONDS
CI=true yarn playwright test >"$reports/e2e.log" 2>&1
e2e_status=$?
failed_before=$failed
count_report playwright "$reports/e2e.json" e2e
count_exit_status e2e "$e2e_status" "$failed_before"
grep -vE '^\s*$' "$reports/e2e.log" | tail -n 40
echo "::: e2e finished in $((SECONDS - started)) s (screenshots in test-results/e2e/)"

# The built backend started as production starts it (app-config.production.yaml, PostgreSQL): no demo data,
# no guest sign-in, Opsdeck's permission policy. It needs PostgreSQL, which .ci/run provides.
if [ -n "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then
  OPSDECK_SKIP_BUILD=1 check production-smoke ./scripts/production-smoke.sh
else
  echo "::: production-smoke not run: it needs PostgreSQL (set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING, as .ci/run does)"
fi

# Installs the packed packages into fresh create-app apps (both frontend systems) exactly as the README's
# install section says, and checks them running, in a browser too.
if [ -d "$reports/tarballs" ]; then
  OPSDECK_ADOPTION_TARBALLS="$reports/tarballs" check adoption ./scripts/adoption-test.sh
else
  check adoption ./scripts/adoption-test.sh
fi

if [ ${#failures[@]} -gt 0 ]; then
  echo "::: failed: ${failures[*]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ ${#failures[@]} -eq 0 ]
