"""Latency half of the model/input-size choice: yolo11n vs yolo26n on this CPU.

Each architecture is built from its yaml (4 classes, random weights: latency does not depend
on the weights), exported to a static ONNX graph without NMS, and timed with onnxruntime
(default session options, one session at a time) at several input sizes: median of N runs, the
graphs taking turns in rounds. Also prints how many input pixels a poster covering 1%, 2% and 5%
of a 4:3 photo gets at each size (the letterbox scales the photo's long side to the input size).

Usage::

    python benchmarks/model_choice.py [--sizes 320 416 480 640] [--runs 30]
"""

from __future__ import annotations

import argparse
import contextlib
import math
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from training.offline import load_ultralytics

ARCHITECTURES = ("yolo11n", "yolo26n")
REFERENCE = ("yolo11n", 640)
Key = tuple[str, int]
"""An architecture and its input size in pixels."""
NUM_CLASSES = 4


class Timing(NamedTuple):
    """One graph's measured latency and output."""

    ms: float
    """Median latency of one inference, milliseconds."""
    output: tuple[int, ...]
    """Shape of the graph's first output."""


def export_architecture(arch: str, size: int, folder: Path) -> Path:
    """Build ``arch`` from its yaml with 4 classes and export it to ONNX at ``size`` px."""
    import yaml

    ultralytics = load_ultralytics()
    from ultralytics.utils.checks import check_yaml

    family = arch.rstrip("nsmlx")  # yolo11n -> yolo11 (the yaml holds all scales)
    source = Path(check_yaml(f"{family}.yaml"))  # type: ignore[no-untyped-call]
    config = yaml.safe_load(source.read_text(encoding="utf-8"))
    config["nc"] = NUM_CLASSES
    work = folder / f"{arch}_{size}"
    work.mkdir()
    model_yaml = work / f"{arch}.yaml"  # the file name carries the scale letter
    model_yaml.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    # A model built from a yaml is exported into the current directory: work in the temp folder.
    with contextlib.chdir(work):
        produced = ultralytics.YOLO(str(model_yaml)).export(
            format="onnx", imgsz=size, opset=17, dynamic=False, batch=1, simplify=True, device="cpu"
        )
    return (work / str(produced)).resolve()


def time_onnx(paths: dict[Key, Path], runs: int, rounds: int = 5) -> dict[Key, Timing]:
    """Return each graph's median latency of one inference and its output shape.

    The graphs take turns round by round, one onnxruntime session at a time (idle sessions'
    threads would compete for the CPU), so a machine that gets busier or quieter during the
    run slows or speeds them alike.
    """
    import onnxruntime as ort

    rng = np.random.default_rng(0)
    per_round = max(1, runs // rounds)
    times: dict[Key, list[float]] = {key: [] for key in paths}
    shapes: dict[Key, tuple[int, ...]] = {}
    for _ in range(rounds):
        for (arch, size), path in paths.items():
            session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
            name = session.get_inputs()[0].name
            tensor = rng.random((1, 3, size, size), dtype=np.float32)
            for _ in range(3):
                outputs = session.run(None, {name: tensor})
            shapes[(arch, size)] = tuple(outputs[0].shape)
            for _ in range(per_round):
                start = time.perf_counter()
                session.run(None, {name: tensor})
                times[(arch, size)].append((time.perf_counter() - start) * 1000)
            del session
    return {key: Timing(statistics.median(t), shapes[key]) for key, t in times.items()}


def poster_pixels(size: int, share_percent: float) -> int:
    """Side in input pixels of a square poster covering ``share_percent`` of a 4:3 photo.

    The photo's long side is scaled to ``size``; a 4:3 photo then spans ``size`` x
    ``0.75 * size`` input pixels.
    """
    area = size * size * 0.75 * share_percent / 100.0
    return round(math.sqrt(area))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[320, 416, 480, 640])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="model-choice-") as tmp:
        paths = {
            (arch, size): export_architecture(arch, size, Path(tmp))
            for arch in ARCHITECTURES
            for size in args.sizes
        }
        timings = time_onnx(paths, args.runs)
    reference_key = REFERENCE if REFERENCE in timings else next(iter(timings))
    reference = timings[reference_key].ms
    print(
        f"\nonnxruntime CPU latency, median of {args.runs} in turns "
        f"(ratio vs {reference_key[0]}@{reference_key[1]})"
    )
    print(f"{'model':10s} {'size':>5s} {'ms':>8s} {'ratio':>7s}  output")
    for (arch, size), (ms, output) in timings.items():
        print(f"{arch:10s} {size:5d} {ms:8.1f} {ms / reference:7.2f}  {list(output)}")
    print("\nSide in input pixels of a square poster covering 1% / 2% / 5% of a 4:3 photo")
    print(f"{'size':>5s} {'1%':>5s} {'2%':>5s} {'5%':>5s}")
    for size in args.sizes:
        sides = [poster_pixels(size, p) for p in (1, 2, 5)]
        print(f"{size:5d} {sides[0]:5d} {sides[1]:5d} {sides[2]:5d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
