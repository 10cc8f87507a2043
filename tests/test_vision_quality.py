from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from vision.decode import decode_file
from vision.quality import QualitySettings, assess_quality


def _sample(indoor_dir: Path, n: int = 60) -> list[np.ndarray]:
    files = sorted(indoor_dir.glob("*.jpg"))
    step = max(1, len(files) // n)
    return [decode_file(f).image for f in files[::step][:n]]


def _codes(image: np.ndarray, width: int = 4000, height: int = 3000) -> set[str]:
    return {issue.code for issue in assess_quality(image, width, height).issues}


def test_real_indoor_photos_mostly_pass(indoor_dir: Path) -> None:
    photos = _sample(indoor_dir)
    passed = sum(assess_quality(p, 4000, 3000).ok for p in photos)
    assert passed / len(photos) >= 0.85


def test_blurred_versions_fail_as_blurry(indoor_dir: Path) -> None:
    photos = [p for p in _sample(indoor_dir) if assess_quality(p, 4000, 3000).ok]
    blurred = [cv2.GaussianBlur(p, (0, 0), 3.0) for p in photos]
    flagged = sum("blurry" in _codes(b) for b in blurred)
    assert flagged / len(blurred) >= 0.9


def test_darkened_versions_fail_as_too_dark(indoor_dir: Path) -> None:
    photos = [p for p in _sample(indoor_dir) if assess_quality(p, 4000, 3000).ok]
    dark = [(p.astype(np.float32) * 0.2).astype(np.uint8) for p in photos]
    flagged = [_codes(d) for d in dark]
    assert sum("too_dark" in c for c in flagged) / len(dark) >= 0.9
    assert not any("blurry" in c for c in flagged)  # darkness is the reason given, not blur


def test_overexposed_and_glare(indoor_dir: Path) -> None:
    photo = next(p for p in _sample(indoor_dir) if assess_quality(p, 4000, 3000).ok)
    washed = cv2.convertScaleAbs(photo, alpha=0.4, beta=190)
    assert "too_bright" in _codes(washed)
    glare = photo.copy()
    h, w = glare.shape[:2]
    cv2.ellipse(glare, (w // 2, h // 2), (w * 2 // 5, h * 2 // 5), 0, 0, 360, (255, 255, 255), -1)
    report = assess_quality(glare, 4000, 3000)
    assert {i.code for i in report.issues} == {"glare"}
    assert report.glare > 35
    assert "reflect" in report.issues[0].message


def test_too_small_uses_full_resolution_size() -> None:
    image = np.random.default_rng(0).integers(0, 255, (300, 400, 3), dtype=np.uint8)
    report = assess_quality(image, 400, 300)
    assert [i.code for i in report.issues] == ["too_small"]
    assert "400x300" in report.issues[0].message
    assert assess_quality(image, 4000, 3000).ok  # a reduced decode of a large photo is fine


def test_messages_are_plain_advice() -> None:
    black = np.zeros((600, 800, 3), np.uint8)
    report = assess_quality(black, 800, 600)
    assert report.brightness == 0.0
    assert report.issues[0].message == "The photo is too dark: turn on the light and retake it."
    assert not report.ok


def test_sharpness_does_not_depend_on_resolution(indoor_dir: Path) -> None:
    photo = _sample(indoor_dir, 5)[2]
    big = np.asarray(cv2.resize(photo, None, fx=3, fy=3, interpolation=cv2.INTER_CUBIC), np.uint8)
    a = assess_quality(photo, 4000, 3000).sharpness
    b = assess_quality(big, 4000, 3000).sharpness
    assert b == pytest.approx(a, rel=0.35)


def test_settings_are_validated() -> None:
    with pytest.raises(ValueError, match="brightness"):
        QualitySettings(min_brightness=90, max_brightness=80)
    with pytest.raises(ValueError, match="glare_level"):
        QualitySettings(glare_level=0)
    strict = QualitySettings(min_sharpness=1e9)
    image = np.full((600, 800, 3), 128, np.uint8)
    assert "blurry" in {i.code for i in assess_quality(image, 800, 600, strict).issues}
