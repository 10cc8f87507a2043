"""The one detection type every part of Janji Check passes around."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Detections:
    """A validated set of axis-aligned detections in one image.

    Attributes:
        xyxy: ``(N, 4)`` float32 boxes ``[x1, y1, x2, y2]`` in pixels of the upright
            original image (EXIF orientation applied), ``x1 <= x2`` and ``y1 <= y2``.
        confidence: ``(N,)`` float32 scores in ``[0, 1]``.
        class_id: ``(N,)`` int64 class ids (indices into the model's class names).
    """

    xyxy: FloatArray
    confidence: FloatArray
    class_id: IntArray = field(repr=False)

    def __post_init__(self) -> None:
        xyxy = np.asarray(self.xyxy, dtype=np.float32).reshape(-1, 4)
        confidence = np.asarray(self.confidence, dtype=np.float32).reshape(-1)
        class_id = np.asarray(self.class_id, dtype=np.int64).reshape(-1)
        n = len(xyxy)
        if len(confidence) != n or len(class_id) != n:
            raise ValueError(
                f"Detections: {n} boxes but {len(confidence)} scores and {len(class_id)} class ids"
            )
        if n and not np.all(np.isfinite(xyxy)):
            raise ValueError("Detections: boxes must be finite")
        if n and (np.any(xyxy[:, 2] < xyxy[:, 0]) or np.any(xyxy[:, 3] < xyxy[:, 1])):
            raise ValueError("Detections: boxes must satisfy x1 <= x2 and y1 <= y2")
        if n and (np.any(confidence < 0) or np.any(confidence > 1)):
            raise ValueError("Detections: confidence must lie in [0, 1]")
        if n and np.any(class_id < 0):
            raise ValueError("Detections: class ids must be >= 0")
        object.__setattr__(self, "xyxy", xyxy)
        object.__setattr__(self, "confidence", confidence)
        object.__setattr__(self, "class_id", class_id)

    @classmethod
    def empty(cls) -> Detections:
        """Return a set with no detections."""
        return cls(
            xyxy=np.zeros((0, 4), np.float32),
            confidence=np.zeros(0, np.float32),
            class_id=np.zeros(0, np.int64),
        )

    def __len__(self) -> int:
        return len(self.xyxy)

    def __iter__(self) -> Iterator[tuple[FloatArray, float, int]]:
        for i in range(len(self)):
            yield self.xyxy[i], float(self.confidence[i]), int(self.class_id[i])

    def __getitem__(
        self, index: int | slice | npt.NDArray[np.bool_] | npt.NDArray[np.int64]
    ) -> Detections:
        """Select detections by position, slice, boolean mask or index array."""
        if isinstance(index, int):
            index = np.array([index], dtype=np.int64)
        return Detections(self.xyxy[index], self.confidence[index], self.class_id[index])

    @property
    def area(self) -> FloatArray:
        """Box areas in square pixels, shape ``(N,)``."""
        return (self.xyxy[:, 2] - self.xyxy[:, 0]) * (self.xyxy[:, 3] - self.xyxy[:, 1])

    def clip(self, width: int, height: int) -> Detections:
        """Return the boxes clipped to an image of ``width`` x ``height`` pixels."""
        xyxy = self.xyxy.copy()
        xyxy[:, [0, 2]] = xyxy[:, [0, 2]].clip(0, width)
        xyxy[:, [1, 3]] = xyxy[:, [1, 3]].clip(0, height)
        return Detections(xyxy, self.confidence, self.class_id)
