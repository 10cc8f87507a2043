"""Structured logs: one JSON object per line."""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """Format a record as JSON with its ``extra`` fields."""

    def format(self, record: logging.LogRecord) -> str:
        """Return the record as one JSON line."""
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def configure_logging(level: str, as_json: bool) -> None:
    """Send the service's logs (logger ``janjicheck``) to stderr, as JSON when asked."""
    logger = logging.getLogger("janjicheck")
    logger.setLevel(level.upper())
    if not any(getattr(h, "_janjicheck", False) for h in logger.handlers):
        stream = logging.StreamHandler()
        stream._janjicheck = True  # type: ignore[attr-defined]
        logger.addHandler(stream)
        logger.propagate = False
    for handler in logger.handlers:
        handler.setFormatter(
            JsonFormatter() if as_json else logging.Formatter("%(levelname)s %(name)s %(message)s")
        )
