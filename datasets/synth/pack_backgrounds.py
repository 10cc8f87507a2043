"""Copy the train/val background photos, shrunk, for training on another machine.

Usage::

    python -m datasets.synth.pack_backgrounds --backgrounds PHOTOS --out DIR [--long-side 640]

The test and development splits' photos are left out, so a machine that holds only the copy
cannot leak them into training. File names are kept: the split of a photo is a hash of its name.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import cv2
import numpy as np

from datasets.synth.backgrounds import list_photos, photos_for_split, resize_long


def _quality_flags(path: Path, quality: int) -> list[int]:
    suffix = path.suffix.lower()
    if suffix in (".jpg", ".jpeg"):
        return [cv2.IMWRITE_JPEG_QUALITY, quality]
    if suffix == ".webp":
        return [cv2.IMWRITE_WEBP_QUALITY, quality]
    return []  # PNG: lossless


def pack_photos(source: Path, out: Path, long_side: int, quality: int) -> tuple[int, int]:
    """Write shrunk copies of the train/val photos of ``source`` to ``out``.

    Args:
        source: Folder of background photos (see ``backgrounds.list_photos``).
        out: Folder to write; created if missing.
        long_side: Longest side of a copy in pixels (smaller photos keep their size).
        quality: JPEG/WebP quality (1-100); PNG stays lossless.

    Returns:
        ``(written, skipped)``: photos written, and unreadable photos skipped.

    Raises:
        ValueError: If ``source`` holds no photo.

    """
    photos = photos_for_split(list_photos(source), "train")
    out.mkdir(parents=True, exist_ok=True)
    written = skipped = 0
    for path in photos:
        read = cv2.imread(str(path), cv2.IMREAD_COLOR)
        if read is None:
            skipped += 1
            continue
        image = np.asarray(read, dtype=np.uint8)
        if max(image.shape[:2]) > long_side:
            image = resize_long(image, long_side)
        # Same name and format: the split of a photo is a hash of its file name.
        ok, buffer = cv2.imencode(path.suffix.lower(), image, _quality_flags(path, quality))
        if not ok:
            skipped += 1
            continue
        (out / path.name).write_bytes(buffer.tobytes())
        written += 1
    return written, skipped


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit status (0 ok, 2 bad argument)."""
    parser = argparse.ArgumentParser(prog="python -m datasets.synth.pack_backgrounds")
    parser.add_argument("--backgrounds", type=Path, required=True, help="folder of photos")
    parser.add_argument("--out", type=Path, required=True, help="folder for the copies")
    parser.add_argument("--long-side", type=int, default=640, help="pixels (default 640)")
    parser.add_argument("--quality", type=int, default=75, help="JPEG/WebP quality (default 75)")
    args = parser.parse_args(argv)
    if not 128 <= args.long_side <= 8192:
        parser.error(f"--long-side must be between 128 and 8192, got {args.long_side}")
    if not 1 <= args.quality <= 100:
        parser.error(f"--quality must be between 1 and 100, got {args.quality}")
    try:
        written, skipped = pack_photos(args.backgrounds, args.out, args.long_side, args.quality)
    except ValueError as error:
        parser.error(str(error))
    print(f"{written} train/val photos written to {args.out}; {skipped} unreadable skipped")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
