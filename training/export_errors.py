"""The error of a model package export, shared by the exporter and its ``--metrics`` checks."""

from __future__ import annotations


class ExportError(ValueError):
    """An export that cannot run; the message says why."""
