#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (never a downloaded browser build). Install it
# from Debian's packages when it is missing; without root, say in one line what to run.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "error: the browser tests need Chromium: run 'sudo apt-get install -y chromium' first" >&2
  exit 1
fi
echo "installing Chromium from Debian's packages (once) ..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
command -v chromium >/dev/null
