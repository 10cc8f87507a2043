"""The ``janjicheck`` command line as tests run it: a child process, output captured."""

from __future__ import annotations

import subprocess
import sys


def run_janjicheck(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``python -m janjicheck.cli ARGS`` and return the finished process (never raises on
    a non-zero exit; ``timeout`` in seconds)."""
    return subprocess.run(
        [sys.executable, "-m", "janjicheck.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
