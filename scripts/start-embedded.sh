#!/usr/bin/env bash
# The Quick start's server: the production build on the embedded database (./.data). A production
# server refuses callbacks while CALLBACK_TOKEN is unset (fail closed), so for this local install a
# random token is made once and kept beside the data, in .data/callback-token, where
# `npm run simulate` and `npm run db:seed -- --url …` find it.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${PORT:-3000}"
if [ -z "${CALLBACK_TOKEN:-}" ] && [ -z "${DATABASE_URL:-}" ]; then
  mkdir -p .data
  if [ ! -s .data/callback-token ]; then
    node -e 'process.stdout.write(require("node:crypto").randomBytes(18).toString("base64url"))' > .data/callback-token
  fi
  CALLBACK_TOKEN="$(cat .data/callback-token)"
  export CALLBACK_TOKEN
  # The address printed below is the dashboard's origin: sign-in checks it, and Better Auth no
  # longer warns that it has to guess it from each request.
  export BETTER_AUTH_URL="${BETTER_AUTH_URL:-http://localhost:$port}"
  # A list (new,old) while rotating: the first is the one to give out.
  current_token="${CALLBACK_TOKEN%%,*}"
  cat <<INFO

  Dashboard:       http://localhost:$port  (the first visit offers to create the administrator)
  Callback URLs:   http://localhost:$port/api/callbacks/auth-mapping?token=$current_token
                   http://localhost:$port/api/callbacks/approval?token=$current_token
                   (the token is kept in .data/callback-token)
  Try it:          npm run simulate -- approval --count 100      (in another terminal)
  Demo data:       press 데모 데이터 넣기 on the overview, signed in as the administrator

INFO
fi
exec node node_modules/next/dist/bin/next start -p "$port"
