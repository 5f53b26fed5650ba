#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis run on 127.0.0.1 (installing them where missing), for the tests that use
# them. Exits non-zero, saying which, when one cannot be reached.
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
"$here/install-system-packages.sh" --services

if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "opsdeck: starting PostgreSQL" >&2
  cluster_version="$(find /etc/postgresql -mindepth 1 -maxdepth 1 -printf "%f\n" | sort -n | tail -1)"
  pg_ctlcluster --skip-systemctl-redirect "$cluster_version" main start >&2
fi
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "opsdeck: starting Redis" >&2
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >&2
fi

for _ in $(seq 1 30); do
  if pg_isready -q -h 127.0.0.1 -p 5432 && redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    exit 0
  fi
  sleep 1
done
pg_isready -h 127.0.0.1 -p 5432 >&2 || echo "opsdeck: PostgreSQL is not reachable on 127.0.0.1:5432" >&2
redis-cli -h 127.0.0.1 -p 6379 ping >&2 || echo "opsdeck: Redis is not reachable on 127.0.0.1:6379" >&2
exit 1
