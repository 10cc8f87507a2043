"""Evaluate a model package (the shipped ONNX, through ``vision.pipeline``) on a dataset split.

Usage::

    python -m training.evaluate --package models/janji-detector --data DIR [--split test] \
        [--json metrics.json] [--limit N] [--no-verify] [--empty-photos DIR [--held-out-only]]

Every photo of the split goes through the serving pipeline (decode, detect at the package's
candidate threshold, read the text of Janji candidates, decide which detections are
*accepted* with the package's ``accept`` / ``accept_verified``). Presence, lookalike false
accepts and recall by size count exactly the detections the pipeline accepts, so they measure
what serving reports. For AP, the same photo is also run through the detector at a low
threshold (a full precision-recall curve); a low-threshold detection that is the same box as
a served detection rejected by verification counts as rejected too.

Metrics are reported twice: with verification on (as served) and off (what the same pipeline
serves from the same detections when nothing is read: each Janji detection counts from
``accept``, as with OCR turned off).
Ground truth is the split's YOLO label files and ``manifest.jsonl`` (each object's lookalike
kind, e.g. ``hak_kewajiban``, and layout family), read by ``training.splits``.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from training.empty_photos import (
    EmptyPhotos,
    EmptyPhotosError,
    add_empty_photo_arguments,
    empty_photo_accepts,
    empty_photo_truths,
    empty_photos_from,
)
from training.evaluate_metrics import evaluate_outcomes
from training.evaluate_report import format_report
from training.output_paths import OutputPathError, check_output_file
from training.provenance import evaluate_command, read_fingerprint
from training.served_outcomes import (
    EvaluateError,
    load_pipeline,
    pipeline_outcomes,
    pipeline_thresholds,
)
from training.splits import GroundTruth, SplitError, dataset_folder, load_split

if TYPE_CHECKING:
    from vision.pipeline import Pipeline


def load_empty_photos(photos: EmptyPhotos) -> list[GroundTruth]:
    """Return one ground truth without objects per photo of ``photos``.

    Raises:
        EvaluateError: If the folder is missing or holds no photo to use.

    """
    try:
        return empty_photo_truths(photos.folder, photos.held_out_only)
    except EmptyPhotosError as error:
        raise EvaluateError(str(error)) from None


def evaluate_empty_photos(
    pipeline: Pipeline,
    photos: EmptyPhotos,
    truths: Sequence[GroundTruth],
    progress: bool = True,
) -> dict[str, Any]:
    """Count the photos without Janji media in which ``pipeline`` accepts one.

    Args:
        pipeline: The serving pipeline.
        photos: The folder measured.
        truths: Its photos (``load_empty_photos``).
        progress: Show a progress bar.

    Returns:
        ``{"folder", "held_out_only", "photos", "verification_on", "verification_off"}``,
        each setting as ``training.empty_photos.empty_photo_accepts`` reports it.

    Raises:
        EvaluateError: If a photo cannot be decoded.

    """
    outcomes = pipeline_outcomes(pipeline, truths, progress)
    names = [t.image.name for t in truths]
    return {
        "folder": str(photos.folder),
        "held_out_only": photos.held_out_only,
        "photos": len(truths),
        "verification_on": empty_photo_accepts(names, [o.served.janji_present for o in outcomes]),
        "verification_off": empty_photo_accepts(names, [o.unread.janji_present for o in outcomes]),
    }


def evaluate_package(
    package_dir: Path,
    dataset_dir: Path | None,
    split: str = "test",
    limit: int | None = None,
    verify: bool = True,
    progress: bool = True,
    empty_photos: EmptyPhotos | None = None,
) -> dict[str, Any]:
    """Evaluate a model package through the serving pipeline.

    Args:
        package_dir: The model package folder.
        dataset_dir: The dataset folder (or its ``data.yaml``); ``None``: no split, only
            ``empty_photos``.
        split: Split to evaluate.
        limit: Evaluate only the first ``limit`` photos of the split.
        verify: Run the verification stage (OCR); when off, both settings report the same.
        progress: Show a progress bar.
        empty_photos: Also count false accepts on these photos (key ``empty_photos``).

    Returns:
        The metrics document (see ``evaluate_outcomes``; without a split, only
        ``empty_photos``), with the package sha256.

    Raises:
        EvaluateError: If neither a split nor empty photos are given, or the package, the
            split or the photos cannot be read.

    """
    if dataset_dir is None and empty_photos is None:
        raise EvaluateError("nothing to evaluate: give a dataset split or empty photos")
    truths: list[GroundTruth] = []
    if dataset_dir is not None:
        try:
            truths = load_split(dataset_folder(dataset_dir), split, limit)
        except SplitError as error:
            raise EvaluateError(str(error)) from None
    empty = load_empty_photos(empty_photos) if empty_photos is not None else []
    pipeline = load_pipeline(package_dir, verify)
    metrics: dict[str, Any] = {}
    if dataset_dir is not None:
        outcomes = pipeline_outcomes(pipeline, truths, progress)
        metrics = evaluate_outcomes(outcomes, pipeline_thresholds(pipeline), split, verify)
    if empty_photos is not None:
        metrics["empty_photos"] = evaluate_empty_photos(pipeline, empty_photos, empty, progress)
    metrics["onnx_sha256"] = pipeline.package.onnx_sha256
    return metrics


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the evaluation options to ``parser`` (shared by the CLI subcommand)."""
    parser.add_argument("--package", type=Path, required=True, help="model package folder")
    parser.add_argument(
        "--data", type=Path, help="dataset folder or data.yaml (optional with --empty-photos)"
    )
    parser.add_argument("--split", default="test", help="split to evaluate (default test)")
    parser.add_argument("--limit", type=int, help="evaluate only the first N photos")
    parser.add_argument("--json", type=Path, dest="json_out", help="write the metrics here")
    parser.add_argument("--no-verify", action="store_true", help="skip the OCR verification")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    add_empty_photo_arguments(parser)
    parser.add_argument(
        "--update-package",
        action="store_true",
        help="store the metrics in the package and re-render its model card (the model and "
        "its thresholds stay); for a changed serving pipeline, on the package's own split",
    )
    parser.add_argument(
        "--record",
        metavar="NAME",
        help="store these figures in the package as another held-out set named NAME, shown in "
        "its model card next to its own split's (e.g. the test scenes at another photo size)",
    )


DESCRIPTION = "Evaluate a model package on a dataset split through the serving pipeline."


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """Add the ``janjicheck evaluate`` subcommand to ``subparsers`` and return its parser."""
    parser = subparsers.add_parser("evaluate", help=DESCRIPTION, description=DESCRIPTION)
    add_arguments(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    """Run the evaluation from parsed arguments; returns the process exit status."""
    if args.limit is not None and args.limit < 1:
        print("error: --limit must be >= 1", file=sys.stderr)
        return 2
    if args.data is None and args.empty_photos is None:
        print("error: give --data, --empty-photos or both", file=sys.stderr)
        return 2
    if args.held_out_only and args.empty_photos is None:
        print("error: --held-out-only needs --empty-photos", file=sys.stderr)
        return 2
    if args.update_package and (args.data is None or args.limit is not None or args.no_verify):
        print("error: --update-package needs the whole split, verified", file=sys.stderr)
        return 2
    if args.record is not None and (
        args.data is None or args.limit is not None or args.no_verify or args.update_package
    ):
        print(
            "error: --record needs the whole split, verified, and no --update-package",
            file=sys.stderr,
        )
        return 2
    if args.record is not None and not args.record.strip():
        print("error: --record needs a name", file=sys.stderr)
        return 2
    if args.json_out is not None:
        try:
            check_output_file(args.json_out, "--json")
        except OutputPathError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
    if args.update_package:
        from training.remeasure import RemeasureError, check_target

        try:
            check_target(args.package, args.data, args.split)
        except RemeasureError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
    try:
        metrics = evaluate_package(
            args.package,
            args.data,
            args.split,
            args.limit,
            not args.no_verify,
            not args.quiet,
            empty_photos_from(args),
        )
    except EvaluateError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(format_report(metrics))
    if args.json_out is not None:
        try:
            args.json_out.parent.mkdir(parents=True, exist_ok=True)
            args.json_out.write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
        except OSError as error:
            print(f"error: cannot write --json {args.json_out}: {error}", file=sys.stderr)
            return 2
        print(f"\nMetrics written to {args.json_out}")
    if args.update_package:
        from training.remeasure import store_metrics

        try:
            stored = store_metrics(
                args.package,
                metrics,
                read_fingerprint(dataset_folder(args.data)),
                reproduce_command(args),
            )
        except RemeasureError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        print(f"\nMetrics and model card stored in {args.package}")
        print("\n".join(stored.report_lines()))
    if args.record is not None:
        from training.remeasure import RemeasureError, record_other_set

        try:
            record_other_set(
                args.package,
                args.record,
                metrics,
                dataset_folder(args.data),
                f"{reproduce_command(args)} --record {shlex.quote(args.record.strip())}",
            )
        except RemeasureError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        print(f"\nFigures stored in {args.package} as {args.record.strip()!r}")
    return 0


def reproduce_command(args: argparse.Namespace) -> str:
    """Return the ``training.evaluate`` command that measures what ``args`` measured."""
    return evaluate_command(
        args.package, dataset_folder(args.data), args.split, empty_photos_from(args)
    )


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point (``python -m training.evaluate``); returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m training.evaluate", description=DESCRIPTION)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
