#!/usr/bin/env bash
# Create .venv and install the project into it. `--test` adds the test tools, the
# sentence-transformers backend (torch pinned to the local CPU build) and the LLM clients.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
if [ "${1:-}" = "--test" ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo -n"; fi
  # The browser test drives Debian's Chromium; CJK fonts make its screenshots legible.
  if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
    if $SUDO true 2>/dev/null && command -v apt-get >/dev/null; then
      echo "installing chromium and CJK fonts (apt-get)…"
      $SUDO apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
    else
      echo "warning: cannot install chromium here; the browser test will fail (WPB_SKIP_BROWSER=1 skips it)" >&2
    fi
  fi
  # The conversation store's tests start a throwaway server from Debian's PostgreSQL.
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    if $SUDO true 2>/dev/null && command -v apt-get >/dev/null; then
      echo "installing postgresql (apt-get)…"
      $SUDO apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
    else
      echo "warning: cannot install postgresql here; its tests will fail (WPB_SKIP_POSTGRES=1 skips them)" >&2
    fi
  fi
  .venv/bin/pip install --quiet "torch==2.13.0"
  .venv/bin/pip install --quiet -e ".[st,test,llm]"
else
  .venv/bin/pip install --quiet -e .
fi
