"""Split names and per-image seeds (so results do not depend on the number of workers)."""

from __future__ import annotations

import numpy as np

SPLITS = ("train", "val", "test", "dev")
"""Split names; a split's position keys its images' seeds, so new splits only ever go last.

``test`` and ``dev`` hold designs, fonts, palettes and background photos that training never
sees, each its own (``media.pools``, ``backgrounds``): ``test`` is what the numbers mean,
``dev`` is where checkpoints and thresholds are chosen.
"""
HELD_OUT_SPLITS = ("test", "dev")


def pool_of(split: str) -> str:
    """Return the pool ``split`` draws from: ``"train"`` for train and val, else the split.

    Raises:
        ValueError: For an unknown split.

    """
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; expected one of {', '.join(SPLITS)}")
    return "train" if split == "val" else split


def image_rng(seed: int, split: str, index: int) -> np.random.Generator:
    """Return the random generator of one image: a pure function of seed, split and index."""
    return np.random.default_rng(
        np.random.SeedSequence(entropy=seed, spawn_key=(SPLITS.index(split), index))
    )


def image_name(split: str, index: int) -> str:
    """Return the file stem of an image, e.g. ``train_000012``."""
    return f"{split}_{index:06d}"
