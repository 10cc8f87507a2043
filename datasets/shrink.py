"""Make a copy of a dataset split at a smaller photo size: ``janjicheck shrink``.

The same scenes at the size photos arrive in: the phone page shrinks a camera photo to 2400 px
on its long side before it uploads it (``api/static/selfcheck/shrink.js``), an auditor's upload
is the camera's own photo. Rendering a split at the camera's size and shrinking it here gives
the photos the page sends, which the generator's own output at the smaller size is not: the
generator warps each medium's artwork straight to its size in the photo, which loses more of
small print than a camera photo scaled down with an area filter does.

Each photo of the split is scaled down (area filter, as a browser's high-quality smoothing) so
that its long side is at most ``--long-side`` pixels and written as JPEG (``--quality``, the
page's 85 by default). Labels are normalized, so they are copied as they are; the manifest's
sizes and boxes are scaled. The copy gets the files a generated dataset has: ``data.yaml``,
``manifest.jsonl``, ``fingerprint.txt`` (sha256 over the source's fingerprint, the split, the
size and the quality) and ``command.txt`` (the source's command, then this one).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shlex
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import cv2
import numpy as np
import yaml

from datasets.classes import load_classes
from datasets.mix import IMAGE_SUFFIXES, MixError, manifest_records, read_text
from datasets.synth.splits import SPLITS
from vision.decode import DecodeOptions, ImageDecodeError, decode_file

DESCRIPTION = (
    "Copy a split of a generated dataset with its photos scaled down to a long side, as the "
    "phone page sends them (labels kept)."
)
MIN_LONG_SIDE: Final = 64
FULL_SIZE: Final = DecodeOptions(target_long_side=0)  # photos are decoded at full resolution


class ShrinkError(Exception):
    """A copy that cannot be made; the message says why."""


@dataclass(frozen=True)
class ShrinkSpec:
    """What to copy and how.

    Attributes:
        source: The generated dataset's folder (holds ``images/SPLIT`` and ``labels/SPLIT``).
        split: The split copied (``train``, ``val`` or ``test``).
        out: A new or empty folder for the copy.
        long_side: The most pixels on a photo's long side; smaller photos keep their size.
        quality: JPEG quality of the written photos (1-100).

    """

    source: Path
    split: str
    out: Path
    long_side: int
    quality: int = 85

    def __post_init__(self) -> None:
        if self.split not in SPLITS:
            raise ShrinkError(f"--split must be one of {', '.join(SPLITS)}, got {self.split!r}")
        if self.long_side < MIN_LONG_SIDE:
            raise ShrinkError(f"--long-side must be at least {MIN_LONG_SIDE} pixels")
        if not 1 <= self.quality <= 100:
            raise ShrinkError(f"--quality must lie in 1-100, got {self.quality}")


def shrink_image(image: np.ndarray, long_side: int) -> tuple[np.ndarray, float]:
    """Scale ``image`` down so its long side is at most ``long_side`` pixels (area filter).

    Returns:
        The image (the same array when it is small enough) and the scale applied (new pixels
        per old pixel, at most 1).

    """
    height, width = image.shape[:2]
    scale = min(1.0, long_side / max(height, width))
    if scale == 1.0:
        return image, 1.0
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return np.asarray(cv2.resize(image, size, interpolation=cv2.INTER_AREA)), scale


def shrink_fingerprint(spec: ShrinkSpec) -> str:
    """Return the copy's fingerprint: sha256 over the source's fingerprint, split, size, quality."""
    source = spec.source / "fingerprint.txt"
    payload = {
        "fingerprint": read_text(source).strip() if source.is_file() else "",
        "split": spec.split,
        "long_side": spec.long_side,
        "quality": spec.quality,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def shrink_command(spec: ShrinkSpec) -> str:
    """Return the commands that make the copy again: the source's command, then this one."""
    source = spec.source / "command.txt"
    made = [read_text(source).strip()] if source.is_file() else []
    this = (
        f"janjicheck shrink --data {shlex.quote(str(spec.source))} --split {spec.split} "
        f"--long-side {spec.long_side} --quality {spec.quality} --out {shlex.quote(str(spec.out))}"
    )
    return " && ".join([*made, this])


def make_shrunk(spec: ShrinkSpec) -> int:
    """Write the shrunk copy of ``spec.split`` of ``spec.source`` to ``spec.out``.

    Returns:
        The number of photos written.

    Raises:
        ShrinkError: If the split holds no photo, a photo cannot be read or is corrupt, the
            manifest is not UTF-8 or a line of it not JSON, or ``out`` is not new or empty.
            A copy that fails part-way, for whatever reason (``OSError`` too), is removed.

    """
    images_dir = spec.source / "images" / spec.split
    photos = sorted(p for p in images_dir.glob("*") if p.suffix.lower() in IMAGE_SUFFIXES)
    if not photos:
        raise ShrinkError(f"no photos in {images_dir}")
    out = spec.out
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ShrinkError(f"--out must be a new or empty folder: {out}")
    try:
        scales = _write_photos(spec, photos)
        _write_manifest(spec, scales)
        data = {
            "path": str(out.resolve()),
            spec.split: f"images/{spec.split}",
            "names": dict(enumerate(load_classes().names)),
        }
        (out / "data.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        (out / "fingerprint.txt").write_text(shrink_fingerprint(spec) + "\n", encoding="utf-8")
        (out / "command.txt").write_text(shrink_command(spec) + "\n", encoding="utf-8")
    except MixError as error:  # a source file that is not UTF-8 or not JSON
        shutil.rmtree(out, ignore_errors=True)
        raise ShrinkError(str(error)) from None
    except BaseException:  # whatever stopped it (an interrupt too), no half copy is left
        shutil.rmtree(out, ignore_errors=True)
        raise
    return len(photos)


def _write_photos(spec: ShrinkSpec, photos: Sequence[Path]) -> dict[str, tuple[int, int, float]]:
    """Write every photo shrunk, copy its label; return ``image path: (width, height, scale)``."""
    images_out = spec.out / "images" / spec.split
    labels_out = spec.out / "labels" / spec.split
    images_out.mkdir(parents=True, exist_ok=True)
    labels_out.mkdir(parents=True, exist_ok=True)
    scales = {}
    for photo in photos:
        try:  # the service's decoder: a truncated or corrupt photo is refused, not grey-filled
            image = decode_file(photo, FULL_SIZE).image
        except (ImageDecodeError, OSError) as error:
            raise ShrinkError(f"cannot read the photo {photo}: {error}") from None
        small, scale = shrink_image(image, spec.long_side)
        target = images_out / f"{photo.stem}.jpg"
        ok, buffer = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, spec.quality])
        if not ok:
            raise ShrinkError(f"cannot encode {target}")
        target.write_bytes(buffer.tobytes())
        label = spec.source / "labels" / spec.split / f"{photo.stem}.txt"
        if label.is_file():
            shutil.copyfile(label, labels_out / label.name)
        height, width = small.shape[:2]
        scales[f"images/{spec.split}/{photo.name}"] = (width, height, scale)
    return scales


def _write_manifest(spec: ShrinkSpec, scales: dict[str, tuple[int, int, float]]) -> None:
    """Write the split's manifest records with the new image paths, sizes and boxes."""
    records = list(manifest_records(spec.source))
    with (spec.out / "manifest.jsonl").open("w", encoding="utf-8") as manifest:
        for record in records:
            found = scales.get(str(record.get("image")))
            if found is None:
                continue
            width, height, scale = found
            new: dict[str, Any] = {**record, "width": width, "height": height}
            new["image"] = f"images/{spec.split}/{Path(str(record['image'])).stem}.jpg"
            if isinstance(record.get("box"), list):
                new["box"] = [round(float(v) * scale, 1) for v in record["box"]]
            manifest.write(json.dumps(new, sort_keys=True) + "\n")


def add_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add the shrink options to ``parser`` and return it."""
    parser.add_argument("--data", type=Path, required=True, help="generated dataset folder")
    parser.add_argument("--split", default="test", help="split to copy (default test)")
    parser.add_argument(
        "--long-side",
        type=int,
        required=True,
        help="most pixels on a photo's long side (the phone page sends 2400)",
    )
    parser.add_argument("--quality", type=int, default=85, help="JPEG quality (default 85)")
    parser.add_argument("--out", type=Path, required=True, help="new dataset folder")
    return parser


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """Add the ``shrink`` subcommand to the ``janjicheck`` parser and return it."""
    return add_arguments(subparsers.add_parser("shrink", description=DESCRIPTION))


def run(args: argparse.Namespace) -> int:
    """Run ``janjicheck shrink`` with parsed ``args``; returns 0, or 2 on a bad input."""
    try:
        spec = ShrinkSpec(args.data, args.split, args.out, args.long_side, args.quality)
        count = make_shrunk(spec)
    except (ShrinkError, OSError) as error:
        print(f"janjicheck shrink: error: {error}", file=sys.stderr)
        return 2
    print(f"{args.split}: {count} photos, long side at most {args.long_side} px")
    print(f"dataset: {args.out / 'data.yaml'}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``python -m datasets.shrink``; returns the exit status."""
    parser = add_arguments(argparse.ArgumentParser(prog="python -m datasets.shrink"))
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
