#!/usr/bin/env bash
# CI-sized benchmark (issue 5): a few thousand rows, a few requests per figure; fails unless it ran
# and produced every figure. Targets are not checked here: CI machines are too noisy for that.
# Reuses the production build in .next (the e2e tests make one) and builds only when there is none.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
export BENCH_DATABASE_URL="${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
if [ ! -f .next/BUILD_ID ]; then npm run build; fi
npm run bench -- --smoke "$@"
# The --against comparison's code path, this build against itself (tiny sizes, ~1 minute): building
# another commit is too slow for CI, so --against-dir reuses this build.
exec npm run bench -- --smoke --against-dir . "$@"
