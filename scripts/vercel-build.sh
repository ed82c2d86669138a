#!/usr/bin/env bash
# Vercel's build command (vercel.json → `npm run vercel-build`): apply the database migrations,
# then build. A deployment without a database fails here, with the reason, instead of going live
# and answering every callback 503. A failed migration fails the deploy; the previous version keeps
# serving.
set -euo pipefail

if [ -z "${DATABASE_URL:-}" ]; then
  cat >&2 <<'MESSAGE'
DATABASE_URL is not set, so this deployment has no database.
On Vercel: Storage → Create Database → Neon (it sets DATABASE_URL), or set DATABASE_URL under
Settings → Environment Variables to a PostgreSQL connection string; then redeploy.
The embedded database (PGlite) is for local use only and is never used in a Vercel function.
MESSAGE
  exit 1
fi

# Neon also sets DATABASE_URL_UNPOOLED: schema changes go over a direct connection when there is one.
DATABASE_URL="${DATABASE_URL_UNPOOLED:-$DATABASE_URL}" npm run -s db:migrate
exec npx next build
