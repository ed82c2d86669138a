#!/usr/bin/env bash
# `npm test`: installs what the tests need, then runs every suite:
#   vitest (unit + integration on PGlite; again on PostgreSQL when TEST_DATABASE_URL is set),
#   Playwright end-to-end tests against a production build in Chromium,
#   and, with TEST_DATABASE_URL, the production smoke test (next start on PostgreSQL + simulator).
# Prints one closing line: "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund || exit 1
fi

bash scripts/ensure-browser.sh || exit 1

mkdir -p test-results
rm -f test-results/vitest.json test-results/playwright.json
passed=0
failed=0
add_counts() { passed=$((passed + $1)); failed=$((failed + $2)); }
# A suite's counts from its JSON report: $1 the report, $2 JavaScript printing "passed failed" from
# the report `r`, $3 the suite's exit status. A suite that failed without a failed test in its
# report (or without a report) counts as one failure.
add_report() {
  local p f
  if [ -f "$1" ]; then
    read -r p f < <(node -e "const r=require('./$1');$2")
    add_counts "$p" "$f"
    if [ "$3" -ne 0 ] && [ "$f" -eq 0 ]; then add_counts 0 1; fi
  else
    add_counts 0 1
  fi
}

echo "== vitest"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
add_report test-results/vitest.json 'console.log(r.numPassedTests, r.numFailedTests)' $?

echo "== playwright"
PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/playwright.json npx playwright test --reporter=list,json
add_report test-results/playwright.json 'console.log(r.stats.expected + r.stats.flaky, r.stats.unexpected)' $?

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo "== production smoke test (next start on a fresh PostgreSQL database + simulator)"
  smoke_db="payssam_smoke_$(date +%s)_$$"
  smoke_url="$(node -e 'const u=new URL(process.argv[1]);u.pathname="/"+process.argv[2];console.log(u.toString())' "$TEST_DATABASE_URL" "$smoke_db")"
  if psql "$TEST_DATABASE_URL" -qc "CREATE DATABASE $smoke_db" && DATABASE_URL="$smoke_url" npm run -s test:prod-smoke; then
    add_counts 1 0
  else
    add_counts 0 1
  fi
  psql "$TEST_DATABASE_URL" -qc "DROP DATABASE IF EXISTS $smoke_db WITH (FORCE)" >/dev/null 2>&1 || true
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
