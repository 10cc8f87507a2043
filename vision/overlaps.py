"""One label per physical sign: resolve overlapping boxes of different classes, pure.

Per-class NMS keeps boxes of different classes on the same sign (a ``janji_poster`` and an
``other_sign`` on one sheet). After verification and acceptance, the pipeline keeps one box
per sign: among boxes overlapping by more than an IoU threshold, an accepted Janji detection
wins; then a detection whose text was read to a conclusion (confirmed, or rejected, often
naming the poster it is, e.g. Hak dan Kewajiban Peserta); then the higher confidence. Accepted
evidence is never dropped in favour of a box that does not count, so presence and area
verdicts do not change; only the duplicate labels go.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from vision.nms import nms


def one_label_per_sign(
    xyxy: npt.NDArray[np.float32],
    confidence: npt.NDArray[np.float32],
    accepted: Sequence[bool],
    text_read: Sequence[bool],
    iou: float,
) -> npt.NDArray[np.int64]:
    """Return the indices of the boxes to keep, in their original order.

    Args:
        xyxy: ``(N, 4)`` boxes ``[x1, y1, x2, y2]`` in pixels.
        confidence: ``(N,)`` detector confidences in ``[0, 1]``.
        accepted: Per box, whether it counts as Janji Layanan evidence.
        text_read: Per box, whether verification read its text to a conclusion (confirmed
            or rejected).
        iou: Boxes overlapping a preferred box by more than this IoU (0-1) are dropped.

    Raises:
        ValueError: If the inputs differ in length or ``iou`` lies outside ``[0, 1]``.

    """
    if not 0 <= iou <= 1:
        raise ValueError(f"iou must lie in [0, 1], got {iou}")
    if not len(xyxy) == len(confidence) == len(accepted) == len(text_read):
        raise ValueError(
            f"{len(xyxy)} boxes, {len(confidence)} confidences, {len(accepted)} accepted flags, "
            f"{len(text_read)} text flags"
        )
    # Confidence lies in [0, 1]: +4 puts every accepted box first, +2 every box read next.
    priority = (
        confidence.astype(np.float32)
        + 4.0 * np.asarray(accepted, dtype=np.float32)
        + 2.0 * np.asarray(text_read, dtype=np.float32)
    )
    kept = nms(xyxy.astype(np.float32), priority, None, iou, max_keep=len(xyxy))
    return np.sort(kept)
