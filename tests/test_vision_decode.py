from __future__ import annotations

import io
from datetime import datetime

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
    jpeg[2:6] = b"\x00\x00\x00\x00"  # destroy the first marker
    with pytest.raises(ImageDecodeError) as info:
        decode_bytes(bytes(jpeg))
    assert info.value.code in {"corrupt", "unsupported"}


def test_decode_options_are_validated() -> None:
    with pytest.raises(ValueError, match="max_pixels"):
        DecodeOptions(max_pixels=0)
    with pytest.raises(ValueError, match="unknown decode error code"):
        ImageDecodeError("weird", "x")
