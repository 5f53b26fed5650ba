#!/usr/bin/env bash
# Installs the Debian packages the tests need, where they are missing: Chromium (browser tests), Prometheus and
# promtool (SLO tests), shellcheck (scripts in generated pipelines), a Java runtime (Jenkinsfile lint).
# With --services it also installs PostgreSQL and Redis. Needs root (or sudo); otherwise it lists what is missing.
set -euo pipefail

declare -A wanted=(
  [chromium]=chromium
  [prometheus]=prometheus
  [promtool]=prometheus
  [shellcheck]=shellcheck
  [java]=default-jre-headless
)
if [ "${1:-}" = "--services" ]; then
  wanted[pg_ctlcluster]=postgresql
  wanted[redis-server]=redis-server
fi

missing=()
for command in "${!wanted[@]}"; do
  command -v "$command" >/dev/null 2>&1 || missing+=("${wanted[$command]}")
done
[ ${#missing[@]} -eq 0 ] && exit 0
mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "opsdeck: missing Debian packages: ${missing[*]} (install them as root: apt-get install ${missing[*]})" >&2
  exit 1
fi

echo "opsdeck: installing Debian packages: ${missing[*]}" >&2
"${sudo[@]}" apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
