"""Relabel other signs whose text says Janji Layanan, pure.

The detector sometimes takes a Janji Layanan medium in a design it never saw for another
sign. When verification reads that box's text and finds Janji Layanan (its promises confirmed,
or its title read and nothing rejected), the text outweighs the detector's class: the box
becomes a Janji detection. Which medium it is follows from the box's shape: a wide fabric
spanduk (2.5:1 to 6:1 flat, counted from 2:1 since a photo at an angle narrows it), a tall
roll-up or X-banner, else a poster.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from vision.results import Verification, VerificationStatus

SPANDUK_MIN_ASPECT = 2.0  # width / height from which a box is a spanduk
BANNER_MIN_ASPECT = 1.9  # height / width from which a box is a roll-up or X-banner


def says_janji(verification: Verification) -> bool:
    """Whether a sign's text says Janji Layanan: promises confirmed, or title read unrejected."""
    if verification.status is VerificationStatus.CONFIRMED:
        return True
    return verification.title_read and verification.status is not VerificationStatus.REJECTED


def form_by_shape(box: npt.NDArray[np.float32]) -> str:
    """Return ``janji_spanduk``, ``janji_banner`` or ``janji_poster`` for a box's shape.

    Args:
        box: ``[x1, y1, x2, y2]`` in pixels.

    """
    width = max(float(box[2] - box[0]), 1e-6)
    height = max(float(box[3] - box[1]), 1e-6)
    if width >= SPANDUK_MIN_ASPECT * height:
        return "janji_spanduk"
    if height >= BANNER_MIN_ASPECT * width:
        return "janji_banner"
    return "janji_poster"


def relabel_by_text(
    class_id: npt.NDArray[np.int64],
    xyxy: npt.NDArray[np.float32],
    verifications: Sequence[Verification],
    class_ids: Mapping[str, int],
) -> npt.NDArray[np.int64]:
    """Return the class ids with every ``other_sign`` whose text says Janji made Janji.

    Args:
        class_id: ``(N,)`` detector class ids.
        xyxy: ``(N, 4)`` boxes in pixels.
        verifications: Per box, its text check.
        class_ids: Class id by name; must hold ``other_sign`` and the three Janji classes.

    Raises:
        ValueError: If the inputs differ in length.

    """
    if not len(class_id) == len(xyxy) == len(verifications):
        raise ValueError(
            f"{len(class_id)} class ids, {len(xyxy)} boxes, {len(verifications)} verifications"
        )
    out = np.array(class_id, dtype=np.int64, copy=True)
    other = class_ids["other_sign"]
    for i, verification in enumerate(verifications):
        if int(out[i]) == other and says_janji(verification):
            out[i] = class_ids[form_by_shape(xyxy[i])]
    return out
