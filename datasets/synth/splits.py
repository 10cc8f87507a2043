"""Split names and per-image seeds (so results do not depend on the number of workers)."""

from __future__ import annotations

import numpy as np

SPLITS = ("train", "val", "test")


def image_rng(seed: int, split: str, index: int) -> np.random.Generator:
    """Return the random generator of one image: a pure function of seed, split and index."""
    return np.random.default_rng(
        np.random.SeedSequence(entropy=seed, spawn_key=(SPLITS.index(split), index))
    )


def image_name(split: str, index: int) -> str:
    """Return the file stem of an image, e.g. ``train_000012``."""
    return f"{split}_{index:06d}"
