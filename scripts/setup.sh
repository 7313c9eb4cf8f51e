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
  .venv/bin/pip install --quiet "torch==2.13.0"
  .venv/bin/pip install --quiet -e ".[st,test,llm]"
else
  .venv/bin/pip install --quiet -e .
fi
