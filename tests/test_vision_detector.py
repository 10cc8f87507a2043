from __future__ import annotations

from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
from vision_photos import Photos, encode_png_with_orientation

from vision.decode import decode_bytes, decode_file
from vision.detector import Detector, DetectorOptions, decode_yolo
from vision.letterbox import PAD_VALUE, fit_within, letterbox
from vision.model_package import ModelPackageError
from vision.nms import box_iou, nms


def test_letterbox_centres_pads_and_maps_back() -> None:
    image = np.zeros((300, 600, 3), np.uint8)
    image[:, :, 2] = 200  # red in BGR
    tensor, transform = letterbox(image, 416, 416)
    assert tensor.shape == (1, 3, 416, 416)
    assert tensor.dtype == np.float32
    assert transform.ratio == pytest.approx(416 / 600)
    assert (transform.pad_x, transform.pad_y) == (0, 104)
    assert tensor[0, :, 0, 0] == pytest.approx([PAD_VALUE / 255] * 3)  # grey pad
    assert tensor[0, :, 208, 208] == pytest.approx([200 / 255, 0, 0], abs=1e-6)  # RGB order
    box = np.array([[0, 104, 416, 312]], np.float32)
    assert transform.to_source(box) == pytest.approx(np.array([[0, 0, 600, 300]]), abs=0.5)


def test_letterbox_enlarges_small_images() -> None:
    tensor, transform = letterbox(np.full((100, 50, 3), 10, np.uint8), 416, 416)
    assert transform.ratio == pytest.approx(4.16)
    assert transform.pad_x == 104
    assert tensor[0, 0, 200, 200] == pytest.approx(10 / 255)


def test_nms_is_class_aware_and_greedy() -> None:
    boxes = np.array([[0, 0, 10, 10], [1, 1, 11, 11], [0, 0, 10, 10], [50, 50, 60, 60]], np.float32)
    scores = np.array([0.9, 0.8, 0.7, 0.6], np.float32)
    classes = np.array([0, 0, 1, 0], np.int64)
    assert nms(boxes, scores, classes, 0.5).tolist() == [0, 2, 3]
    assert nms(boxes, scores, None, 0.5).tolist() == [0, 3]
    assert nms(boxes, scores, classes, 0.5, max_keep=2).tolist() == [0, 2]
    assert nms(boxes[:0], scores[:0], classes[:0], 0.5).tolist() == []
    assert box_iou(boxes[0], boxes[1:2])[0] == pytest.approx(81 / 119)


def test_decode_yolo_reads_cxcywh_and_best_class() -> None:
    out = np.zeros((1, 8, 5), np.float32)
    # anchor 0: box at (100, 50) 40x20, class 2 score 0.9; anchor 1 below threshold;
    # anchor 2 duplicates anchor 0 with a lower score; anchor 3 another class same place.
    out[0, :4, 0] = [100, 50, 40, 20]
    out[0, 6, 0] = 0.9
    out[0, :4, 1] = [10, 10, 4, 4]
    out[0, 4, 1] = 0.1
    out[0, :4, 2] = [101, 50, 40, 20]
    out[0, 6, 2] = 0.8
    out[0, :4, 3] = [100, 50, 40, 20]
    out[0, 7, 3] = 0.7
    xyxy, scores, classes = decode_yolo(out, confidence=0.25, iou=0.7)
    assert classes.tolist() == [2, 3]
    assert scores.tolist() == pytest.approx([0.9, 0.7])
    assert xyxy[0].tolist() == pytest.approx([80, 40, 120, 60])


def test_detector_matches_ultralytics_onnx_predict(
    dev_package: Path, dev_weights: tuple[Path, Path], vision_photos: Photos, tmp_path: Path
) -> None:
    """On an image already at the input's long side both pipelines see identical pixels.

    Ultralytics runs one pass, so the zoomed-out pass is off here.
    """
    from ultralytics import YOLO  # type: ignore[attr-defined]

    scene = np.asarray(cv2.imread(str(vision_photos.janji_jpg)))
    image = cv2.resize(scene, (416, 312), interpolation=cv2.INTER_AREA)
    path = tmp_path / "small.png"
    cv2.imwrite(str(path), image)
    options = DetectorOptions(confidence=0.5, iou=0.7, zoom_out_side=None)
    detector = Detector.load(dev_package, options)
    ours = detector.detect(decode_file(path).image)
    model: Any = YOLO(str(dev_weights[1]), task="detect")
    predicted = model.predict(str(path), imgsz=416, conf=0.5, iou=0.7, max_det=100, verbose=False)
    theirs = predicted[0].boxes
    assert 0 < len(ours) < 100, "the development model should find a few boxes at 0.5"
    assert len(ours) == len(theirs)
    their_xyxy = theirs.xyxy.numpy()
    order = np.argsort(-theirs.conf.numpy(), kind="stable")
    assert np.allclose(ours.confidence, theirs.conf.numpy()[order], atol=2e-3)
    assert np.allclose(ours.xyxy, their_xyxy[order], atol=1.0)
    assert ours.class_id.tolist() == theirs.cls.numpy().astype(int)[order].tolist()


def test_boxes_follow_the_exif_orientation(dev_package: Path, vision_photos: Photos) -> None:
    """The same upright pixels stored rotated + tagged give the same boxes."""
    detector = Detector.load(dev_package, DetectorOptions(confidence=0.5))
    upright = np.asarray(
        cv2.resize(np.asarray(cv2.imread(str(vision_photos.janji_jpg))), (800, 600))
    )
    reference = detector.detect(decode_bytes(encode_png_with_orientation(upright, 1)).image)
    assert len(reference) > 0
    stored_for = {
        6: cv2.rotate(upright, cv2.ROTATE_90_COUNTERCLOCKWISE),
        8: cv2.rotate(upright, cv2.ROTATE_90_CLOCKWISE),
        3: cv2.rotate(upright, cv2.ROTATE_180),
    }
    for orientation, stored in stored_for.items():
        decoded = decode_bytes(encode_png_with_orientation(stored, orientation))
        assert (decoded.width, decoded.height) == (800, 600)
        found = detector.detect(decoded.image)
        assert np.array_equal(found.class_id, reference.class_id), orientation
        assert np.allclose(found.xyxy, reference.xyxy, atol=0.01), orientation


def test_reduced_decode_boxes_are_in_original_pixels(
    dev_package: Path, vision_photos: Photos
) -> None:
    detector = Detector.load(dev_package, DetectorOptions(confidence=0.5))
    decoded = decode_file(vision_photos.phone_jpg)
    assert decoded.scale == (4.0, 4.0)
    scaled = detector.detect(decoded.image, decoded.scale)
    unscaled = detector.detect(decoded.image)
    assert len(scaled) > 0
    assert np.allclose(scaled.xyxy, unscaled.xyxy * 4.0, atol=0.01)
    assert scaled.xyxy[:, [0, 2]].max() <= 3000 and scaled.xyxy[:, [1, 3]].max() <= 4000
    assert unscaled.xyxy[:, [0, 2]].max() <= 750


def test_detector_options_and_bad_graphs(dev_package: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="confidence"):
        DetectorOptions(confidence=1.5)
    with pytest.raises(ValueError, match="intra_op_threads"):
        DetectorOptions(intra_op_threads=0)
    with pytest.raises(ValueError, match="zoom_out_side"):
        DetectorOptions(zoom_out_side=16)
    with pytest.raises(ValueError, match="zoom_out_min_area"):
        DetectorOptions(zoom_out_min_area=120)
    detector = Detector.load(dev_package, DetectorOptions(intra_op_threads=1))
    assert detector.confidence == 0.5 and detector.iou == 0.7
    none = detector.detect(np.full((300, 400, 3), 255, np.uint8), confidence=1.0)
    assert len(none) == 0
    with pytest.raises(ModelPackageError, match="not a folder"):
        Detector.load(tmp_path / "missing")


def test_detector_threads_can_sleep_when_idle(dev_package: Path) -> None:
    image = np.full((480, 640, 3), 200, np.uint8)
    image[100:380, 200:440] = 30
    spinning = Detector.load(dev_package)
    sleeping = Detector.load(dev_package, DetectorOptions(spin_wait=False))
    entry = "session.intra_op.allow_spinning"
    assert sleeping._session.get_session_options().get_session_config_entry(entry) == "0"
    a, b = spinning.detect(image, confidence=0.01), sleeping.detect(image, confidence=0.01)
    assert np.array_equal(a.xyxy, b.xyxy) and np.array_equal(a.confidence, b.confidence)


def test_letterbox_with_stride_pads_only_to_the_next_multiple() -> None:
    image = np.full((300, 400, 3), 50, np.uint8)  # 4:3 -> 416x312 -> padded to 416x320
    tensor, transform = letterbox(image, 416, 416, stride=32)
    assert tensor.shape == (1, 3, 320, 416)
    assert (transform.pad_x, transform.pad_y) == (0, 4)
    assert tensor[0, 0, 0, 0] == pytest.approx(PAD_VALUE / 255)
    assert tensor[0, 0, 160, 208] == pytest.approx(50 / 255)
    box = np.array([[0, 4, 416, 316]], np.float32)
    assert transform.to_source(box) == pytest.approx(np.array([[0, 0, 400, 300]]), abs=0.5)
    portrait, _ = letterbox(np.zeros((1000, 30, 3), np.uint8), 416, 416, stride=32)
    assert portrait.shape == (1, 3, 416, 32)  # never below one stride


def test_zoomed_out_pass_adds_only_large_boxes(dev_package: Path, vision_photos: Photos) -> None:
    """The second pass (the photo at 224 px for this 416 px model) joins only its large boxes."""
    image = np.asarray(cv2.imread(str(vision_photos.janji_jpg)))
    h, w = image.shape[:2]
    one = Detector.load(dev_package, DetectorOptions(confidence=0.3, zoom_out_side=None))
    assert one.zoom_out_side is None
    zoomed = DetectorOptions(confidence=0.3, zoom_out_side=224, zoom_out_min_area=5.0)
    two = Detector.load(dev_package, zoomed)
    assert two.zoom_out_side == 224
    base, both = one.detect(image), two.detect(image)
    assert len(base) > 0
    new = [
        i for i, box in enumerate(both.xyxy) if not (np.abs(base.xyxy - box) < 0.01).all(1).any()
    ]
    assert len(new) > 0, "the zoomed-out pass should box something the first pass did not"
    assert (both.area[new] >= 0.05 * w * h).all()
    only_huge = DetectorOptions(confidence=0.3, zoom_out_side=224, zoom_out_min_area=100.0)
    whole = Detector.load(dev_package, only_huge).detect(image)
    added = [
        i for i, box in enumerate(whole.xyxy) if not (np.abs(base.xyxy - box) < 0.01).all(1).any()
    ]
    assert (whole.area[added] == w * h).all(), "at 100% only boxes of the whole photo join"
    at_input_size = Detector.load(dev_package, DetectorOptions(zoom_out_side=416))
    assert at_input_size.zoom_out_side is None


def test_fit_within_shrinks_once_and_never_enlarges() -> None:
    large = np.zeros((750, 1000, 3), np.uint8)
    fitted, ratio = fit_within(large, 640, 640)
    assert fitted.shape == (480, 640, 3) and ratio == pytest.approx(0.64)
    same, one = fit_within(fitted, 640, 640)
    assert same is fitted and one == 1.0  # already fitting: no copy, no resize
    small = np.zeros((100, 50, 3), np.uint8)
    assert fit_within(small, 416, 416)[0] is small
    tensor, transform = letterbox(fitted, 640, 640, stride=32)
    assert tensor.shape == (1, 3, 480, 640) and transform.ratio == 1.0
    with pytest.raises(ValueError, match="empty"):
        fit_within(np.zeros((0, 10, 3), np.uint8), 640, 640)


def test_a_photo_shrunk_to_the_input_first_gives_the_same_boxes(
    dev_package: Path, vision_photos: Photos
) -> None:
    """The pipeline shrinks a photo once (for the quality check too) and detects on that."""
    detector = Detector.load(dev_package, DetectorOptions(confidence=0.3, zoom_out_side=224))
    decoded = decode_file(vision_photos.phone_jpg)
    direct = detector.detect(decoded.image, decoded.scale)
    work, ratio = detector.shrink_to_input(decoded.image)
    assert max(work.shape[:2]) == 416 and ratio < 1
    sx, sy = decoded.scale
    shrunk_first = detector.detect(work, (sx / ratio, sy / ratio))
    assert len(direct) > 0
    assert np.array_equal(direct.class_id, shrunk_first.class_id)
    assert np.allclose(direct.xyxy, shrunk_first.xyxy, atol=0.01)
    assert np.array_equal(direct.confidence, shrunk_first.confidence)
