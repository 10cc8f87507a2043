"""The detector: one onnxruntime session running the packaged YOLO graph."""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from vision.detections import Detections
from vision.letterbox import fit_within, letterbox
from vision.model_package import (
    STRIDE,
    ModelPackage,
    ModelPackageError,
    check_io,
    load_package,
)
from vision.nms import nms


@dataclass(frozen=True)
class DetectorOptions:
    """Detector settings.

    Attributes:
        confidence: Minimum score kept, in ``[0, 1]``; ``None`` = the package's threshold.
        iou: NMS IoU threshold in ``[0, 1]``; ``None`` = the package's threshold.
        intra_op_threads: onnxruntime intra-op threads; ``None`` = onnxruntime's default.
        spin_wait: Whether onnxruntime's intra-op threads spin while they wait for work
            (its default): the lowest latency for one photo at a time. ``False`` lets them
            sleep, leaving the CPU to threads that decode the next photos beside them (a folder
            run, ``Pipeline.check_files``).
        max_detections: Most detections returned per image.
        max_candidates: Most candidates (by score) passed to NMS.
        zoom_out_side: Long side in pixels of a second, zoomed-out pass over the whole photo
            (a graph with dynamic input only): media that fill much of the photo are boxed
            more surely when they look smaller to the network. ``None`` = one pass.
        zoom_out_min_area: Boxes of the zoomed-out pass covering less than this percent of
            the photo are dropped (smaller media are the main pass's).

    """

    confidence: float | None = None
    iou: float | None = None
    intra_op_threads: int | None = None
    spin_wait: bool = True
    max_detections: int = 100
    max_candidates: int = 3000
    zoom_out_side: int | None = 320
    zoom_out_min_area: float = 10.0

    def __post_init__(self) -> None:
        for label, value in (("confidence", self.confidence), ("iou", self.iou)):
            if value is not None and not 0 <= value <= 1:
                raise ValueError(f"DetectorOptions.{label} must lie in [0, 1], got {value}")
        if self.intra_op_threads is not None and self.intra_op_threads < 1:
            raise ValueError("DetectorOptions.intra_op_threads must be >= 1")
        if self.max_detections < 1 or self.max_candidates < 1:
            raise ValueError("DetectorOptions.max_detections/max_candidates must be >= 1")
        if self.zoom_out_side is not None and self.zoom_out_side < STRIDE:
            raise ValueError(f"DetectorOptions.zoom_out_side must be >= {STRIDE} or None")
        if not 0 <= self.zoom_out_min_area <= 100:
            raise ValueError("DetectorOptions.zoom_out_min_area must lie in [0, 100] (percent)")

    def zoom_out_for(self, input_side: int) -> int | None:
        """Return the zoomed-out pass's long side in pixels for an input of ``input_side`` px.

        ``None`` when there is none: no side set, or not below ``input_side``.
        """
        side = self.zoom_out_side
        return side if side is not None and side < input_side else None

    def pass_sides(self, input_side: int) -> tuple[int, ...]:
        """Return the long side in pixels of every pass over a photo with an ``input_side`` input.

        The input side first, then the zoomed-out pass's when there is one.
        """
        zoom = self.zoom_out_for(input_side)
        return (input_side,) if zoom is None else (input_side, zoom)


class Detector:
    """Runs the packaged ONNX detector on BGR images.

    Attributes:
        package: The model package.
        options: The settings.
        confidence: The confidence threshold in use.
        iou: The NMS IoU threshold in use.
        stride: For a graph with dynamic height and width, the multiple its input is padded
            to (rectangular input); ``None`` for a fixed-size graph.

    """

    def __init__(self, package: ModelPackage, options: DetectorOptions | None = None) -> None:
        """Create the onnxruntime session and check the graph against the package.

        Raises:
            ModelPackageError: If the ONNX graph cannot be loaded or has the wrong shapes.

        """
        import onnxruntime as ort

        self.package = package
        self.options = options or DetectorOptions()
        self.confidence = (
            package.confidence if self.options.confidence is None else self.options.confidence
        )
        self.iou = package.iou if self.options.iou is None else self.options.iou
        session_options = ort.SessionOptions()
        session_options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        if self.options.intra_op_threads is not None:
            session_options.intra_op_num_threads = self.options.intra_op_threads
        if not self.options.spin_wait:
            session_options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        session_options.log_severity_level = 3
        try:
            self._session = ort.InferenceSession(
                os.fspath(package.onnx_path),
                sess_options=session_options,
                providers=["CPUExecutionProvider"],
            )
        except Exception as exc:  # onnxruntime raises its own exception types
            raise ModelPackageError(
                f"model package {package.path}: model.onnx does not load: {exc}"
            ) from None
        inputs = self._session.get_inputs()
        outputs = self._session.get_outputs()
        check_io(
            package,
            [(i.name, list(i.shape)) for i in inputs],
            [(o.name, list(o.shape)) for o in outputs],
        )
        self._input_name = inputs[0].name
        self._output_name = outputs[0].name
        # A graph exported with dynamic height/width takes stride-padded (rectangular) input.
        self.stride: int | None = (
            None if all(isinstance(d, int) for d in inputs[0].shape[2:]) else STRIDE
        )

    @classmethod
    def load(
        cls, path: str | os.PathLike[str] | None = None, options: DetectorOptions | None = None
    ) -> Detector:
        """Load a model package (default path when ``None``) and create its detector.

        Raises:
            ModelPackageError: If the package is missing, malformed or inconsistent.

        """
        return cls(load_package(path), options)

    def detect(
        self,
        image: npt.NDArray[np.uint8],
        scale: tuple[float, float] = (1.0, 1.0),
        confidence: float | None = None,
    ) -> Detections:
        """Detect objects in an upright BGR image.

        The image runs through the network at the package's input size and, unless
        ``zoom_out_side`` is ``None``, once more zoomed out; the large boxes of the second pass
        join the first pass's in one class-aware NMS.

        Args:
            image: Upright BGR uint8 ``(h, w, 3)``, possibly a reduced decode of the original.
            scale: Original pixels per ``image`` pixel ``(sx, sy)``, per axis: the original
                width in pixels over ``image``'s width, the original height over its height
                (``DecodedImage.scale``). Boxes are returned in original pixels, clipped to
                ``round(w * sx)`` x ``round(h * sy)``, exactly the original size for such a
                scale.
            confidence: Threshold for this call; ``None`` = the detector's.

        Returns:
            Detections in original-image pixels, clipped to it, highest confidence first.

        """
        threshold = self.confidence if confidence is None else confidence
        size = (self.package.input_width, self.package.input_height)
        # Both passes start from the photo shrunk once to the input size (the zoomed-out pass
        # would otherwise shrink the large decode again).
        work, _ = self.shrink_to_input(image)
        h, w = work.shape[:2]
        xyxy, scores, class_id = self._pass(work, size, threshold)
        zoom = self.zoom_out_side
        if zoom is not None:
            more = self._pass(work, (zoom, zoom), threshold)
            inside = np.clip(more[0], 0, [w, h, w, h])
            area = (inside[:, 2] - inside[:, 0]) * (inside[:, 3] - inside[:, 1])
            large = area >= self.options.zoom_out_min_area / 100 * w * h
            xyxy = np.concatenate([xyxy, more[0][large]])
            scores = np.concatenate([scores, more[1][large]])
            class_id = np.concatenate([class_id, more[2][large]])
            kept = nms(xyxy, scores, class_id, self.iou, self.options.max_detections)
            xyxy, scores, class_id = xyxy[kept], scores[kept], class_id[kept]
        full_w, full_h = round(image.shape[1] * scale[0]), round(image.shape[0] * scale[1])
        # cv2.resize maps each axis edge to edge: work pixels per original pixel differ a
        # little between the axes once the shrunk sides are rounded to whole pixels.
        to_original = np.array([full_w / w, full_h / h] * 2, dtype=np.float32)
        return Detections(xyxy * to_original, scores, class_id).clip(full_w, full_h)

    def shrink_to_input(self, image: npt.NDArray[np.uint8]) -> tuple[npt.NDArray[np.uint8], float]:
        """Shrink an image to fit the network input, as ``detect`` does first; never enlarge.

        A caller that also analyses the photo (the quality check) can shrink it once and pass
        the result to ``detect`` with the scale of the shrunk image itself: original width
        over its width, original height over its height, in pixels (the returned ratio is
        the same on both axes only before the shrunk sides are rounded to whole pixels).

        Returns:
            The image (itself when it fits) and its pixels per source pixel (``<= 1``).

        """
        return fit_within(image, self.package.input_width, self.package.input_height)

    @property
    def zoom_out_side(self) -> int | None:
        """Long side in pixels of the zoomed-out pass in use; ``None`` when there is none.

        Only a graph with dynamic input takes it, and only below the main input's size.
        """
        main = max(self.package.input_width, self.package.input_height)
        return self.options.zoom_out_for(main) if self.stride is not None else None

    def _pass(
        self, image: npt.NDArray[np.uint8], size: tuple[int, int], confidence: float
    ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32], npt.NDArray[np.int64]]:
        """Run the network once with ``image`` letterboxed into ``size`` (width, height).

        Returns:
            ``xyxy`` in ``image`` pixels, scores and class ids, after NMS.

        """
        tensor, transform = letterbox(image, size[0], size[1], self.stride)
        raw = self._session.run([self._output_name], {self._input_name: tensor})[0]
        xyxy, scores, class_id = decode_yolo(
            np.asarray(raw, dtype=np.float32),
            confidence,
            self.iou,
            self.options.max_candidates,
            self.options.max_detections,
        )
        return transform.to_source(xyxy), scores, class_id


def decode_yolo(
    output: npt.NDArray[np.float32],
    confidence: float,
    iou: float,
    max_candidates: int = 3000,
    max_detections: int = 100,
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32], npt.NDArray[np.int64]]:
    """Turn a YOLOv8/11 output ``[1, 4 + nc, A]`` into boxes after confidence filter and NMS.

    Args:
        output: Raw network output; boxes are ``cx, cy, w, h`` in input pixels.
        confidence: Minimum class score kept.
        iou: Class-aware NMS IoU threshold.
        max_candidates: Most candidates passed to NMS (highest scores).
        max_detections: Most boxes returned.

    Returns:
        ``xyxy`` ``(N, 4)`` in input pixels, scores ``(N,)``, class ids ``(N,)``.

    """
    pred = output[0].T  # (A, 4 + nc)
    class_scores = pred[:, 4:]
    class_id = class_scores.argmax(axis=1)
    scores = class_scores[np.arange(len(pred)), class_id]
    keep = scores > confidence
    pred, scores, class_id = pred[keep], scores[keep], class_id[keep]
    if len(scores) > max_candidates:
        top = np.argpartition(-scores, max_candidates)[:max_candidates]
        pred, scores, class_id = pred[top], scores[top], class_id[top]
    cx, cy, bw, bh = pred[:, 0], pred[:, 1], pred[:, 2], pred[:, 3]
    xyxy = np.stack([cx - bw / 2, cy - bh / 2, cx + bw / 2, cy + bh / 2], axis=1)
    xyxy = xyxy.astype(np.float32)
    class_id = class_id.astype(np.int64)
    kept = nms(xyxy, scores, class_id, iou, max_detections)
    return xyxy[kept], np.clip(scores[kept], 0, 1).astype(np.float32), class_id[kept]
