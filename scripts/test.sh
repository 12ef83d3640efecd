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

# The static checks (type-check, lint, format) run beside the build and the tests at the lowest CPU
# priority: they take what CPU the build (about one core) and the tests leave, instead of holding
# the tests back by two minutes. Their output is printed whole once the tests end; any failure fails
# `npm test`.
checks="$(mktemp)"
report="$(mktemp)"
trap 'rm -f "$checks" "$report"' EXIT
(
  echo "== type-check" && nice -n 19 npm run -s typecheck &&
    echo "== lint" && nice -n 19 npm run -s lint &&
    echo "== format" && nice -n 19 npm run -s format:check
) >"$checks" 2>&1 &
checks_pid=$!

# The browser tests serve the built kiosk UI and hall pages: build them first (skipped when their
# sources have not changed since the last build; see scripts/build-cache.ts). The build keeps about
# one core busy, and the static checks above take the other.
echo "== build renderer and hall pages"
npm run -s build

echo "== tests"
status=0
# Besides the usual report, a JSON one: the last lines of the log name each failed test (below).
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=1
checks_status=0
wait "$checks_pid" || checks_status=1
cat "$checks"
node scripts/failed-tests.mjs "$report"
if [ "$checks_status" -ne 0 ]; then
  echo "npm test: a static check above (type-check, lint or format) failed." >&2
  exit 1
fi
exit "$status"
