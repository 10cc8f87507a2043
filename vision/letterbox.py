"""Letterboxing: fit an image into the network input without distortion, and map boxes back."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

PAD_VALUE = 114


@dataclass(frozen=True)
class LetterboxTransform:
    """How an image was placed into the network input.

    Attributes:
        ratio: Input pixels per source pixel (same on both axes).
        pad_x: Left padding in input pixels.
        pad_y: Top padding in input pixels.

    """

    ratio: float
    pad_x: int
    pad_y: int

    def to_source(self, xyxy: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        """Map ``(N, 4)`` boxes from input pixels back to source-image pixels."""
        out = xyxy.astype(np.float32, copy=True)
        out[:, [0, 2]] -= self.pad_x
        out[:, [1, 3]] -= self.pad_y
        out /= self.ratio
        return out


def letterbox(
    image: npt.NDArray[np.uint8], width: int, height: int, stride: int | None = None
) -> tuple[npt.NDArray[np.float32], LetterboxTransform]:
    """Resize an image to fit ``width`` x ``height``, centred, padded with grey 114.

    Args:
        image: BGR uint8 ``(h, w, 3)``.
        width: Network input width in pixels (the most, with ``stride``).
        height: Network input height in pixels (the most, with ``stride``).
        stride: For a graph that takes any size: pad only up to the next multiple of this
            many pixels on each axis (a 4:3 photo gives 416x320 instead of 416x416, a quarter
            less work); ``None`` pads to exactly ``width`` x ``height``.

    Returns:
        The network tensor, float32 ``(1, 3, H, W)`` RGB scaled to 0..1, and the transform
        that maps boxes back to ``image`` pixels.

    """
    h, w = image.shape[:2]
    if h == 0 or w == 0:
        raise ValueError("letterbox: empty image")
    ratio = min(width / w, height / h)
    new_w = max(1, min(width, round(w * ratio)))
    new_h = max(1, min(height, round(h * ratio)))
    if (new_w, new_h) != (w, h):
        interp = cv2.INTER_AREA if ratio < 1 else cv2.INTER_LINEAR
        image = np.asarray(cv2.resize(image, (new_w, new_h), interpolation=interp), np.uint8)
    if stride is not None:
        width = min(width, -(-new_w // stride) * stride)
        height = min(height, -(-new_h // stride) * stride)
    dw, dh = (width - new_w) / 2, (height - new_h) / 2
    left, top = round(dw - 0.1), round(dh - 0.1)
    canvas = np.full((height, width, 3), PAD_VALUE, dtype=np.uint8)
    canvas[top : top + new_h, left : left + new_w] = image
    rgb = canvas[:, :, ::-1].transpose(2, 0, 1)
    tensor = np.ascontiguousarray(rgb, dtype=np.float32)[None] * np.float32(1 / 255)
    return tensor, LetterboxTransform(ratio=ratio, pad_x=left, pad_y=top)
