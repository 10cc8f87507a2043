"""Non-maximum suppression in numpy."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


def box_iou(
    box: npt.NDArray[np.float32], boxes: npt.NDArray[np.float32]
) -> npt.NDArray[np.float32]:
    """Return the IoU of one ``[x1, y1, x2, y2]`` box with each of ``(N, 4)`` boxes."""
    x1 = np.maximum(box[0], boxes[:, 0])
    y1 = np.maximum(box[1], boxes[:, 1])
    x2 = np.minimum(box[2], boxes[:, 2])
    y2 = np.minimum(box[3], boxes[:, 3])
    inter = np.clip(x2 - x1, 0, None) * np.clip(y2 - y1, 0, None)
    area_a = (box[2] - box[0]) * (box[3] - box[1])
    area_b = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
    union = area_a + area_b - inter
    return np.where(union > 0, inter / np.maximum(union, 1e-9), 0.0).astype(np.float32)


def nms(
    xyxy: npt.NDArray[np.float32],
    scores: npt.NDArray[np.float32],
    class_id: npt.NDArray[np.int64] | None,
    iou_threshold: float,
    max_keep: int = 300,
) -> npt.NDArray[np.int64]:
    """Greedy non-maximum suppression, per class when ``class_id`` is given.

    Boxes of different classes never suppress each other (each class is shifted to its own
    coordinate range, so one pass handles all classes).

    Args:
        xyxy: ``(N, 4)`` boxes in pixels.
        scores: ``(N,)`` scores.
        class_id: ``(N,)`` class ids, or ``None`` for class-agnostic suppression.
        iou_threshold: Boxes overlapping a kept box by more than this IoU are dropped.
        max_keep: Most boxes returned.

    Returns:
        Indices of kept boxes, highest score first.

    """
    if len(xyxy) == 0:
        return np.zeros(0, dtype=np.int64)
    boxes = xyxy.astype(np.float32, copy=True)
    if class_id is not None:
        span = float(boxes.max() - boxes.min()) + 1.0
        boxes += (class_id.astype(np.float32) * span)[:, None]
    order = np.argsort(-scores, kind="stable")
    keep: list[int] = []
    while order.size and len(keep) < max_keep:
        best = int(order[0])
        keep.append(best)
        if order.size == 1:
            break
        rest = order[1:]
        order = rest[box_iou(boxes[best], boxes[rest]) <= iou_threshold]
    return np.asarray(keep, dtype=np.int64)
