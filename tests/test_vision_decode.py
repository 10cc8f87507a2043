from __future__ import annotations

import io
import os
import threading
from datetime import datetime
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageOps
from vision_photos import Photos, encode_png_with_orientation

from vision.decode import (
    DecodeOptions,
    ImageDecodeError,
    apply_orientation,
    decode_bytes,
    decode_file,
    reduction_factor,
)


def _mean_abs_diff(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.abs(a.astype(np.int16) - b.astype(np.int16)).mean())


def test_every_format_decodes_to_the_same_upright_bgr_scene(vision_photos: Photos) -> None:
    reference = np.asarray(cv2.imread(str(vision_photos.png)))
    for path, tolerance in (
        (vision_photos.png, 0.0),
        (vision_photos.bmp, 0.0),
        (vision_photos.tiff, 0.0),
        (vision_photos.janji_jpg, 3.0),
        (vision_photos.webp, 4.0),
        (vision_photos.heic, 4.0),
    ):
        decoded = decode_file(path, DecodeOptions(target_long_side=0))
        assert decoded.image.dtype == np.uint8
        assert decoded.image.shape == (1200, 1600, 3), path.name
        assert (decoded.width, decoded.height) == (1600, 1200)
        assert not decoded.is_reduced
        assert _mean_abs_diff(decoded.image, reference) <= tolerance, path.name
    assert decode_file(vision_photos.heic).format == "HEIF"
    # By default a 1600x1200 JPEG is decoded at 1/2: 800 px still covers the 640 px analysis.
    assert decode_file(vision_photos.janji_jpg).image.shape == (600, 800, 3)
    assert decode_file(vision_photos.png).image.shape == (1200, 1600, 3)  # only JPEG is reduced
    assert decode_file(vision_photos.webp).format == "WEBP"


def test_12mp_phone_jpeg_is_decoded_reduced_and_upright(vision_photos: Photos) -> None:
    decoded = decode_file(vision_photos.phone_jpg)
    # stored 4000x3000 landscape with orientation 6 -> upright 3000x4000 portrait
    assert (decoded.width, decoded.height) == (3000, 4000)
    assert decoded.exif.orientation == 6
    assert decoded.is_reduced
    assert decoded.image.shape == (1000, 750, 3)  # 1/4 keeps >= 640 px on the long side
    assert decoded.scale == (4.0, 4.0)
    full = decoded.full_resolution()
    assert full.shape == (4000, 3000, 3)
    assert decoded.full_resolution() is full  # decoded once
    # Pillow's own decode + exif_transpose is the reference for "upright".
    reference = cv2.cvtColor(
        np.asarray(ImageOps.exif_transpose(Image.open(vision_photos.phone_jpg)).convert("RGB")),
        cv2.COLOR_RGB2BGR,
    )
    assert _mean_abs_diff(full, reference) < 2.0
    small = cv2.resize(reference, (750, 1000), interpolation=cv2.INTER_AREA)
    assert _mean_abs_diff(decoded.image, small) < 4.0


def test_reduction_keeps_the_target_long_side(vision_photos: Photos) -> None:
    decoded = decode_file(vision_photos.phone_jpg, DecodeOptions(target_long_side=1600))
    assert decoded.image.shape == (2000, 1500, 3)
    assert decode_file(vision_photos.phone_jpg, DecodeOptions(target_long_side=0)).image.shape == (
        4000,
        3000,
        3,
    )
    assert reduction_factor(4000, 960) == 4
    assert reduction_factor(4000, 1600) == 2
    assert reduction_factor(1024, 960) == 1
    assert reduction_factor(8000, 960) == 8
    assert reduction_factor(8000, 0) == 1


def test_crop_comes_from_full_resolution_with_padding(vision_photos: Photos) -> None:
    decoded = decode_file(vision_photos.phone_jpg)
    x1, y1, x2, y2 = vision_photos.phone_box
    crop = decoded.crop((x1, y1, x2, y2), pad=0.0)
    assert crop.shape == (y2 - y1, x2 - x1, 3)
    padded = decoded.crop((x1, y1, x2, y2), pad=0.1)
    assert abs(padded.shape[0] - (y2 - y1) * 1.2) <= 2
    assert abs(padded.shape[1] - (x2 - x1) * 1.2) <= 2
    # the poster is a light sheet with a dark blue band on top, upright
    assert crop[: (y2 - y1) // 12].mean() < crop[(y2 - y1) // 2 :].mean()
    assert decoded.crop((5000, 5000, 6000, 6000)).size == 0
    edge = decoded.crop((-50, -50, 100, 100), pad=0.5)
    assert edge.shape == (175, 175, 3)


def test_exif_facts_of_the_phone_photo(vision_photos: Photos) -> None:
    exif = decode_file(vision_photos.phone_jpg).exif
    assert exif.captured_at == datetime(2025, 3, 14, 9, 26, 53)
    assert exif.make == "TestMaker"
    assert exif.model == "Phone X1"
    assert exif.latitude == pytest.approx(-(6 + 12 / 60 + 30 / 3600), abs=1e-6)
    assert exif.longitude == pytest.approx(106 + 49 / 60 + 15 / 3600, abs=1e-6)
    plain = decode_file(vision_photos.plain_jpg).exif
    assert (plain.captured_at, plain.latitude, plain.make, plain.orientation) == (
        None,
        None,
        None,
        1,
    )


@pytest.mark.parametrize("orientation", range(1, 9))
def test_apply_orientation_matches_pillow_exif_transpose(orientation: int) -> None:
    rng = np.random.default_rng(orientation)
    stored = rng.integers(0, 255, (5, 8, 3), dtype=np.uint8)
    exif = Image.Exif()
    exif[0x0112] = orientation
    pil = Image.fromarray(stored)
    pil.info["exif"] = exif.tobytes()
    buf = io.BytesIO()
    pil.save(buf, format="PNG", exif=exif.tobytes())
    expected = np.asarray(ImageOps.exif_transpose(Image.open(io.BytesIO(buf.getvalue()))))
    assert np.array_equal(apply_orientation(stored, orientation), expected)
    # and the decoder applies it to a PNG carrying the tag
    decoded = decode_bytes(encode_png_with_orientation(stored[:, :, ::-1].copy(), orientation))
    assert np.array_equal(decoded.image[:, :, ::-1], expected)


def test_jpeg_with_data_after_the_end_marker_and_progressive_jpeg_decode(
    vision_photos: Photos,
) -> None:
    data = vision_photos.janji_jpg.read_bytes() + b"SEFH trailing maker data" * 10
    assert decode_bytes(data).image.shape == (600, 800, 3)  # reduced at 1/2
    buf = io.BytesIO()
    Image.open(vision_photos.janji_jpg).save(buf, format="JPEG", progressive=True, quality=85)
    assert decode_bytes(buf.getvalue()).image.shape == (600, 800, 3)


def test_grey_and_transparent_images_become_bgr() -> None:
    buf = io.BytesIO()
    Image.new("L", (40, 30), 128).save(buf, format="PNG")
    assert decode_bytes(buf.getvalue()).image.shape == (30, 40, 3)
    buf = io.BytesIO()
    Image.new("RGBA", (40, 30), (0, 0, 0, 0)).save(buf, format="PNG")
    assert decode_bytes(buf.getvalue()).image.min() == 255  # transparent -> white


@pytest.mark.parametrize(
    ("attr", "code", "words"),
    [
        ("empty", "empty", "empty"),
        ("text", "unsupported", "not a supported image"),
        ("truncated", "corrupt", "truncated"),
        ("bomb", "too_large", "50 MP"),
    ],
)
def test_bad_files_raise_one_clear_error(
    vision_photos: Photos, attr: str, code: str, words: str
) -> None:
    with pytest.raises(ImageDecodeError) as info:
        decode_file(getattr(vision_photos, attr))
    assert info.value.code == code
    assert words in info.value.message


def test_pixel_limit_is_checked_from_the_header(vision_photos: Photos) -> None:
    with pytest.raises(ImageDecodeError) as info:
        decode_file(vision_photos.phone_jpg, DecodeOptions(max_pixels=11_000_000))
    assert info.value.code == "too_large"
    assert "3000x4000" in info.value.message or "4000x3000" in info.value.message
    assert decode_file(vision_photos.phone_jpg, DecodeOptions(max_pixels=12_000_000)).width == 3000


def test_truncated_png_and_damaged_jpeg_are_corrupt(vision_photos: Photos) -> None:
    png = vision_photos.png.read_bytes()
    with pytest.raises(ImageDecodeError) as info:
        decode_bytes(png[: len(png) // 3])
    assert info.value.code == "corrupt"
    jpeg = bytearray(vision_photos.janji_jpg.read_bytes())
    second = _first_segment_end(bytes(jpeg))
    jpeg[second : second + 2] = b"\x00\x00"  # the quantization tables' marker is gone
    with pytest.raises(ImageDecodeError) as info:
        decode_bytes(bytes(jpeg))
    assert info.value.code == "corrupt"


def _first_segment_end(jpeg: bytes) -> int:
    """Return where a JPEG's second header segment starts: after SOI and the first segment."""
    assert jpeg[:3] == b"\xff\xd8\xff"
    return 4 + int.from_bytes(jpeg[4:6], "big")


def test_a_stray_byte_between_jpeg_segments_is_skipped(vision_photos: Photos) -> None:
    """libjpeg skips bytes that are not a marker (with a warning); so does the header walk."""
    data = vision_photos.janji_jpg.read_bytes()
    at = _first_segment_end(data)
    decoded = decode_bytes(data[:at] + b"\x00" + data[at:])
    assert (decoded.width, decoded.height) == (1600, 1200)
    assert np.array_equal(decoded.image, decode_bytes(data).image)
    # the same file cut in half is still found truncated
    with pytest.raises(ImageDecodeError) as info:
        decode_bytes(data[:at] + b"\x00" + data[at : len(data) // 2])
    assert info.value.code == "corrupt"
    assert "truncated" in info.value.message


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "photo.jpg"
    os.mkfifo(fifo)
    outcome: list[BaseException | object] = []

    def read() -> None:
        try:
            outcome.append(decode_file(fifo))
        except BaseException as exc:
            outcome.append(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=20)
    if reader.is_alive():  # blocked in open(): give it a writer and an end of file
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(timeout=20)
        pytest.fail("decode_file waited for a writer on a FIFO")
    (error,) = outcome
    assert isinstance(error, ImageDecodeError)
    assert error.code == "unsupported"
    assert "not a regular file" in error.message.lower()


def test_a_folder_is_refused_as_a_photo_file(tmp_path: Path) -> None:
    with pytest.raises(ImageDecodeError) as info:
        decode_file(tmp_path)
    assert info.value.code == "unsupported"


def test_files_over_the_byte_limit_are_refused_before_reading(
    vision_photos: Photos, monkeypatch: pytest.MonkeyPatch
) -> None:
    size = vision_photos.janji_jpg.stat().st_size
    assert decode_file(vision_photos.janji_jpg, DecodeOptions(max_bytes=size)).width == 1600
    opened: list[object] = []
    real_open = os.open
    monkeypatch.setattr(os, "open", lambda *a, **k: opened.append(a) or real_open(*a, **k))
    with pytest.raises(ImageDecodeError) as info:
        decode_file(vision_photos.janji_jpg, DecodeOptions(max_bytes=size - 1))
    assert info.value.code == "too_large"
    assert f"{size} bytes" in info.value.message and f"{size - 1} bytes" in info.value.message
    assert not opened  # refused from its size, not read


def test_the_default_byte_limit_admits_a_large_phone_photo_and_any_upload() -> None:
    limit = DecodeOptions().max_bytes
    assert limit >= 64 * 2**20  # a 200 MP phone JPEG or HEIC is 20-40 MB
    settings = pytest.importorskip("api.settings")
    assert limit >= settings.Settings.model_fields["max_upload_bytes"].default


def test_decode_options_are_validated() -> None:
    with pytest.raises(ValueError, match="max_pixels"):
        DecodeOptions(max_pixels=0)
    with pytest.raises(ValueError, match="max_bytes"):
        DecodeOptions(max_bytes=0)
    with pytest.raises(ValueError, match="unknown decode error code"):
        ImageDecodeError("weird", "x")
