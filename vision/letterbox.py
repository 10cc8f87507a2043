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


def fit_within(
    image: npt.NDArray[np.uint8], width: int, height: int
) -> tuple[npt.NDArray[np.uint8], float]:
    """Shrink an image, keeping its aspect, to fit ``width`` x ``height``; never enlarge.

    The letterbox's own resize: an image already fitted passes through ``letterbox`` unresized,
    so a caller that fits a photo once can hand the result to every later step (the quality
    check, both detector passes) instead of resizing the large decode again for each.

    Args:
        image: BGR uint8 ``(h, w, 3)``.
        width: Most width in pixels.
        height: Most height in pixels.

    Returns:
        The image (itself when it fits already, else an area-averaged copy) and its pixels per
        source pixel (``<= 1``).

    """
    h, w = image.shape[:2]
    if h == 0 or w == 0:
        raise ValueError("fit_within: empty image")
    ratio = min(width / w, height / h)
    if ratio >= 1:
        return image, 1.0
    size = (max(1, min(width, round(w * ratio))), max(1, min(height, round(h * ratio))))
    if size == (w, h):
        return image, 1.0
    resized = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
    return np.asarray(resized, dtype=np.uint8), ratio


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
    if ratio < 1:
        image, _ = fit_within(image, width, height)
    elif (new_w, new_h) != (w, h):
        image = np.asarray(
            cv2.resize(image, (new_w, new_h), interpolation=cv2.INTER_LINEAR), np.uint8
        )
    if stride is not None:
        width = min(width, -(-new_w // stride) * stride)
        height = min(height, -(-new_h // stride) * stride)
    dw, dh = (width - new_w) / 2, (height - new_h) / 2
    left, top = round(dw - 0.1), round(dh - 0.1)
    scale = np.float32(1 / 255)
    tensor = np.full((1, 3, height, width), np.float32(PAD_VALUE) * scale, dtype=np.float32)
    for channel in range(3):  # BGR in, RGB out, scaled to 0..1 in one pass per channel
        inside = tensor[0, channel, top : top + new_h, left : left + new_w]
        np.multiply(image[:, :, 2 - channel], scale, out=inside, dtype=np.float32)
    return tensor, LetterboxTransform(ratio=ratio, pad_x=left, pad_y=top)
