"""Checks of the files and folders a command will write, made before its work starts.

A command that evaluates, averages or exports for minutes must not fail at its last step
because its output cannot be written: ``check_output_file`` and ``check_output_folder`` find
that out first, without leaving anything behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class OutputPathError(ValueError):
    """An output path that cannot be written; the message says why."""


def check_output_file(path: Path, flag: str) -> None:
    """Check that the file ``path`` can be written (created, or replaced when it exists).

    Args:
        path: The file the command will write.
        flag: The option that named it (``--out``, ``--json``), for the message.

    Raises:
        OutputPathError: If ``path`` is a folder, or its folder cannot be created or written.

    """
    if path.is_dir():
        raise OutputPathError(f"{flag} {path} is a folder: name a file to write")
    _check_creatable(path, flag)


def check_output_folder(path: Path, flag: str) -> None:
    """Check that the folder ``path`` can be written into (it may exist already).

    Args:
        path: The folder the command will write its files in.
        flag: The option that named it (``--out``), for the message.

    Raises:
        OutputPathError: If ``path`` is a file, or the folder cannot be created or written.

    """
    if path.exists() and not path.is_dir():
        raise OutputPathError(f"{flag} {path} is a file: name a new folder or a package folder")
    if path.is_dir():
        _check_writable(path, path, flag)
    else:
        _check_creatable(path, flag)


def _check_creatable(path: Path, flag: str) -> None:
    """Check that ``path``'s nearest existing folder can be written (to create ``path``)."""
    folder = next(p for p in path.absolute().parents if os.path.exists(p))  # "/" exists
    if not folder.is_dir():
        raise OutputPathError(f"{flag} {path}: {folder} is a file, not a folder")
    _check_writable(folder, path, flag)


def _check_writable(folder: Path, path: Path, flag: str) -> None:
    """Create and remove a nameless file in ``folder``: the test that also holds for root."""
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        reason = error.strerror or str(error)
        raise OutputPathError(f"{flag} {path}: cannot write in {folder} ({reason})") from None
