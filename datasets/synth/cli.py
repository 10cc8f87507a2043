"""Command line of the generator: ``janjicheck generate`` / ``python -m datasets.synth``."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from datasets.synth.generate import GenerateConfig, counts_drawn, generate
from datasets.synth.media.fonts import FontsMissingError
from datasets.synth.media.sample import DEFAULT_LOOKALIKE_SHARE, MediaMix
from datasets.synth.splits import SPLITS
from janjicheck.argtypes import unit_float


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, got {value}")
    return value


LONG_SIDE_RANGE = (128, 4096)  # pixels: what --imgsz-long and --blur-reference may be

DESCRIPTION = "Generate a synthetic YOLO dataset of Janji Layanan JKN media in room photos."


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """Add the ``generate`` subcommand to the ``janjicheck`` parser and return it."""
    return add_arguments(subparsers.add_parser("generate", description=DESCRIPTION))


def build_parser() -> argparse.ArgumentParser:
    """Return the stand-alone argument parser of the generator."""
    return add_arguments(
        argparse.ArgumentParser(prog="python -m datasets.synth", description=DESCRIPTION)
    )


def add_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add the generator's options to ``parser`` and return it."""
    parser.add_argument("--out", type=Path, required=True, help="output dataset folder")
    parser.add_argument(
        "--backgrounds",
        type=Path,
        default=None,
        help="folder of indoor photos (e.g. Open Images CC BY 2.0 photos); "
        "procedural rooms only if omitted",
    )
    parser.add_argument("--train", type=_count, default=2500, help="train images (default 2500)")
    parser.add_argument("--val", type=_count, default=300, help="val images (default 300)")
    parser.add_argument("--test", type=_count, default=600, help="test images (default 600)")
    parser.add_argument(
        "--dev",
        type=_count,
        default=0,
        help="development images (default 0): designs, fonts, palettes and photos that "
        "neither training nor the test split uses, to choose checkpoints and thresholds on",
    )
    parser.add_argument("--seed", type=_count, default=0, help="master seed >= 0 (default 0)")
    parser.add_argument(
        "--imgsz-long", type=_count, default=960, help="image long side in pixels (default 960)"
    )
    parser.add_argument("--workers", type=_count, default=2, help="worker processes (default 2)")
    parser.add_argument(
        "--lookalike-share",
        type=unit_float,
        default=DEFAULT_LOOKALIKE_SHARE,
        help="probability (0-1) that a non-Janji medium is a BPJS-branded lookalike rather than "
        f"a generic sign, where its form allows one (default {DEFAULT_LOOKALIKE_SHARE:.3f})",
    )
    parser.add_argument(
        "--lookalike-janji-style",
        type=unit_float,
        default=0.0,
        help="probability (0-1) that a BPJS lookalike is printed in a Janji Layanan layout "
        "(same template, other words) rather than its own layouts (default 0)",
    )
    parser.add_argument(
        "--blur-reference",
        type=_count,
        default=0,
        help="draw camera and focus blur as at this long side in pixels, scaled to "
        "--imgsz-long, so a large photo is as blurred as a camera's (e.g. 1600 with "
        "--imgsz-long 4000: 2.5 times the pixels); 0: in pixels of the rendered image (default)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the generator; returns the exit status (0 ok, 2 bad argument or path)."""
    parser = build_parser()
    return _run(parser, parser.parse_args(argv))


def run(args: argparse.Namespace) -> int:
    """Run ``janjicheck generate`` with parsed ``args``; returns the exit status."""
    return _run(argparse.ArgumentParser(prog="janjicheck generate"), args)


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    low, high = LONG_SIDE_RANGE
    if not low <= args.imgsz_long <= high:
        parser.error(f"--imgsz-long must be between {low} and {high}, got {args.imgsz_long}")
    if args.blur_reference and not low <= args.blur_reference <= high:
        parser.error(f"--blur-reference must be 0 or {low} to {high}, got {args.blur_reference}")
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    if args.train + args.val + args.test + args.dev == 0:
        parser.error("nothing to generate: --train, --val, --test and --dev are all 0")
    if args.backgrounds is not None and not args.backgrounds.is_dir():
        parser.error(f"--backgrounds folder not found: {args.backgrounds}")
    config = GenerateConfig(
        out=args.out,
        backgrounds=args.backgrounds,
        counts={"train": args.train, "val": args.val, "test": args.test, "dev": args.dev},
        seed=args.seed,
        imgsz_long=args.imgsz_long,
        workers=args.workers,
        mix=MediaMix(
            lookalike_share=args.lookalike_share, janji_style_share=args.lookalike_janji_style
        ),
        blur_reference=args.blur_reference,
    )
    start = time.perf_counter()
    try:
        summary = generate(config, progress=not args.quiet)
    except (ValueError, FontsMissingError) as exc:
        parser.error(str(exc))
    seconds = time.perf_counter() - start
    total = sum(summary[s]["images"] for s in SPLITS)
    for split in counts_drawn(config.counts):
        counts = summary[split]
        print(f"{split}: {counts['images']} images, {counts['objects']} labelled objects")
    print(
        f"{total} images in {seconds:.1f} s ({seconds / max(total, 1):.3f} s/image); "
        f"fingerprint {summary['fingerprint']}"
    )
    print(f"dataset: {config.out / 'data.yaml'}")
    errors = summary["render_errors"]
    if errors:
        print(
            f"warning: {len(errors)} media failed to render and were left out; first: {errors[0]}",
            file=sys.stderr,
        )
    return 0
