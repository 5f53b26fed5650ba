#!/usr/bin/env bash
# Installs the repository's JavaScript dependencies with the pinned Yarn, when anything changed since the
# last install (a warm run takes a few seconds). In CI (CI=true) the lockfile must already be up to date.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$OPSDECK_ROOT"

if [ "${CI:-}" = "true" ]; then
  yarn install --immutable
else
  yarn install
fi
