"""``janjicheck detect PATH... [--json] [--model DIR] [--conf F] [--no-verify]``.

Exit codes: 0 every photo was read, 1 some could not be read or checked (each has an ``error``
entry), 2 usage error (no such path, unusable path, no photos, bad model package), 141 the
reader of the output went away (``| head``), as for a tool ended by SIGPIPE.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from datasets.classes import load_classes
from janjicheck.argtypes import unit_float
from vision.results import output_text

if TYPE_CHECKING:
    from vision.pipeline import Pipeline

EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: what a shell reports for a tool ended by ``| head``

IMAGE_EXTENSIONS = frozenset(
    {".jpg", ".jpeg", ".jpe", ".png", ".webp", ".bmp", ".tif", ".tiff", ".heic", ".heif"}
)


class UsageError(Exception):
    """A problem with the command line or its inputs (exit code 2)."""


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """Add the ``detect`` subcommand to ``subparsers``."""
    parser = subparsers.add_parser(
        "detect",
        help="find Janji Layanan JKN posters, banners and spanduk in photos",
        description=(
            "Find Janji Layanan JKN posters, banners and spanduk in photos and tell them from "
            "other signs. Folders are searched recursively for image files."
        ),
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="photo files or folders")
    parser.add_argument("--json", action="store_true", help="print JSON on stdout")
    parser.add_argument(
        "--model",
        metavar="DIR",
        default=None,
        help="model package folder (default: $JANJICHECK_MODEL or models/janji-detector)",
    )
    parser.add_argument(
        "--conf",
        type=unit_float,
        default=None,
        metavar="F",
        help="confidence threshold 0-1 (default: the model package's)",
    )
    parser.add_argument(
        "--no-verify", action="store_true", help="skip reading the text of candidates (OCR)"
    )
    return parser


def run(args: argparse.Namespace) -> int:
    """Run ``detect``; return the exit code."""
    try:
        files = collect_images(args.paths)
        pipeline = _load_pipeline(args.model, args.conf, not args.no_verify, len(files) > 1)
    except UsageError as error:
        print(f"janjicheck detect: error: {error}", file=sys.stderr)
        return 2
    entries, failed = _check_all(pipeline, files)
    try:
        if args.json:
            document = {"model": pipeline.package.summary(), "images": entries}
            json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        else:
            write_table(entries, sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (``| head``): nobody is left to tell
        _discard_stdout()
        return EXIT_BROKEN_PIPE
    return 1 if failed else 0


def collect_images(paths: Iterable[str]) -> list[Path]:
    """Expand files and folders into the list of photos to check.

    Files named directly are taken whatever their extension; folders are searched recursively
    for image extensions (case-insensitive), in sorted order.

    Raises:
        UsageError: If a path does not exist or cannot be used (name too long, permission
            denied, ...), or no photo is found.

    """
    files: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        try:
            found = _photos_at(raw)
            keys = [p.resolve() for p in found]
        except (OSError, RuntimeError) as error:  # RuntimeError: a symlink loop (Python 3.11)
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            raise UsageError(f"cannot use {output_text(raw)}: {reason}") from None
        for p, key in zip(found, keys, strict=True):
            if key not in seen:
                seen.add(key)
                files.append(p)
    if not files:
        raise UsageError("no photos found in " + ", ".join(output_text(p) for p in paths))
    return files


def _photos_at(raw: str) -> list[Path]:
    """Return the photo named by ``raw``, or those in the folder it names, sorted.

    Raises:
        UsageError: If nothing is there.
        OSError: If the path cannot be looked at (name too long, permission denied, ...).

    """
    path = Path(raw)
    if path.is_dir():
        return sorted(
            p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in IMAGE_EXTENSIONS
        )
    if path.exists():
        return [path]
    raise UsageError(f"no such file or folder: {output_text(raw)}")


def write_table(entries: Sequence[dict[str, Any]], out: TextIO) -> None:
    """Write a human-readable table of ``detect --json`` image entries."""
    rows = [("PHOTO", "SIZE", "JANJI", "DETECTIONS", "QUALITY")]
    for entry in entries:
        if "error" in entry:
            rows.append((entry["path"], "-", "error", entry["error"], "-"))
            continue
        found = "; ".join(_describe(d) for d in entry["detections"]) or "none"
        quality = entry["quality"]
        issues = ", ".join(i["code"] for i in quality["issues"]) or "ok"
        janji = "yes" if entry["janji_present"] else "no"
        rows.append((entry["path"], f"{entry['width']}x{entry['height']}", janji, found, issues))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True)]
        out.write("  ".join([*cells, row[4]]).rstrip() + "\n")
    n_janji = sum(1 for e in entries if e.get("janji_present"))
    n_error = sum(1 for e in entries if "error" in e)
    out.write(f"\n{len(entries)} photos: {n_janji} with Janji Layanan, {n_error} unreadable\n")


def _discard_stdout() -> None:
    """Point stdout at the null device, so that flushing it at exit raises nothing more."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (a test's capture)
        return
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, fd)
    os.close(null)


def _describe(detection: dict[str, Any]) -> str:
    text = f"{detection['label']} {detection['confidence']:.2f}"
    status = detection.get("verification")
    if status and status != "not_checked":
        text += f" {status}"
    if detection["promises_read"]:
        text += "(" + ",".join(str(p) for p in detection["promises_read"]) + ")"
    if detection.get("identified_as"):
        text += f" as {detection['identified_as']}"
    if detection["label"] in load_classes().janji and status != "rejected":
        text += "" if detection.get("accepted") else " (not counted)"
    return text


def _load_pipeline(model: str | None, conf: float | None, verify: bool, batch: bool) -> Pipeline:
    """Load the pipeline; for a ``batch`` of photos its detector threads sleep when idle."""
    from vision.detector import DetectorOptions
    from vision.model_package import ModelPackageError
    from vision.pipeline import Pipeline, PipelineOptions

    base = PipelineOptions()
    options = replace(
        base,
        detector=DetectorOptions(confidence=conf, spin_wait=not batch),
        verify=replace(base.verify, enabled=verify),
    )
    try:
        return Pipeline.load(model, options)
    except ModelPackageError as error:
        raise UsageError(str(error)) from None


def _check_all(pipeline: Pipeline, files: Sequence[Path]) -> tuple[list[dict[str, Any]], int]:
    from tqdm import tqdm

    from vision.results import error_to_json, image_result_to_json

    entries: list[dict[str, Any]] = []
    failed = 0
    with tqdm(
        total=len(files), unit="photo", file=sys.stderr, disable=len(files) <= 1, leave=False
    ) as progress:
        for path, result in pipeline.check_files(files):
            if isinstance(result, str):
                entries.append(error_to_json(str(path), result))
                failed += 1
            else:
                entries.append(image_result_to_json(result))
            progress.update()
    return entries, failed
