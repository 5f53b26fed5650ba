#!/usr/bin/env bash
# Sets up whatever is missing (pinned Node.js and Yarn, dependencies) and starts the demo portal:
# frontend on http://localhost:3000, backend on http://localhost:7007, in-memory SQLite, guest sign-in,
# the example catalog loaded. Stop it with Ctrl-C.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$OPSDECK_ROOT"

"$OPSDECK_ROOT/scripts/install-dependencies.sh"

exec yarn start "$@"
