#!/usr/bin/env bash
# Makes sure Playwright has a Chromium: Debian's package where apt-get can install it (machines
# that cannot download browsers), otherwise Playwright's own download.
set -euo pipefail
if [ -n "${PLAYWRIGHT_CHROMIUM_PATH:-}" ] && [ -x "$PLAYWRIGHT_CHROMIUM_PATH" ]; then exit 0; fi
can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }
if [ -x /usr/bin/chromium ]; then
  # Without a CJK font, screenshots show Korean as empty boxes.
  if can_apt && ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null || true
  fi
  exit 0
fi
if can_apt; then
  echo "Installing Debian's chromium and fonts-noto-cjk for the browser tests…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  exit 0
fi
npx playwright install chromium
