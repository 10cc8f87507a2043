"""Accuracy half of the input-size choice: one trained model served at several input sizes.

The shipped graph takes any input size (dynamic height and width), so the same weights can be
served at 320, 416, 512 or 640 px. For each size this script copies the package with the input
size changed, runs the evaluation of ``training/evaluate.py`` on a dataset split (verification
off: the detector alone decides) and times the detector on the same decoded photos. It prints,
per size, Janji AP50 and AP50-95, recall of media under 2% of the photo, presence F1, lookalike
false-accept rate, and the detector's median latency with its ratio to the package's own
(trained) size.

A model trained at 416 px and served at 640 px sees its objects at a scale it was not trained
on, so the larger sizes here understate what a model trained at that size would reach; the
figures bound the gain from below and price it in latency.

    python benchmarks/input_size.py --package models/janji-detector \\
        --data data/synth-v1-test --split test --sizes 320 416 512 640
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from training.evaluate_metrics import evaluate_outcomes
from training.served_outcomes import run_pipeline
from training.splits import GroundTruth, SplitError, load_split
from vision.decode import decode_file
from vision.model_package import ModelPackageError, load_package
from vision.pipeline import Pipeline


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--package", type=Path, default=Path("models/janji-detector"))
    parser.add_argument("--data", type=Path, required=True, help="dataset folder")
    parser.add_argument("--split", default="test")
    parser.add_argument("--sizes", type=int, nargs="+", default=[320, 416, 512, 640])
    parser.add_argument("--limit", type=int, help="only the first N photos")
    parser.add_argument("--timed", type=int, default=40, help="photos to time the detector on")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per photo")
    return parser.parse_args(argv)


def package_at(package: Path, size: int, folder: Path) -> Path:
    """Copy ``package`` into ``folder`` with its input size set to ``size`` x ``size`` px."""
    out = folder / f"size_{size}"
    shutil.copytree(package, out)
    meta = json.loads((out / "package.json").read_text(encoding="utf-8"))
    meta["input"] = {"width": size, "height": size}
    (out / "package.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return out


def detector_ms(packages: dict[int, Path], photos: list[Path], runs: int) -> dict[int, float]:
    """Return each size's median detector latency in milliseconds (decode excluded).

    One onnxruntime session at a time (idle sessions' threads would compete for the CPU); the
    sizes take turns round by round, so a busy machine slows them alike.
    """
    options = Pipeline.load(next(iter(packages.values()))).options.decode
    decoded = [decode_file(p, options) for p in photos]
    times: dict[int, list[float]] = {size: [] for size in packages}
    for _ in range(runs):
        for size, path in packages.items():
            detector = Pipeline.load(path).detector
            for image in decoded[:2]:
                detector.detect(image.image, image.scale)
            for image in decoded:
                start = time.perf_counter()
                detector.detect(image.image, image.scale)
                times[size].append((time.perf_counter() - start) * 1000)
            del detector
    return {size: statistics.median(t) for size, t in times.items()}


def accuracy(package: Path, truths: list[GroundTruth], split: str) -> dict[str, Any]:
    """Return Janji AP50, AP50-95, recall under 2% of the photo, presence F1 and lookalike
    false-accept rate (all 0-1)."""
    outcomes, thresholds, _ = run_pipeline(package, truths, verify=False, progress=False)
    off = evaluate_outcomes(outcomes, thresholds, split, verified=False)["verification_off"]
    return {
        "ap50": off["janji_ap50"],
        "ap50_95": off["janji_ap50_95"],
        "small": off["recall_by_size"]["<2%"]["rate"],
        "f1": off["presence"]["f1"],
        "false_accept": off["lookalike_false_accept"]["rate"],
    }


def _rate(value: float | None, width: int) -> str:
    """Format a 0-1 metric, ``n/a`` when the split had nothing to measure it on."""
    return f"{'n/a':>{width}}" if value is None else f"{value:>{width}.3f}"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        base_size = load_package(args.package).input_width
        truths = load_split(args.data, args.split, args.limit)
    except (ModelPackageError, SplitError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    sizes = sorted(set(args.sizes) | {base_size})
    rows: dict[int, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        packages = {size: package_at(args.package, size, Path(tmp)) for size in sizes}
        for size, package in packages.items():
            rows[size] = accuracy(package, truths, args.split)
            print(f"{size} px: {rows[size]}", file=sys.stderr)
        photos = [t.image for t in truths[: args.timed]]
        for size, ms in detector_ms(packages, photos, args.runs).items():
            rows[size]["ms"] = ms
    base = rows[base_size]["ms"]
    print(
        f"{args.package} (trained at {base_size} px) on {args.data} {args.split}, verification off"
    )
    header = ("size", "AP50", "AP50-95", "rec<2%", "F1", "FA", "det ms", "x time")
    widths = (5, 6, 8, 7, 6, 6, 7, 7)
    print(" ".join(f"{h:>{w}}" for h, w in zip(header, widths, strict=True)))
    for size in sizes:
        r = rows[size]
        mark = " (trained)" if size == base_size else ""
        scores = (r["ap50"], r["ap50_95"], r["small"], r["f1"], r["false_accept"])
        cells = [_rate(v, w) for v, w in zip(scores, widths[1:6], strict=True)]
        print(f"{size:>5} {' '.join(cells)} {r['ms']:>7.1f} {r['ms'] / base:>6.2f}x{mark}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
