"""False accepts on photos that show no Janji Layanan medium at all.

A synthetic test split measures lookalikes next to Janji media; it says little about a room
with no poster of ours in it, the photo in which an audit must never find one. This module
reads such a folder (real rooms: the generator's background photos, or facility photos known
to lack the Janji Layanan), treats every photo as having no Janji object, and counts the
photos in which the serving pipeline accepts a Janji detection, with the text check as run
and with it off.
"""

from __future__ import annotations

import argparse
import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from datasets.synth.backgrounds import is_test_photo
from training.metrics import rate
from training.splits import IMAGE_SUFFIXES, GroundTruth, photo_files


class EmptyPhotosError(ValueError):
    """A folder of empty photos that cannot be read; the message says why."""


@dataclass(frozen=True)
class EmptyPhotos:
    """A folder of photos without any Janji Layanan medium to measure false accepts on.

    Attributes:
        folder: The folder (its photos directly inside).
        held_out_only: Use only the photos the generator reserves for test splits.

    """

    folder: Path
    held_out_only: bool = False

    def flags(self) -> str:
        """Return the command-line options that name these photos (``evaluate``, ``export``)."""
        flags = f"--empty-photos {shlex.quote(str(self.folder))}"
        return flags + (" --held-out-only" if self.held_out_only else "")


def empty_photo_truths(folder: Path, held_out_only: bool) -> list[GroundTruth]:
    """Return one ground truth without objects per photo directly inside ``folder``.

    Args:
        folder: Folder of photos without any Janji Layanan medium.
        held_out_only: Keep only the photos the generator reserves for test splits
            (``datasets.synth.backgrounds.is_test_photo``): for a folder of background
            photos, the ones no training image was composited on.

    Raises:
        EmptyPhotosError: If ``folder`` is not a folder or holds no photo to use.

    """
    if not folder.is_dir():
        raise EmptyPhotosError(f"empty-photo folder not found: {folder}")
    photos = photo_files(folder)
    if held_out_only:
        photos = [p for p in photos if is_test_photo(p.name)]
    if not photos:
        which = "held-out photos" if held_out_only else "photos"
        raise EmptyPhotosError(f"no {which} ({', '.join(IMAGE_SUFFIXES)}) in {folder}")
    no_boxes = np.zeros((0, 4), dtype=np.float64)
    return [GroundTruth(p, np.zeros(0, dtype=np.int64), no_boxes, ()) for p in photos]


def empty_photo_accepts(names: Sequence[str], accepted: Sequence[bool]) -> dict[str, Any]:
    """Summarize the photos in which a Janji medium was accepted (pure).

    Args:
        names: Photo file names, in order.
        accepted: Per photo, whether the pipeline accepted a Janji detection in it.

    Returns:
        ``{"rate", "accepted", "total", "accepted_photos"}``: the share (0..1) of photos with
        an accepted Janji detection, their count, the number of photos, and their names.

    Raises:
        ValueError: If the two sequences differ in length.

    """
    if len(names) != len(accepted):
        raise ValueError(f"{len(names)} names but {len(accepted)} results")
    hits = [name for name, a in zip(names, accepted, strict=True) if a]
    result = rate(len(hits), len(names))
    return {
        "rate": None if result.total == 0 else round(result.rate, 5),
        "accepted": result.hits,
        "total": result.total,
        "accepted_photos": hits,
    }


def add_empty_photo_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--empty-photos`` and ``--held-out-only`` to ``parser`` (evaluate, export)."""
    parser.add_argument(
        "--empty-photos",
        type=Path,
        metavar="DIR",
        help="also count false accepts on the photos in DIR, which show no Janji Layanan "
        "medium (e.g. rooms without one, or the generator's background photos)",
    )
    parser.add_argument(
        "--held-out-only",
        action="store_true",
        help="with --empty-photos: only the photos the generator reserves for test splits "
        "(for its backgrounds folder: those no training image was made from)",
    )


def empty_photos_from(args: argparse.Namespace) -> EmptyPhotos | None:
    """Return the empty photos ``--empty-photos`` / ``--held-out-only`` name, if any."""
    if args.empty_photos is None:
        return None
    return EmptyPhotos(args.empty_photos, args.held_out_only)
