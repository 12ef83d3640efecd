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
echo "== type-check"; npm run -s typecheck
echo "== lint"; npm run -s lint
echo "== format"; npm run -s format:check
echo "== build renderer"; npm run -s build -- --logLevel warn
echo "== tests"; npx vitest run "$@"
