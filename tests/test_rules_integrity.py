from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from typing import Any

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from api.rules import (
    EvidenceMeta,
    FlagSeverity,
    PhotoHash,
    RulesError,
    dhash,
    evidence_flags,
    exif_time_flags,
    gps_flags,
    hamming_distance,
    hash_from_hex,
    hash_to_hex,
    haversine_km,
    is_near_duplicate,
    load_ruleset,
    phash,
    reuse_flags,
    visit_window,
)
from api.rules.integrity import _box_resize

RS = load_ruleset("SE-2024")
WIB = timezone(timedelta(hours=7))


def scene(seed: int, width: int = 800, height: int = 600) -> np.ndarray:
    """A wall with a poster and text: a grey photo-like image, different per seed."""
    rng = np.random.default_rng(seed)
    base = rng.integers(60, 200)
    image = Image.new("L", (width, height), int(base))
    draw = ImageDraw.Draw(image)
    for _ in range(6):
        x, y = int(rng.integers(0, width - 150)), int(rng.integers(0, height - 150))
        w, h = int(rng.integers(60, 300)), int(rng.integers(60, 300))
        draw.rectangle((x, y, x + w, y + h), fill=int(rng.integers(0, 256)))
    font = ImageFont.load_default(size=36)
    draw.text(
        (int(rng.integers(10, 300)), int(rng.integers(10, 500))),
        "JANJI LAYANAN JKN",
        fill=int(rng.integers(0, 256)),
        font=font,
    )
    gray = np.asarray(image, dtype=np.float64)
    shading = cv2.resize(rng.normal(0, 25, (6, 8)), (width, height), interpolation=cv2.INTER_CUBIC)
    gray += shading + rng.normal(0, 4, gray.shape)  # uneven light and sensor noise
    return gray.clip(0, 255).astype(np.uint8)


def reencode(gray: np.ndarray, scale: float = 0.5, quality: int = 70) -> np.ndarray:
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ok, data = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    decoded = cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)
    assert decoded is not None
    return np.asarray(decoded)


@pytest.mark.parametrize("hash_fn", [dhash, phash])
def test_hashes_find_resized_reencoded_copies_and_tell_scenes_apart(
    hash_fn: Callable[[np.ndarray], int],
) -> None:
    originals = [scene(s) for s in range(6)]
    hashes = [hash_fn(g) for g in originals]
    for gray, h in zip(originals, hashes, strict=True):
        assert hash_fn(gray) == h  # deterministic
        assert 0 <= h < 2**64
        copy = hash_fn(reencode(gray))
        assert hamming_distance(h, copy) <= 4
        assert is_near_duplicate(RS, h, copy)
        brighter = hash_fn(np.clip(gray.astype(np.float64) * 1.1 + 5, 0, 255))
        assert hamming_distance(h, brighter) <= 6
    distances = [hamming_distance(a, b) for i, a in enumerate(hashes) for b in hashes[i + 1 :]]
    assert min(distances) > RS.integrity.near_duplicate_max_distance
    assert 20 <= np.mean(distances) <= 44  # unrelated scenes differ in about half the bits


def test_dhash_bit_order_on_gradients() -> None:
    falling = np.tile(np.arange(90, 0, -1, dtype=np.float64), (40, 1))
    assert dhash(falling) == 2**64 - 1  # every cell brighter than its right neighbour
    assert dhash(falling[:, ::-1]) == 0
    assert dhash(np.full((50, 50), 128)) == 0
    assert dhash(falling[:, :, None]) == dhash(falling)  # (H, W, 1) is accepted


def test_phash_ignores_contrast_scaling_and_matches_a_reference_dct() -> None:
    gray = scene(11).astype(np.float64)
    assert phash(gray) == phash(gray * 0.5)
    fft = pytest.importorskip("scipy.fft")
    small = _box_resize(gray, 32, 32)
    low = fft.dctn(small, norm="ortho")[:8, :8]
    bits = (low > np.median(low.reshape(-1)[1:])).reshape(-1)
    assert phash(gray) == int("".join("1" if b else "0" for b in bits), 2)


def test_box_resize_is_the_block_mean() -> None:
    rng = np.random.default_rng(0)
    image = rng.random((16, 18))
    expected = image.reshape(8, 2, 9, 2).mean(axis=(1, 3))
    np.testing.assert_allclose(_box_resize(image, 8, 9), expected)
    tiny = np.arange(12, dtype=np.float64).reshape(3, 4)  # smaller than the grid: upsampled
    assert _box_resize(tiny, 8, 9).shape == (8, 9)
    assert isinstance(dhash(tiny), int)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (np.zeros((10, 10, 3)), "2-D grayscale"),
        (np.zeros((0, 5)), "non-empty"),
        (np.array([[1.0, np.nan]]), "finite"),
        ([["a", "b"]], "numeric"),
    ],
)
def test_hash_inputs_are_checked(bad: Any, message: str) -> None:
    with pytest.raises(RulesError, match=message):
        dhash(bad)


def test_hamming_and_hex() -> None:
    assert hamming_distance(0, 2**64 - 1) == 64
    assert hamming_distance(0b1011, 0b0001) == 2
    assert hash_to_hex(255) == "00000000000000ff"
    assert hash_from_hex(hash_to_hex(2**63 + 5)) == 2**63 + 5
    with pytest.raises(RulesError, match=r"\[0, 2\*\*64\)"):
        hamming_distance(-1, 0)
    with pytest.raises(RulesError, match="16 hex digits"):
        hash_from_hex("xyz")
    with pytest.raises(RulesError, match="16 hex digits"):
        hash_from_hex("zzzzzzzzzzzzzzzz")


def test_near_duplicate_threshold_boundary() -> None:
    assert is_near_duplicate(RS, 0, 0b111111)  # 6 bits
    assert not is_near_duplicate(RS, 0, 0b1111111)  # 7 bits


def record(
    photo_id: str, h: int, facility: str = "F1", audit: str = "A1", area: str = "registration"
) -> PhotoHash:
    return PhotoHash(
        photo_id=photo_id, phash=h, facility_code=facility, audit_id=audit, area_id=area
    )


def test_reuse_across_areas_audits_and_facilities() -> None:
    new = record("new", 0b1010)
    others = [
        record("new", 0b1010),  # itself
        record("retake", 0b1010),  # same audit, same area: expected
        record("other_area", 0b1011, area="pharmacy_waiting"),
        record("other_audit", 0b1010, audit="A0"),
        record("other_facility", 0b1010 ^ 0b111000, facility="F9", audit="A9"),
        record("unrelated", 0b1010 ^ (2**64 - 1), facility="F9", audit="A9"),
    ]
    flags = reuse_flags(RS, new, others)
    assert [
        (f.details["other_photo_id"], f.severity, f.details["distance_bits"]) for f in flags
    ] == [
        ("other_audit", FlagSeverity.MEDIUM, 0),
        ("other_area", FlagSeverity.MEDIUM, 1),
        ("other_facility", FlagSeverity.HIGH, 3),
    ]
    assert (
        flags[0].message.text_en
        == "This photo is the same as photo other_audit from another audit (A0)"
    )
    assert "hampir sama" in flags[1].message.text_id
    area = RS.area("pharmacy_waiting")
    assert f"area lain ({area.name_id})" in flags[1].message.text_id
    assert f"another area ({area.name_en})" in flags[1].message.text_en
    with pytest.raises(ValueError):
        record("x", 2**64)


def test_exif_time_inside_window_with_tolerance() -> None:
    start, end = visit_window(date(2024, 5, 6), WIB)
    assert end - start == timedelta(days=1)
    inside = datetime(2024, 5, 6, 10, 30)  # naive EXIF time read in the window's zone
    assert exif_time_flags(RS, inside, start, end) == []
    edge = start - timedelta(minutes=180)
    assert exif_time_flags(RS, edge, start, end) == []
    (flag,) = exif_time_flags(RS, edge - timedelta(minutes=1), start, end)
    assert (flag.code, flag.severity, flag.details["minutes_outside"]) == (
        "exif_time_outside_visit",
        FlagSeverity.MEDIUM,
        181.0,
    )
    assert "before the visit" in flag.message.text_en
    (later,) = exif_time_flags(RS, datetime(2024, 5, 20, 9, 0, tzinfo=WIB), start, end)
    assert later.message.text_en == "The photo was taken 13 days after the visit"
    # An aware EXIF time in another zone is compared in absolute time: 23:30 WITA is 22:30 WIB.
    wita = timezone(timedelta(hours=8))
    assert exif_time_flags(RS, datetime(2024, 5, 6, 23, 30, tzinfo=wita), start, end) == []


def test_exif_time_missing_is_soft_and_bad_window_is_an_error() -> None:
    start, end = visit_window(date(2024, 5, 6))
    (flag,) = exif_time_flags(RS, None, start, end)
    assert (flag.code, flag.severity) == ("exif_time_missing", FlagSeverity.LOW)
    with pytest.raises(RulesError, match="ends"):
        exif_time_flags(RS, None, end, start)


def test_haversine_known_distances() -> None:
    one_degree = 6371.0088 * np.pi / 180
    assert haversine_km(0, 0, 1, 0) == pytest.approx(one_degree)
    assert haversine_km(0, 106, 0, 107) == pytest.approx(one_degree)
    monas, bandung = (-6.1754, 106.8272), (-6.9175, 107.6191)
    assert haversine_km(*monas, *bandung) == pytest.approx(haversine_km(*bandung, *monas))
    assert 110 < haversine_km(*monas, *bandung) < 125
    with pytest.raises(RulesError, match="invalid position"):
        haversine_km(91, 0, 0, 0)


def test_gps_flags() -> None:
    facility = (-6.2000, 106.8166)
    near = (-6.2050, 106.8166)  # about 0.56 km
    far = (-6.2200, 106.8166)  # about 2.2 km
    assert gps_flags(RS, near, facility) == []
    (flag,) = gps_flags(RS, far, facility)
    assert (flag.code, flag.severity) == ("exif_gps_far", FlagSeverity.MEDIUM)
    assert flag.details["distance_km"] == pytest.approx(2.224, abs=0.01)
    assert flag.message.text_en == "The photo was taken 2.2 km from the facility"
    assert [f.code for f in gps_flags(RS, None, facility)] == ["exif_gps_missing"]
    assert [f.code for f in gps_flags(RS, (0.0, 0.0), facility)] == ["exif_gps_missing"]
    assert [f.code for f in gps_flags(RS, (200.0, 5.0), facility)] == ["exif_gps_missing"]
    assert [f.code for f in gps_flags(RS, near, None)] == ["facility_location_unknown"]
    with pytest.raises(RulesError, match="invalid facility position"):
        gps_flags(RS, near, (0.0, 999.0))


def test_evidence_flags_combines_and_treats_missing_exif_as_soft() -> None:
    start, end = visit_window(date(2024, 5, 6), WIB)
    facility = (-6.2, 106.8166)
    (soft,) = evidence_flags(RS, EvidenceMeta(has_exif=False), start, end, facility)
    assert (soft.code, soft.severity) == ("exif_missing", FlagSeverity.LOW)
    good = EvidenceMeta(
        has_exif=True, taken_at=datetime(2024, 5, 6, 9), latitude=-6.2, longitude=106.8166
    )
    assert evidence_flags(RS, good, start, end, facility) == []
    bad = EvidenceMeta(
        has_exif=True, taken_at=datetime(2024, 4, 1, 9), latitude=-7.0, longitude=110.0
    )
    assert [f.code for f in evidence_flags(RS, bad, start, end, facility)] == [
        "exif_time_outside_visit",
        "exif_gps_far",
    ]
    partial = EvidenceMeta(has_exif=True, latitude=-6.2)
    assert [f.code for f in evidence_flags(RS, partial, start, end, facility)] == [
        "exif_time_missing",
        "exif_gps_missing",
    ]
