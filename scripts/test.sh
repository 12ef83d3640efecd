#!/usr/bin/env bash
# `npm test`: everything that must pass. Fails with a sentence when a Debian package is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
node scripts/check-test-deps.mjs
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  # The server's integration tests also run against a real PostgreSQL: start a throwaway one.
  pg_env="$(bash scripts/start-test-postgres.sh)" || {
    echo "npm test could not start the throwaway PostgreSQL (see above); the server's PostgreSQL tests need it." >&2
    exit 1
  }
  eval "$pg_env"
  export TEST_DATABASE_URL
fi

# The checks before the tests run in two lanes, one per core: the type-check in one, lint, format
# and the builds in the other. Each lane's output is printed whole, in order, once it ends.
lanes="$(mktemp -d)"
trap 'rm -rf "$lanes"' EXIT
(
  echo "== type-check"
  npm run -s typecheck
) >"$lanes/a.log" 2>&1 &
lane_a=$!
(
  echo "== lint" && npm run -s lint &&
    echo "== format" && npm run -s format:check &&
    echo "== build renderer and hall pages" && npm run -s build
) >"$lanes/b.log" 2>&1 &
lane_b=$!
status=0
wait "$lane_a" || status=1
cat "$lanes/a.log"
wait "$lane_b" || status=1
cat "$lanes/b.log"
[ "$status" -eq 0 ] || { echo "npm test: a check above failed." >&2; exit 1; }

echo "== tests"; npx vitest run "$@"
