"""``janjicheck serve``: start the audit service with uvicorn.

Without any configuration it runs with embedded defaults (SQLite and files under ``./data``)
and seeds a demo facility with one API key per role, printed to the log once.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from pydantic import ValidationError

from api.settings import Settings


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
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8000, help="TCP port (default 8000)")
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


def run(args: argparse.Namespace) -> int:
    """Start the service; return the exit code (2 for invalid settings)."""
    import uvicorn

    from api.main import create_app

    try:
        settings = settings_from_args(args)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        print(f"janjicheck serve: invalid settings: {problems}")
        return 2
    app = create_app(settings)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)
    return 0
