"""The ``janjicheck`` command: a thin dispatcher to subcommands that live in the packages.

Each subcommand module exposes ``add_parser(subparsers) -> argparse.ArgumentParser`` (adding a
parser named as in ``COMMANDS``) and ``run(args) -> int`` (the exit code). Only the module of
the subcommand being run is imported. To add a subcommand, add one line to ``COMMANDS``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import Protocol, cast

from janjicheck import __version__

# name: (module, one-line help shown by ``janjicheck --help``)
COMMANDS: dict[str, tuple[str, str]] = {
    "detect": ("vision.cli", "find Janji Layanan JKN posters, banners and spanduk in photos"),
    "serve": ("api.cli", "run the audit service (API, self-check page)"),
    "generate": ("datasets.synth.cli", "generate synthetic training data (YOLO format)"),
    "mix": ("datasets.mix", "combine splits of generated datasets into one to train on"),
    "shrink": ("datasets.shrink", "copy a dataset split with its photos scaled down, as sent"),
    "negatives": ("datasets.negatives", "make a train split of real photos without Janji media"),
    "train": ("training.train", "train the detector from scratch (offline Ultralytics)"),
    "evaluate": ("training.evaluate", "evaluate a model package on a test split or empty photos"),
    "checkpoint": ("training.checkpoint", "write a compact, resumable checkpoint of a run"),
    "average": ("training.average", "average the weights of several checkpoints of one run"),
    "export": ("training.export", "export a checkpoint to a model package (ONNX + metadata)"),
    "optimize": ("training.graph_rewrite", "rewrite a package's graph to run faster, same outputs"),
    "labelstudio": ("training.labelstudio", "push photos to / pull labels from Label Studio"),
}


class SubcommandModule(Protocol):
    """What a subcommand module provides."""

    def add_parser(
        self, subparsers: argparse._SubParsersAction[argparse.ArgumentParser]
    ) -> argparse.ArgumentParser:
        """Add this subcommand's parser to ``subparsers`` and return it."""
        ...

    def run(self, args: argparse.Namespace) -> int:
        """Run the subcommand; return the process exit code."""
        ...


def build_parser(
    chosen: str | None,
) -> tuple[argparse.ArgumentParser, SubcommandModule | None]:
    """Build the top-level parser, importing only the ``chosen`` subcommand's module."""
    parser = argparse.ArgumentParser(
        prog="janjicheck",
        description="Janji Check: find Janji Layanan JKN media in photos of health facilities.",
    )
    parser.add_argument("--version", action="version", version=f"janjicheck {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    module: SubcommandModule | None = None
    for name, (module_name, help_text) in COMMANDS.items():
        if name == chosen:
            module = cast(SubcommandModule, importlib.import_module(module_name))
            module.add_parser(subparsers)
        else:
            subparsers.add_parser(name, help=help_text)
    return parser, module


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``janjicheck``; return the exit code (2 on usage errors)."""
    args_in = list(sys.argv[1:] if argv is None else argv)
    chosen = next((a for a in args_in if not a.startswith("-")), None)
    parser, module = build_parser(chosen if chosen in COMMANDS else None)
    args = parser.parse_args(args_in)
    if module is None or args.command is None:
        parser.print_help(sys.stderr)
        return 2
    return int(module.run(args))


if __name__ == "__main__":
    raise SystemExit(main())
