"""Speed of ``janjicheck detect`` against Ultralytics predict, end to end from file to boxes.

Same photos (12 MP phone-size JPEGs included), same weights: our pipeline (decode -> quality ->
detect, and separately the verification stage) versus ``YOLO(best.pt).predict`` and
``YOLO(best.onnx).predict``. Prints per-photo medians and the ratios (goal: >= 3x faster than
.pt, >= 1.5x faster than .onnx), plus full versus reduced decoding of a 12 MP JPEG. Ours runs
as served, in two passes (the package's input size, then zoomed out); the same pipeline with the
first pass only, Ultralytics' one pass, is timed next to it. ``--compare-package`` times our
pipeline with another package too (e.g. the float32 graph of the same weights beside the shipped
int8 one), and both packages' detectors alone on the same decoded photos.

It also times a folder run, as ``janjicheck detect FOLDER`` does it: our pipeline decoding the
next photo in a thread while the current one is detected, its detector threads sleeping when
idle (``Pipeline.check_files``, ``DetectorOptions(spin_wait=False)``), against the same with
spinning detector threads and two decoding threads, the pipeline one photo after the other and
Ultralytics predicting the same files one after the other (faster here than its
``predict(paths, stream=True)``). Ratios there are of the time per photo over the whole folder.

    python benchmarks/detect_speed.py --package models/janji-detector \\
        --weights-pt runs/train/weights/best.pt --backgrounds ../shared/backgrounds/indoor

Without ``--photos`` it writes test photos to a temporary folder: 12 MP JPEGs and 1600x1200
JPEGs made from a folder of indoor photos (``--backgrounds``, e.g. Open Images CC BY 2.0
photos; procedural rooms without it), each with a rendered Janji Layanan text poster.
Ultralytics is only needed for the comparison (``--skip-ultralytics`` runs ours alone).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

POSTER_LINES = (
    "JANJI LAYANAN JKN",
    "1. Menerima NIK/KTP/KIS Digital untuk pendaftaran pelayanan",
    "2. Tidak meminta dokumen fotokopi kepada Peserta",
    "3. Memberikan pelayanan tanpa biaya tambahan di luar ketentuan",
    "4. Tidak melakukan pembatasan hari rawat Pasien",
    "5. Memberikan pelayanan obat yang dibutuhkan",
    "6. Melayani Peserta dengan ramah tanpa diskriminasi",
)
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif", ".bmp", ".tif", ".tiff"}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--package", default=None, help="model package (default: the shipped)")
    parser.add_argument(
        "--compare-package",
        default=None,
        help="another package (e.g. the float32 graph of the same weights): ours with it too",
    )
    parser.add_argument("--weights-pt", type=Path, default=None, help="Ultralytics best.pt")
    parser.add_argument(
        "--weights-onnx", type=Path, default=None, help="ONNX for YOLO().predict (default: package)"
    )
    parser.add_argument("--photos", type=Path, default=None, help="folder of photos to time")
    parser.add_argument("--backgrounds", type=Path, default=None, help="indoor photos folder")
    parser.add_argument("--phone-photos", type=int, default=4, help="12 MP photos to generate")
    parser.add_argument("--small-photos", type=int, default=2, help="1600x1200 photos to generate")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per photo (median)")
    parser.add_argument("--skip-ultralytics", action="store_true")
    return parser.parse_args(argv)


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in Path("/usr/share/fonts/truetype").rglob("DejaVuSans-Bold.ttf"):
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default()


def poster(width: int) -> np.ndarray:
    height = round(width * 1.414)
    img = Image.new("RGB", (width, height), (248, 248, 242))
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 0, width, height // 9], fill=(20, 90, 160))
    draw.text((width // 20, height // 30), POSTER_LINES[0], font=font(width // 16), fill="white")
    body = font(width // 40)
    for i, line in enumerate(POSTER_LINES[1:]):
        draw.text((width // 20, height // 6 + i * width // 11), line, font=body, fill="black")
    return cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR)


def scene(backgrounds: list[Path], index: int, width: int, height: int) -> np.ndarray:
    rng = np.random.default_rng(index)
    if backgrounds:
        base = np.asarray(cv2.imread(str(backgrounds[index % len(backgrounds)])))
        img = cv2.resize(base, (width, height), interpolation=cv2.INTER_CUBIC).astype(np.float32)
    else:
        img = np.full((height, width, 3), (190, 205, 215), np.float32)
    img += rng.normal(0, 6, img.shape)  # sensor-like detail, so JPEG sizes are phone-like
    out = np.clip(img, 0, 255).astype(np.uint8)
    pw = width // 4
    sheet = poster(pw)
    x, y = width // 3, height // 5
    out[y : y + sheet.shape[0], x : x + pw] = sheet
    return out


def make_photos(folder: Path, backgrounds: Path | None, phones: int, small: int) -> list[Path]:
    files = sorted(backgrounds.glob("*.jpg")) if backgrounds else []
    paths = []
    for i in range(phones):
        path = folder / f"phone_{i}.jpg"
        cv2.imwrite(str(path), scene(files, i, 4000, 3000), [cv2.IMWRITE_JPEG_QUALITY, 92])
        paths.append(path)
    for i in range(small):
        path = folder / f"small_{i}.jpg"
        cv2.imwrite(str(path), scene(files, 100 + i, 1600, 1200), [cv2.IMWRITE_JPEG_QUALITY, 90])
        paths.append(path)
    return paths


def median_seconds(fn: Callable[[Path], object], photos: list[Path], runs: int) -> float:
    """Median over photos of each photo's median time over ``runs`` (one warm-up first)."""
    return statistics.median(interleaved({"x": fn}, photos, runs)["x"].values())


def interleaved(
    contenders: dict[str, Callable[[Path], object]], photos: list[Path], runs: int
) -> dict[str, dict[Path, float]]:
    """Time every contender on every photo, alternating them so shared-CPU load hits all alike.

    Returns:
        Per contender, per photo, the median seconds over ``runs`` (after one warm-up).
    """
    for fn in contenders.values():
        fn(photos[0])
    times: dict[str, dict[Path, list[float]]] = {k: {p: [] for p in photos} for k in contenders}
    for _ in range(runs):
        for photo in photos:
            for name, fn in contenders.items():
                start = time.perf_counter()
                fn(photo)
                times[name][photo].append(time.perf_counter() - start)
    return {k: {p: statistics.median(v) for p, v in d.items()} for k, d in times.items()}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    os.environ.setdefault("YOLO_OFFLINE", "true")
    os.environ.setdefault("YOLO_AUTOINSTALL", "false")
    from vision.decode import DecodeOptions, decode_bytes
    from vision.detector import DetectorOptions
    from vision.pipeline import Pipeline, PipelineOptions
    from vision.verify import VerifyPolicy

    fast = Pipeline.load(args.package, PipelineOptions(verify=VerifyPolicy(enabled=False)))
    # As `janjicheck detect FOLDER` loads it: detector threads that sleep when idle.
    batch = Pipeline.load(
        args.package,
        PipelineOptions(
            detector=DetectorOptions(spin_wait=False), verify=VerifyPolicy(enabled=False)
        ),
    )
    one_pass = Pipeline.load(
        args.package,
        PipelineOptions(
            detector=DetectorOptions(zoom_out_side=None), verify=VerifyPolicy(enabled=False)
        ),
    )
    full = Pipeline.load(args.package, PipelineOptions())
    package = fast.package
    size = package.input_width
    print(f"model: {describe(package)}")
    other = None
    if args.compare_package:
        other = Pipeline.load(
            args.compare_package, PipelineOptions(verify=VerifyPolicy(enabled=False))
        )
        print(f"compared with: {describe(other.package)}")

    with tempfile.TemporaryDirectory(prefix="janji-bench-") as tmp:
        if args.photos:
            photos = sorted(p for p in args.photos.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES)
        else:
            photos = make_photos(Path(tmp), args.backgrounds, args.phone_photos, args.small_photos)
        if not photos:
            print("no photos", file=sys.stderr)
            return 2
        big = [p for p in photos if _pixels(p) >= 10_000_000]
        print(f"photos: {len(photos)} ({len(big)} of >= 10 MP), {args.runs} runs each\n")

        ours_name = "ours (decode+quality+detect)"
        contenders: dict[str, Callable[[Path], object]] = {
            ours_name: fast.check_file,
            f"ours, {size} px pass only": one_pass.check_file,
        }
        if other is not None:
            contenders[f"ours with {other.package.version} ({graph(other.package)})"] = (
                other.check_file
            )
        folder_runs: dict[str, Callable[[list[Path]], object]] = {
            "ours, decoding ahead": lambda paths: list(batch.check_files(paths)),
            "ours ahead, spinning, 2 decoders": lambda paths: list(
                fast.check_files(paths, decode_workers=2)
            ),
            "ours, one after the other": one_by_one(fast.check_file),
        }
        if not args.skip_ultralytics:
            from ultralytics import YOLO  # type: ignore[attr-defined]

            conf, iou = fast.detector.confidence, fast.detector.iou

            def predictor(model: Any) -> Callable[[Path], object]:
                return lambda p: (
                    model.predict(str(p), imgsz=size, conf=conf, iou=iou, verbose=False)[
                        0
                    ].boxes.xyxy
                )

            weights = {"YOLO(.onnx).predict": args.weights_onnx or package.onnx_path}
            if args.weights_pt:
                weights["YOLO(.pt).predict"] = args.weights_pt
            for name, path in weights.items():
                print(f"{name}: {path}")
                model: Any = YOLO(str(path), task="detect")
                contenders[name] = predictor(model)
                folder_runs[name] = one_by_one(contenders[name])
        timed = interleaved(contenders, photos, args.runs)

        groups = {
            "all photos": photos,
            ">= 10 MP": big,
            "< 10 MP": [p for p in photos if p not in big],
        }
        for group, members in groups.items():
            if not members:
                continue
            med = {k: statistics.median(v[p] for p in members) for k, v in timed.items()}
            ours = med[ours_name]
            print(f"[{group}] {'pipeline':34s} {'median ms/photo':>16s} {'ours is x faster':>17s}")
            indent = " " * (len(group) + 3)
            for name, seconds in med.items():
                print(f"{indent}{name:34s} {seconds * 1000:16.1f} {seconds / ours:17.2f}")
            print_goals(indent, med, ours)
            print()

        if other is not None:
            print_detector_only(fast, other, photos, args.runs)

        for group, members in groups.items():
            if members:
                print_folder_run(group, folder_runs, members, args.runs)

        checks: list[Any] = []
        with_ocr = median_seconds(lambda p: checks.append(full.check_file(p)), photos, 1)
        without = statistics.median(timed[ours_name].values())
        # A reading shared by boxes on the same sign counts once.
        readings = ({id(v): v for v in r.verifications if v.seconds > 0} for r in checks)
        crops = [v.seconds for read in readings for v in read.values()]
        per_crop = f"median {statistics.median(crops) * 1000:.0f} ms per crop" if crops else ""
        print(
            f"verification (OCR): median photo {with_ocr * 1000:.0f} ms with it vs "
            f"{without * 1000:.0f} without (+{(with_ocr - without) * 1000:.0f} ms); mean OCR "
            f"time {1000 * sum(crops) / (len(checks) or 1):.0f} ms per photo; "
            f"{len(crops) / (len(checks) or 1):.1f} crops read per photo, {per_crop}"
        )

        if big:
            data = big[0].read_bytes()
            raw = np.frombuffer(data, np.uint8)
            decoders: dict[str, Callable[[Path], object]] = {
                "cv2 full": lambda _: cv2.imdecode(raw, cv2.IMREAD_COLOR),
                "ours full": lambda _: decode_bytes(data, DecodeOptions(target_long_side=0)),
                "ours reduced": lambda _: decode_bytes(data),
            }
            d = {k: v[big[0]] for k, v in interleaved(decoders, [big[0]], 15).items()}
            shape = decode_bytes(data).image.shape
            print(
                f"\ndecode {big[0].name} ({len(data) / 1e6:.1f} MB): cv2 full "
                f"{d['cv2 full'] * 1000:.0f} ms, ours full {d['ours full'] * 1000:.0f} ms, "
                f"ours reduced to {shape[1]}x{shape[0]} {d['ours reduced'] * 1000:.0f} ms -> "
                f"{d['ours full'] / d['ours reduced']:.2f}x faster"
            )
    return 0


def graph(package: Any) -> str:
    """Say whether a package's graph is float32 or quantized to int8."""
    return "int8 graph" if package.training.get("quantization") else "float32 graph"


def describe(package: Any) -> str:
    """One line naming a package: name, version, architecture, input size, graph."""
    return (
        f"{package.name} {package.version} ({package.architecture}, {package.input_width} px, "
        f"{graph(package)})"
    )


def print_detector_only(ours: Any, other: Any, photos: list[Path], runs: int) -> None:
    """Time the two packages' detectors alone (both passes) on the same decoded photos."""
    from vision.decode import decode_file

    decoded = {p: decode_file(p, ours.options.decode) for p in photos}

    def detect(detector: Any) -> Callable[[Path], object]:
        return lambda p: detector.detect(decoded[p].image, decoded[p].scale)

    contenders = {
        f"{pipeline.package.version} ({graph(pipeline.package)})": detect(pipeline.detector)
        for pipeline in (ours, other)
    }
    timed = interleaved(contenders, photos, runs)
    med = {k: statistics.median(v.values()) for k, v in timed.items()}
    mine, theirs = med.values()
    print(f"[detector alone, both passes, {len(photos)} decoded photos] {'median ms/photo':>16s}")
    for name, seconds in med.items():
        print(f"    {name:34s} {seconds * 1000:16.1f}")
    print(f"    {'ours is x faster':34s} {theirs / mine:16.2f}\n")


def one_by_one(fn: Callable[[Path], object]) -> Callable[[list[Path]], object]:
    """Turn a one-photo contender into a folder run that takes the photos in turn."""
    return lambda paths: [fn(p) for p in paths]


def print_folder_run(
    group: str,
    runs_by_name: dict[str, Callable[[list[Path]], object]],
    photos: list[Path],
    runs: int,
) -> None:
    """Time whole-folder runs (median over ``runs`` after a warm-up) and print ms per photo."""
    times: dict[str, list[float]] = {name: [] for name in runs_by_name}
    for fn in runs_by_name.values():
        fn(photos[:1])
    for _ in range(runs):
        for name, fn in runs_by_name.items():
            start = time.perf_counter()
            fn(photos)
            times[name].append((time.perf_counter() - start) / len(photos))
    per_photo = {name: statistics.median(t) for name, t in times.items()}
    ours = per_photo["ours, decoding ahead"]
    title = f"[folder run, {group}, {len(photos)} photos]"
    print(f"{title} {'ms/photo':>10s} {'ours is x faster':>17s}")
    indent = " " * 4
    for name, seconds in per_photo.items():
        print(f"{indent}{name:36s} {seconds * 1000:10.1f} {seconds / ours:17.2f}")
    print_goals(indent, per_photo, ours)
    print()


def print_goals(indent: str, seconds: dict[str, float], ours: float) -> None:
    """Print each speed goal against Ultralytics that was timed, and whether ours meets it."""
    for name, goal in (("YOLO(.pt).predict", 3.0), ("YOLO(.onnx).predict", 1.5)):
        if name in seconds:
            ratio = seconds[name] / ours
            verdict = "meets" if ratio >= goal else "MISSES"
            print(f"{indent}goal {goal}x vs {name}: {ratio:.2f}x ({verdict})")


def _pixels(path: Path) -> int:
    with Image.open(path) as img:
        return img.width * img.height


if __name__ == "__main__":
    raise SystemExit(main())
