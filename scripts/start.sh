#!/usr/bin/env bash
# Quick start: install, build the index if needed (offline, embedded Chroma), start the app on 127.0.0.1:8501.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/wpb ingest
# The address is passed here, not only in .streamlit/config.toml: Streamlit reads that file from the
# working directory only. A later --server.address in "$@" overrides it.
exec .venv/bin/streamlit run app.py --server.address 127.0.0.1 --client.toolbarMode minimal "$@"
