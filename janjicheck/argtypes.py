"""Argument types shared by the ``janjicheck`` subcommands (argparse ``type=`` callables)."""

from __future__ import annotations

import argparse


def unit_float(text: str) -> float:
    """Parse a number in ``[0, 1]`` (a probability or a confidence).

    Raises:
        argparse.ArgumentTypeError: If ``text`` is not a number in ``[0, 1]``.

    """
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"must lie in 0-1, got {value}")
    return value
