"""``python -m api [options]``: the same as ``janjicheck serve [options]``."""

from __future__ import annotations

import argparse
import sys

from api import cli


def main() -> int:
    """Parse ``serve`` options and start the service."""
    parser = argparse.ArgumentParser(prog="python -m api")
    subparsers = parser.add_subparsers(dest="command")
    cli.add_parser(subparsers)
    return cli.run(parser.parse_args(["serve", *sys.argv[1:]]))


if __name__ == "__main__":
    raise SystemExit(main())
