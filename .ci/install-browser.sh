#!/usr/bin/env bash
# Installs Debian's chromium for the real-browser test (test/browser/report.test.ts), which drives it
# with playwright-core; no browser is ever downloaded by npm or playwright. Called by .ci/run.
# Waits for the dpkg lock when another apt run holds it.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  echo "chromium already installed: $(command -v chromium)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
for attempt in 1 2 3 4 5 6 7 8 9 10; do
  if $SUDO apt-get -o DPkg::Lock::Timeout=120 update -y && \
     DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=120 install -y --no-install-recommends chromium fonts-liberation; then
    break
  fi
  echo "apt-get failed (attempt $attempt); retrying in 15 s" >&2
  sleep 15
done
command -v chromium
