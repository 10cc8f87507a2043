"""A dataset of real photos without any Janji Layanan medium: ``janjicheck negatives``.

Each photo of a folder (rooms, corridors, desks: anything with no Janji Layanan poster, banner
or spanduk in it) becomes a train image with an empty label file, so that a detector trained
with it (``janjicheck mix --train DIR:train``) sees whole real rooms, lamps, windows and
screens included, and learns that they hold no Janji medium. Photos are resized to a long side
(the generator's train size by default) and re-encoded as JPEG.

The photos the generator reserves for test and development splits
(``datasets.synth.backgrounds``) are left out unless asked for: they are the rooms the held-out
measures use. With ``--hard-for PACKAGE``
only the photos that fool that model are kept (hard negatives): those in which its detector
finds a Janji candidate at the package's candidate threshold.

The dataset gets the files a generated dataset has: ``data.yaml``, ``manifest.jsonl`` (no
object records), ``fingerprint.txt`` (sha256 over the photos' names and bytes and the long
side) and ``command.txt``.
"""

from __future__ import annotations

import argparse
import hashlib
import shlex
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import yaml

from datasets.classes import load_classes
from datasets.synth.backgrounds import list_photos, photos_for_split, resize_long

DESCRIPTION = (
    "Make a train split of real photos without any Janji Layanan medium (empty labels), to mix "
    "with generated data."
)


class NegativesError(Exception):
    """A negatives dataset that cannot be made; the message says why."""


@dataclass(frozen=True)
class NegativesConfig:
    """A negatives request.

    Attributes:
        photos: Folder of photos without Janji media (files directly inside).
        out: New dataset folder.
        long_side: Long side of the written images, pixels.
        include_held_out: Also use the photos the generator reserves for test and development
            splits.
        hard_for: A model package: keep only the photos in which its detector finds a Janji
            candidate (``None``: keep every photo).

    """

    photos: Path
    out: Path
    long_side: int = 960
    include_held_out: bool = False
    hard_for: Path | None = None


def select_photos(config: NegativesConfig) -> list[Path]:
    """Return the photos to use, sorted by name (the generator's photo files and split).

    Raises:
        NegativesError: If the folder is missing or has no photo to use.

    """
    if not config.photos.is_dir():
        raise NegativesError(f"photo folder not found: {config.photos}")
    try:
        photos = list_photos(config.photos)
    except ValueError as error:
        raise NegativesError(str(error)) from None
    if not config.include_held_out:
        photos = photos_for_split(photos, "train")
    if not photos:
        raise NegativesError(f"no photos to use in {config.photos}")
    return list(photos)


def fooling_photos(photos: Sequence[Path], package: Path) -> tuple[list[Path], str]:
    """Return the photos in which the package's detector finds a Janji candidate.

    Args:
        photos: Photos without Janji media.
        package: Model package folder; its candidate confidence threshold applies.

    Returns:
        Those photos, in order (unreadable ones left out), and the package's ONNX sha256.

    Raises:
        NegativesError: If the package cannot be loaded.

    """
    from vision.decode import ImageDecodeError, decode_file
    from vision.detector import Detector
    from vision.model_package import ModelPackageError

    try:
        detector = Detector.load(package)
    except ModelPackageError as error:
        raise NegativesError(f"--hard-for: {error}") from None
    classes = load_classes()
    janji = [classes.id_of(name) for name in classes.janji]
    kept = []
    for photo in photos:
        try:
            decoded = decode_file(photo)
        except (ImageDecodeError, OSError):
            continue
        if np.isin(detector.detect(decoded.image, decoded.scale).class_id, janji).any():
            kept.append(photo)
    return kept, detector.package.onnx_sha256


def command_line(config: NegativesConfig) -> str:
    """Return the ``janjicheck negatives`` command that makes this dataset."""
    parts = [
        "janjicheck negatives",
        f"--photos {shlex.quote(str(config.photos))}",
        f"--out {shlex.quote(str(config.out))}",
        f"--long-side {config.long_side}",
    ]
    if config.include_held_out:
        parts.append("--include-held-out")
    if config.hard_for is not None:
        parts.append(f"--hard-for {shlex.quote(str(config.hard_for))}")
    return " ".join(parts)


def make_negatives(config: NegativesConfig) -> tuple[int, int]:
    """Write the dataset; a dataset left half-made by an error is removed.

    Returns:
        The photos written and the unreadable photos skipped.

    Raises:
        NegativesError: If ``out`` is not new or empty, the long side is below 32 pixels, or
            the folder has no photo to use, or none of them can be read.

    """
    if config.long_side < 32:
        raise NegativesError(f"--long-side must be >= 32 pixels, got {config.long_side}")
    if config.out.exists() and (not config.out.is_dir() or any(config.out.iterdir())):
        raise NegativesError(f"--out must be a new or empty folder: {config.out}")
    photos = select_photos(config)
    model = ""
    if config.hard_for is not None:
        photos, sha = fooling_photos(photos, config.hard_for)
        if not photos:
            raise NegativesError(f"no photo in {config.photos} fools {config.hard_for}")
        model = f" hard_for={sha}"
    try:
        written, skipped = _write(config, photos, model)
    except BaseException:
        shutil.rmtree(config.out, ignore_errors=True)
        raise
    return written, skipped


def _write(config: NegativesConfig, photos: Sequence[Path], model: str) -> tuple[int, int]:
    images, labels = config.out / "images" / "train", config.out / "labels" / "train"
    images.mkdir(parents=True)
    labels.mkdir(parents=True)
    digest = hashlib.sha256(f"negatives long_side={config.long_side}{model}\n".encode())
    written = 0
    for photo in photos:
        bgr = cv2.imread(str(photo), cv2.IMREAD_COLOR)
        if bgr is None or min(bgr.shape[:2]) < 32:
            continue
        digest.update(photo.name.encode() + b"\0" + hashlib.sha256(photo.read_bytes()).digest())
        name = f"{photo.stem}.jpg"
        cv2.imwrite(
            str(images / name),
            resize_long(np.asarray(bgr, np.uint8), config.long_side),
            [cv2.IMWRITE_JPEG_QUALITY, 90],
        )
        (labels / f"{photo.stem}.txt").write_text("", encoding="utf-8")
        written += 1
    if not written:
        raise NegativesError(f"none of the {len(photos)} photos in {config.photos} can be read")
    data = {
        "path": str(config.out.resolve()),
        "train": "images/train",
        "val": "images/train",
        "names": dict(enumerate(load_classes().names)),
    }
    (config.out / "data.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    (config.out / "manifest.jsonl").write_text("", encoding="utf-8")
    (config.out / "fingerprint.txt").write_text(digest.hexdigest() + "\n")
    (config.out / "command.txt").write_text(command_line(config) + "\n")
    return written, len(photos) - written


def add_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add the negatives options to ``parser`` and return it."""
    parser.add_argument(
        "--photos", type=Path, required=True, help="folder of photos without Janji media"
    )
    parser.add_argument("--out", type=Path, required=True, help="new dataset folder")
    parser.add_argument(
        "--long-side", type=int, default=960, help="long side of the images, pixels (960)"
    )
    parser.add_argument(
        "--include-held-out",
        action="store_true",
        help="also use the photos the generator reserves for test and development splits "
        "(left out by default)",
    )
    parser.add_argument(
        "--hard-for",
        type=Path,
        metavar="PACKAGE",
        help="keep only the photos in which this model package finds a Janji candidate "
        "(hard negatives)",
    )
    return parser


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """Add the ``negatives`` subcommand to the ``janjicheck`` parser and return it."""
    return add_arguments(subparsers.add_parser("negatives", description=DESCRIPTION))


def run(args: argparse.Namespace) -> int:
    """Run ``janjicheck negatives`` with parsed ``args``; returns 0, or 2 on bad input."""
    config = NegativesConfig(
        args.photos, args.out, args.long_side, args.include_held_out, args.hard_for
    )
    try:
        written, skipped = make_negatives(config)
    except (NegativesError, OSError) as error:
        print(f"janjicheck negatives: error: {error}", file=sys.stderr)
        return 2
    print(f"train: {written} images" + (f" ({skipped} unreadable skipped)" if skipped else ""))
    print(f"dataset: {args.out / 'data.yaml'}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``python -m datasets.negatives``; returns the exit status."""
    parser = add_arguments(argparse.ArgumentParser(prog="python -m datasets.negatives"))
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
