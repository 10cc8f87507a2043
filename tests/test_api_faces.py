"""Privacy: faces found in real indoor photos of people are unrecognisable after blurring."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from api_support import read_image

from vision.faces import Face, FaceDetector, blur_faces

# Indoor photos (Open Images, CC BY 2.0) that show one person's face clearly.
PEOPLE = (
    "0c3673f52f7fbe00.jpg",
    "041926a4858c0a9a.jpg",
    "1d624eb29f35af59.jpg",
    "65fd844bc8bc5666.jpg",
    "a6c770c55743d796.jpg",
    "00ce536d4536805d.jpg",
)


@pytest.fixture(scope="module")
def detector() -> FaceDetector:
    return FaceDetector.load()


def iou(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    x1, y1 = max(a[0], b[0]), max(a[1], b[1])
    x2, y2 = min(a[2], b[2]), min(a[3], b[3])
    inter = max(0.0, x2 - x1) * max(0.0, y2 - y1)
    area = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / area if area > 0 else 0.0


def people_photos(indoor_dir: Path) -> list[np.ndarray]:
    if not all((indoor_dir / name).is_file() for name in PEOPLE):
        pytest.skip("the indoor photo folder lacks the photos of people")
    return [read_image(indoor_dir / name) for name in PEOPLE]


def test_every_clear_face_is_found(detector: FaceDetector, indoor_dir: Path) -> None:
    for name, image in zip(PEOPLE, people_photos(indoor_dir), strict=True):
        faces = detector.detect(image)
        assert faces, name
        assert faces[0].score >= 0.5, name
        x1, y1, x2, y2 = faces[0].box
        assert 0 <= x1 < x2 <= image.shape[1] + 1 and 0 <= y1 < y2 <= image.shape[0] + 1


def test_blurred_faces_are_not_found_again(detector: FaceDetector, indoor_dir: Path) -> None:
    for name, image in zip(PEOPLE, people_photos(indoor_dir), strict=True):
        faces = [f for f in detector.detect(image) if f.score >= 0.5]
        hidden = blur_faces(image, faces)
        again = detector.detect(hidden)
        for face in faces:
            assert all(iou(face.box, f.box) < 0.3 or f.score < 0.4 for f in again), name
            x1, y1, x2, y2 = (int(v) for v in face.box)
            before = image[y1:y2, x1:x2].astype(np.float32)
            after = hidden[y1:y2, x1:x2].astype(np.float32)
            assert np.abs(before - after).mean() > 5, name  # really changed
        # Outside the faces the photo is untouched.
        mask = np.ones(image.shape[:2], bool)
        for face in faces:
            fx1, fy1, fx2, fy2 = face.box
            w, h = fx2 - fx1, fy2 - fy1
            mask[max(0, int(fy1 - h)) : int(fy2 + h), max(0, int(fx1 - w)) : int(fx2 + w)] = False
        assert np.array_equal(image[mask], hidden[mask]), name


def test_no_faces_and_tiny_images(detector: FaceDetector) -> None:
    flat = np.full((480, 640, 3), 200, np.uint8)
    assert detector.detect(flat) == []
    assert detector.detect(np.zeros((4, 4, 3), np.uint8)) == []
    assert np.array_equal(blur_faces(flat, []), flat)
    edge = [Face(box=(630.0, 470.0, 660.0, 500.0), score=0.9)]  # partly outside the image
    assert blur_faces(flat, edge).shape == flat.shape
