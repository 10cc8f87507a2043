"""``janjicheck serve``: start the audit service with uvicorn.

Without any configuration it runs with embedded defaults (SQLite and files under ``./data``)
and seeds a demo facility with one API key per role, printed to the log once.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from pydantic import ValidationError

from api.settings import Settings, SettingsError


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """Add the ``serve`` parser to ``subparsers`` and return it."""
    parser = subparsers.add_parser(
        "serve",
        help="start the audit service (HTTP API)",
        description="Start the Janji Check audit service. Every option can also be set with a "
        "JANJICHECK_* environment variable (e.g. JANJICHECK_DATABASE_URL).",
    )
    parser.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, help="TCP port, 1 to 65535 (default 8000)")
    parser.add_argument("--data-dir", type=Path, help="folder for the database and photos")
    parser.add_argument("--model", type=Path, help="model package folder")
    parser.add_argument("--workers", type=int, help="inference threads")
    demo = parser.add_mutually_exclusive_group()
    demo.add_argument(
        "--demo",
        dest="demo",
        action="store_true",
        default=None,
        help="seed a demo facility and tokens on first start (default when unconfigured)",
    )
    demo.add_argument("--no-demo", dest="demo", action="store_false", help="do not seed")
    return parser


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Build the settings: environment first, command-line options over it.

    Demo seeding is on unless ``--no-demo`` is given or ``JANJICHECK_DEMO`` is set.
    """
    overrides: dict[str, object] = {}
    if args.host is not None:
        overrides["host"] = args.host
    if args.port is not None:
        overrides["port"] = args.port
    if args.data_dir is not None:
        overrides["data_dir"] = args.data_dir
    if args.model is not None:
        overrides["model_path"] = args.model
    if args.workers is not None:
        overrides["workers"] = args.workers
    if args.demo is not None:
        overrides["demo"] = args.demo
    elif "JANJICHECK_DEMO" not in os.environ:
        overrides["demo"] = True
    return Settings(**overrides)  # type: ignore[arg-type]


def _refuse(message: str) -> int:
    print(f"janjicheck serve: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    """Start the service; return the exit code (2 for settings that cannot work).

    Settings out of range, a data folder that cannot be created, a database URL that cannot
    be used and a database that cannot be opened or migrated are refused with a message
    (no traceback) before the server starts.
    """
    import uvicorn
    from alembic.util import CommandError
    from sqlalchemy.exc import SQLAlchemyError

    from api.db import upgrade
    from api.main import create_app

    try:
        settings = settings_from_args(args)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return _refuse(f"invalid settings: {problems}")
    try:
        app = create_app(settings)
    except SettingsError as exc:
        return _refuse(f"invalid settings: {exc}")
    engine = app.state.janji.engine
    try:
        upgrade(engine)  # done again, as a no-op, when the app starts
    except (SQLAlchemyError, CommandError, OSError) as exc:
        reason = getattr(exc, "orig", None) or exc
        where = engine.url.render_as_string(hide_password=True)
        return _refuse(f"cannot open or migrate the database {where}: {reason}")
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning", access_log=False)
    return 0
