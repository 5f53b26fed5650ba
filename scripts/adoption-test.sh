#!/usr/bin/env bash
# Adoption test: installs Opsdeck into fresh Backstage apps the way the root README's
# "Install into an existing Backstage app" section tells an adopter to, and checks that it works.
#
#  1. builds the repository and packs every public package under plugins/ with `yarn pack`;
#  2. serves those tarballs from a tiny local npm registry (scripts/adoption/registry.mjs) on a free
#     port; the fresh apps take only the @opsdeck scope from it (npmScopes in .yarnrc.yml), everything
#     else from the machine's registry;
#  3. creates two fresh apps with @backstage/create-app 0.9.2 in a temp dir, the default (new frontend
#     system) and --legacy, and installs them as they come (an adopter's existing app), in the background
#     while 1. runs;
#  4. in each, runs the README's marked blocks verbatim (`<!-- adoption-test: NAME -->` before a fenced
#     block, see scripts/adoption/readme.mjs): the `yarn --cwd ... add` lines, the backend lines, the
#     frontend wiring of its frontend system and the app-config;
#  5. `yarn install`, `yarn tsc`, `yarn build:backend`, then starts the app (`yarn start`) with a test
#     entity registered from a local file and checks the backend (every Opsdeck health route, the
#     scaffolder's list of Opsdeck actions, a deployment event and a FOCUS upload with static external
#     access tokens) and, in Debian's Chromium, the Opsdeck cards and tabs on the entity's page.
#
# Prints each step's duration and ends with "adoption test: PASS" or "adoption test: FAIL"; on a failure
# it names the step, the command, its exit code and the last 40 lines of its output, and exits non-zero.
# Processes it started are stopped and the temp dir removed on any exit (Ctrl-C too), unless
# OPSDECK_ADOPTION_KEEP=1 (then the apps and logs stay and their path is printed).
# OPSDECK_ADOPTION_APPS="nfs legacy" (default) chooses the apps. Needs Debian's chromium.
set -uo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
root="$OPSDECK_ROOT"
helpers="$root/scripts/adoption"
read -r -a apps <<<"${OPSDECK_ADOPTION_APPS:-nfs legacy}"

work="$(mktemp -d "${TMPDIR:-/tmp}/opsdeck-adoption.XXXXXX")"
logs="$work/logs"
mkdir -p "$logs" "$work/tarballs"
groups=()
durations="$work/durations"
: >"$durations"
result=FAIL
started_all=$SECONDS

# Stops a process group: TERM, then KILL after 10 s.
stop_group() {
  local pgid="$1"
  kill -TERM -- "-$pgid" 2>/dev/null || return 0
  for _ in $(seq 1 50); do
    kill -0 -- "-$pgid" 2>/dev/null || return 0
    sleep 0.2
  done
  kill -KILL -- "-$pgid" 2>/dev/null || true
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  local pgid
  [ -n "${step_pid:-}" ] && stop_group "$step_pid"
  for pgid in "${groups[@]}"; do
    stop_group "$pgid"
  done
  echo "::: durations"
  cat "$durations"
  if [ "${OPSDECK_ADOPTION_KEEP:-0}" = 1 ]; then
    echo "::: kept $work (apps, tarballs, logs)"
  else
    rm -rf "$work"
  fi
  [ "$status" -ne 0 ] && result=FAIL
  echo "adoption test: $result ($((SECONDS - started_all)) s)"
  exit "$status"
}
trap cleanup EXIT
trap 'echo "::: interrupted"; exit 130' INT
trap 'echo "::: terminated"; exit 143' TERM

# run_step LABEL COMMAND...: runs COMMAND with its output in a log; records the duration; on failure
# reports the step, the command, its exit code and the log's last 40 lines, and ends the script.
# COMMAND runs as a background job in its own process group that the script waits for, so that Ctrl-C
# or TERM stop the script at once and cleanup stops the step's processes. run_step_here runs COMMAND in
# this shell instead (for the steps that set variables: starting and stopping the app).
step_number=0
step_pid=
run_step() {
  run_step_in background "$@"
}
run_step_here() {
  run_step_in here "$@"
}
run_step_in() {
  local where="$1" label="$2"
  shift 2
  step_number=$((step_number + 1))
  local name="${label//[^A-Za-z0-9._-]/_}"
  local log
  log="$logs/$(printf '%02d' "$step_number")-${name:0:80}.log"
  local began=$SECONDS
  echo "::: $label"
  local status
  if [ "$where" = here ]; then
    "$@" >"$log" 2>&1
    status=$?
  else
    set -m
    "$@" >"$log" 2>&1 &
    step_pid=$!
    set +m
    wait "$step_pid"
    status=$?
    step_pid=
  fi
  local took=$((SECONDS - began))
  printf '%5d s  %s\n' "$took" "$label" >>"$durations"
  if [ "$status" -ne 0 ]; then
    echo "::: FAILED: $label"
    echo "::: command: $(printf '%q ' "$@")"
    echo "::: exit code $status after $took s; last 40 lines of $log (cut at 400 characters):"
    tail -n 40 "$log" | cut -c 1-400
    exit 1
  fi
  echo "::: ok ($took s)"
}

# in_dir DIR COMMAND...: runs COMMAND in DIR (in a subshell).
in_dir() (
  cd "$1" && shift && "$@"
)

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# --- 3. the fresh apps, made and installed in the background while the repository builds ----------

# Yarn turns on immutable installs when it sees CI=true; an adopter's `yarn add` is not immutable.
export YARN_ENABLE_IMMUTABLE_INSTALLS=false
# create-app runs `git init` and commits outside a git repository: give git an identity.
export GIT_AUTHOR_NAME=opsdeck-adoption GIT_AUTHOR_EMAIL=adoption@opsdeck.invalid
export GIT_COMMITTER_NAME=opsdeck-adoption GIT_COMMITTER_EMAIL=adoption@opsdeck.invalid
export BROWSER=none
# `yarn add` looks up @types/<name> for each package it adds (tsEnableAutoTypes); the 404 of this machine's
# registry for those sends Yarn 4.13 into its retry race and it crashes with "The `onCancel` handler was
# attached after the promise settled" (yarnpkg/berry#7245). An environment setting, not an install step.
export YARN_TS_ENABLE_AUTO_TYPES=false

create_app() {
  local flavour="$1" dir="$2"
  local args=(--path "$dir" --skip-install)
  [ "$flavour" = legacy ] && args+=(--legacy)
  cd "$work" && BACKSTAGE_APP_NAME=app npx -y @backstage/create-app@0.9.2 "${args[@]}"
}

# The fresh app as an adopter has it before adding Opsdeck: created and installed. Runs in the background
# job below, whose process group cleanup stops: its steps stay in that group (run_step_here).
baseline_app() {
  local flavour="$1" dir="$2"
  run_step_here "$flavour: create-app 0.9.2 $([ "$flavour" = legacy ] && echo --legacy)" create_app "$flavour" "$dir"
  # ENVIRONMENT WORKAROUND, not an install step: pin @backstage/* to 1.55.0 (this registry holds a
  # partial newer release; see prepare-app.mjs).
  run_step_here "$flavour: environment workaround: Backstage 1.55.0 pins" node "$helpers/prepare-app.mjs" pins "$root" "$dir"
  run_step_here "$flavour: yarn install (the app before Opsdeck)" in_dir "$dir" yarn install
}

# Job control on for a moment: the background job gets its own process group, stopped by cleanup.
set -m
(
  for flavour in "${apps[@]}"; do
    baseline_app "$flavour" "$work/$flavour"
  done
) >"$logs/apps-baseline.log" 2>&1 &
apps_pid=$!
set +m
groups+=("$apps_pid")
echo "::: in the background: create and install the fresh apps (${apps[*]})"

# --- 1. build and pack ---------------------------------------------------------------------------

build_repo() {
  "$root/scripts/install-dependencies.sh" && cd "$root" && yarn tsc && yarn backstage-cli repo build
}

# pack_one FOLDER: `yarn pack` of one package into $work/tarballs (its log in $logs/pack/); a failure is
# recorded in $work/pack-failures with the package name and exit code.
pack_one() {
  local folder="$1" name private status
  read -r name private < <(node -e 'const p=require(process.argv[1]);console.log(p.name, p.private===true)' "$folder/package.json")
  [ "$private" = true ] && return 0
  (cd "$folder" && yarn pack --out "$work/tarballs/%s-%v.tgz") >"$logs/pack/$(basename "$folder").log" 2>&1
  status=$?
  if [ "$status" -ne 0 ]; then
    echo "$name plugins/$(basename "$folder") $status" >>"$work/pack-failures"
  fi
  echo "packed $name (exit $status)"
}

# Packs every public package under plugins/, three at a time (each pack runs backstage-cli's prepack and
# postpack, about 10 s). Fails naming each package whose pack failed, with the end of its output.
pack_all() {
  mkdir -p "$logs/pack"
  export -f pack_one
  export work logs
  # shellcheck disable=SC2016 # expanded by the bash that xargs starts
  printf '%s\0' "$root"/plugins/*/ | xargs -0 -n 1 -P 3 bash -c 'pack_one "${1%/}"' _
  if [ -s "$work/pack-failures" ]; then
    local name folder status
    while read -r name folder status; do
      echo "--- yarn pack failed for $name ($folder), exit code $status; last 40 lines:"
      tail -n 40 "$logs/pack/$(basename "$folder").log"
    done <"$work/pack-failures"
    return 1
  fi
  ls -l "$work/tarballs"
}

if [ -n "${OPSDECK_ADOPTION_TARBALLS:-}" ]; then
  # For working on this script: reuse the tarballs of an earlier run (kept with OPSDECK_ADOPTION_KEEP=1).
  cp "$OPSDECK_ADOPTION_TARBALLS"/*.tgz "$work/tarballs/" || exit 1
  echo "::: using the tarballs of $OPSDECK_ADOPTION_TARBALLS (no build, no pack)"
else
  run_step "build the repository (install-dependencies, yarn tsc, backstage-cli repo build)" build_repo
  run_step "pack every public package under plugins/" pack_all
fi

# --- 2. local registry ---------------------------------------------------------------------------

start_registry() {
  setsid node "$helpers/registry.mjs" "$work/tarballs" "$work/registry.port" >"$logs/registry.log" 2>&1 &
  registry_pid=$!
  groups+=("$registry_pid")
  for _ in $(seq 1 50); do
    [ -s "$work/registry.port" ] && break
    sleep 0.2
  done
  [ -s "$work/registry.port" ] || { cat "$logs/registry.log"; return 1; }
  registry_port="$(cat "$work/registry.port")"
  cat "$logs/registry.log"
  curl -fsS "http://127.0.0.1:$registry_port/@opsdeck%2fplugin-slo" | head -c 300
}
# Not run through run_step: it sets registry_port in this shell.
began=$SECONDS
echo "::: start the local @opsdeck registry"
start_registry >"$logs/registry-start.log" 2>&1 || {
  echo "::: FAILED: start the local @opsdeck registry"
  tail -n 40 "$logs/registry-start.log"
  exit 1
}
printf '%5d s  %s\n' $((SECONDS - began)) "start the local @opsdeck registry" >>"$durations"
echo "::: ok: http://127.0.0.1:$registry_port"

echo "::: waiting for the fresh apps (background)"
wait "$apps_pid"
apps_status=$?
groups=("$registry_pid")
cat "$logs/apps-baseline.log"
[ "$apps_status" -eq 0 ] || exit 1

# --- 4.-5. each fresh app: the README, then run and check it -------------------------------------


# Removes earlier builds of the @opsdeck packages from Yarn's global cache, so that the tarballs of this
# run are installed, not ones cached under the same version by an earlier run.
forget_cached_opsdeck() {
  local cache
  cache="$(cd "$1" && yarn config get cacheFolder)"
  echo "cache folder: $cache"
  find "$cache" -maxdepth 1 -name '@opsdeck-*' -print -delete
}

# readme_command DIR LINE: runs one README command line verbatim in DIR; once more if Yarn crashed with
# its known retry race (yarnpkg/berry#7245) all the same, saying so.
readme_command() {
  local dir="$1" line="$2" status
  (cd "$dir" && bash -c "$line") 2>&1 | tee "$work/last-command.log"
  status=${PIPESTATUS[0]}
  if [ "$status" -ne 0 ] && grep -q 'onCancel. handler was attached after the promise settled' "$work/last-command.log"; then
    echo "--- Yarn crashed with its retry race (yarnpkg/berry#7245); running the line once more"
    (cd "$dir" && bash -c "$line")
    status=$?
  fi
  return "$status"
}

# The README's shell block NAME, one command a line, each run verbatim in the app's root.
run_readme_commands() {
  local flavour="$1" dir="$2" block="$3" line
  local commands
  commands="$(node "$helpers/readme.mjs" "$root/README.md" "$block")" || exit 1
  while IFS= read -r line; do
    [[ -z "${line// /}" || "$line" =~ ^[[:space:]]*# ]] && continue
    run_step "$flavour: README $block: $line" readme_command "$dir" "$line"
  done <<<"$commands"
}

# Starts `yarn start` in its own process group and waits until backend and frontend answer.
start_app() {
  local dir="$1" log="$2"
  (cd "$dir" && exec setsid yarn start) >"$log" 2>&1 &
  app_pid=$!
  groups+=("$app_pid")
  local deadline=$((SECONDS + 300))
  until curl -fsS -o /dev/null "$backend_url/.backstage/health/v1/readiness" &&
    curl -fsS -o /dev/null "$app_url"; do
    if ! kill -0 "$app_pid" 2>/dev/null; then
      echo "yarn start exited"
      tail -n 60 "$log"
      return 1
    fi
    if [ $SECONDS -gt $deadline ]; then
      echo "backend or frontend not ready after 300 s"
      tail -n 60 "$log"
      return 1
    fi
    sleep 2
  done
  echo "backend $backend_url and frontend $app_url answer"
}

# with_app_log LOG COMMAND...: runs COMMAND; when it fails, adds the end of the app's log to its output.
with_app_log() {
  local log="$1"
  shift
  "$@" && return 0
  local status=$?
  echo "--- last 30 lines of the app's log ($log):"
  tail -n 30 "$log" | cut -c 1-300
  return "$status"
}

stop_app() {
  stop_group "$app_pid"
  local kept=() pgid
  for pgid in "${groups[@]}"; do
    [ "$pgid" != "$app_pid" ] && kept+=("$pgid")
  done
  groups=("${kept[@]}")
  # The ports must be free again: nothing of the app may linger.
  ! curl -fsS -o /dev/null --max-time 2 "$backend_url/.backstage/health/v1/readiness"
}

for flavour in "${apps[@]}"; do
  dir="$work/$flavour"
  # ENVIRONMENT WORKAROUND, not an install step: the @opsdeck scope from the local registry.
  run_step "$flavour: environment workaround: @opsdeck scope from the local registry" \
    node "$helpers/prepare-app.mjs" scope "$dir" "$registry_port"
  run_step "$flavour: forget earlier @opsdeck tarballs in Yarn's cache" forget_cached_opsdeck "$dir"
  # The README's install section, verbatim.
  run_step "$flavour: README code and config blocks" node "$helpers/apply-readme.mjs" "$root/README.md" "$dir" "$flavour"
  run_readme_commands "$flavour" "$dir" install
  run_readme_commands "$flavour" "$dir" install-local-files
  run_step "$flavour: yarn install" in_dir "$dir" yarn install
  run_step "$flavour: yarn tsc" in_dir "$dir" yarn tsc
  run_step "$flavour: yarn build:backend" in_dir "$dir" yarn build:backend

  backend_port="$(free_port)"
  app_port="$(free_port)"
  while [ "$app_port" = "$backend_port" ]; do app_port="$(free_port)"; done
  backend_url="http://127.0.0.1:$backend_port"
  app_url="http://127.0.0.1:$app_port"
  tokens="$(node -e 'const r=()=>require("crypto").randomBytes(18).toString("hex");console.log(JSON.stringify({harness:r(),deployments:r(),cost:r()}))')"
  run_step "$flavour: test entity, FOCUS file and app-config.local.yaml" \
    node "$helpers/fixtures.mjs" "$dir" "$backend_port" "$app_port" "$tokens"
  run_step_here "$flavour: yarn start (backend $backend_port, frontend $app_port)" start_app "$dir" "$logs/$flavour-yarn-start.log"
  run_step "$flavour: backend checks" with_app_log "$logs/$flavour-yarn-start.log" \
    node "$helpers/api-checks.mjs" "$backend_url" "$dir" "$tokens" "$dir/examples/opsdeck/focus.csv"
  run_step "$flavour: browser checks (Chromium)" with_app_log "$logs/$flavour-yarn-start.log" \
    node "$helpers/browser-check.mjs" "$app_url" "$work/screenshots/$flavour"
  # Expected without @backstage/plugin-events-backend (create-app has none); the README explains it.
  echo "::: $flavour: $(grep -c "events backend not found" "$logs/$flavour-yarn-start.log") \"events backend not found\" warnings in the backend log (see the README)"
  run_step_here "$flavour: stop the app" stop_app
done

result=PASS
