"""Evidence integrity, the pure parts: perceptual hashes, reuse, EXIF time and GPS checks.

Every check returns flags (code, severity, message, details) for a person to look at; none
rejects a photo. Hashes are 64-bit integers (``hash_size`` 8) computed by ``dhash`` or
``phash`` on a grayscale array (numpy only); compare hashes of the same kind only.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from typing import Any

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field

from api.rules.days import add_days
from api.rules.messages import Message, RulesError
from api.rules.ruleset import RuleSet

HASH_BITS = 64
EARTH_RADIUS_KM = 6371.0088


class FlagSeverity(StrEnum):
    """How much a flag matters: ``low`` is a soft signal, ``high`` needs a look."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class IntegrityFlag(BaseModel):
    """One evidence-integrity observation (never a rejection).

    Attributes:
        code: Stable id, e.g. ``reused_photo``, ``exif_time_outside_visit``.
        severity: ``low``, ``medium`` or ``high``.
        message: Plain explanation in Indonesian and English.
        details: Numbers and ids behind it (distance in bits or km, minutes, photo ids).

    """

    model_config = ConfigDict(frozen=True)

    code: str
    severity: FlagSeverity
    message: Message
    details: dict[str, str | int | float | None] = Field(default_factory=dict)


# --- perceptual hashes ------------------------------------------------------------------


def dhash(gray: npt.ArrayLike, hash_size: int = 8) -> int:
    """Difference hash of a grayscale image.

    The image is box-averaged to ``hash_size`` rows by ``hash_size + 1`` columns; each bit
    says whether a cell is brighter than its right neighbour (row-major, first bit highest).

    Args:
        gray: 2-D array of grey levels (any numeric dtype, any range), height x width pixels.
        hash_size: Bits per side; 8 gives a 64-bit hash.

    Returns:
        The hash as a non-negative integer below ``2 ** (hash_size ** 2)``.

    Raises:
        RulesError: If the array is not a non-empty, finite 2-D array.

    """
    image = _gray(gray)
    small = _box_resize(image, hash_size, hash_size + 1)
    return _pack(small[:, :-1] > small[:, 1:])


def phash(gray: npt.ArrayLike, hash_size: int = 8, highfreq_factor: int = 4) -> int:
    """DCT perceptual hash of a grayscale image.

    The image is box-averaged to ``hash_size * highfreq_factor`` pixels square, transformed
    with an orthonormal 2-D DCT-II, and the top-left ``hash_size`` x ``hash_size``
    coefficients are compared with their median (the DC term left out of the median).

    Args:
        gray: 2-D array of grey levels, height x width pixels.
        hash_size: Bits per side; 8 gives a 64-bit hash.
        highfreq_factor: Resize factor before the DCT.

    Returns:
        The hash as a non-negative integer below ``2 ** (hash_size ** 2)``.

    Raises:
        RulesError: If the array is not a non-empty, finite 2-D array.

    """
    image = _gray(gray)
    n = hash_size * highfreq_factor
    small = _box_resize(image, n, n)
    k = np.arange(n)[:, None]
    basis = np.cos(np.pi * (2 * np.arange(n)[None, :] + 1) * k / (2 * n)) * np.sqrt(2.0 / n)
    basis[0] /= np.sqrt(2.0)
    low = (basis @ small @ basis.T)[:hash_size, :hash_size]
    median = float(np.median(low.reshape(-1)[1:]))
    return _pack(low > median)


def hamming_distance(a: int, b: int) -> int:
    """Return the number of differing bits of two 64-bit hashes.

    Raises:
        RulesError: If a hash is outside ``[0, 2**64)``.

    """
    for value in (a, b):
        if not 0 <= value < 1 << HASH_BITS:
            raise RulesError(f"a perceptual hash must lie in [0, 2**64), got {value}")
    return (a ^ b).bit_count()


def is_near_duplicate(ruleset: RuleSet, a: int, b: int) -> bool:
    """Whether two hashes are at most ``integrity.near_duplicate_max_distance`` bits apart."""
    return hamming_distance(a, b) <= ruleset.integrity.near_duplicate_max_distance


def hash_to_hex(value: int) -> str:
    """Return a 64-bit hash as 16 lower-case hex digits (for storage and display)."""
    hamming_distance(value, 0)
    return f"{value:016x}"


def hash_from_hex(text: str) -> int:
    """Parse 16 hex digits back into a hash.

    Raises:
        RulesError: If ``text`` is not 16 hex digits.

    """
    if len(text) != 16:
        raise RulesError(f"a hash is 16 hex digits, got {text!r}")
    try:
        return int(text, 16)
    except ValueError:
        raise RulesError(f"a hash is 16 hex digits, got {text!r}") from None


def _gray(gray: npt.ArrayLike) -> npt.NDArray[Any]:
    try:
        image = np.asarray(gray)
    except (TypeError, ValueError):
        raise RulesError("a perceptual hash needs a numeric grayscale array") from None
    if image.dtype.kind not in "buif":
        raise RulesError(f"a perceptual hash needs a numeric grayscale array, got {image.dtype}")
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[:, :, 0]
    if image.ndim != 2:
        raise RulesError(
            f"a perceptual hash needs a 2-D grayscale array, got shape {image.shape}; "
            "convert colour images to grey first"
        )
    if image.size == 0:
        raise RulesError("a perceptual hash needs a non-empty image")
    if image.dtype.kind == "f" and not np.all(np.isfinite(image)):
        raise RulesError("a perceptual hash needs finite grey levels")
    return image


def _box_resize(image: npt.NDArray[Any], rows: int, cols: int) -> npt.NDArray[np.float64]:
    """Mean of each cell of a ``rows`` x ``cols`` grid laid over the image (area resize).

    Cell ``i`` of an axis of ``size`` pixels spans ``[i * size // n, (i + 1) * size // n)``;
    an axis shorter than ``n`` repeats pixels instead.
    """
    height, width = image.shape
    if height >= rows and width >= cols:
        y0, y1 = _cells(height, rows)
        x0, x1 = _cells(width, cols)
        row_sums = np.add.reduceat(image, y0, axis=0, dtype=np.float64)
        sums = np.add.reduceat(row_sums, x0, axis=1, dtype=np.float64)
    else:
        integral = np.zeros((height + 1, width + 1), dtype=np.float64)
        integral[1:, 1:] = image.astype(np.float64).cumsum(axis=0).cumsum(axis=1)
        y0, y1 = _cells(height, rows)
        x0, x1 = _cells(width, cols)
        sums = (
            integral[np.ix_(y1, x1)]
            - integral[np.ix_(y0, x1)]
            - integral[np.ix_(y1, x0)]
            + integral[np.ix_(y0, x0)]
        )
    areas = (y1 - y0)[:, None] * (x1 - x0)[None, :]
    return np.asarray(sums / areas, dtype=np.float64)


def _cells(size: int, cells: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    index = np.arange(cells, dtype=np.int64)
    start = index * size // cells
    end = (index + 1) * size // cells
    return start, np.maximum(end, start + 1)


def _pack(bits: npt.NDArray[np.bool_]) -> int:
    value = 0
    for bit in bits.reshape(-1):
        value = (value << 1) | int(bit)
    return value


# --- reuse across areas, audits and facilities --------------------------------------------


class PhotoHash(BaseModel):
    """A stored photo's perceptual hash and where it was used.

    Attributes:
        photo_id: The photo.
        phash: Its 64-bit hash.
        facility_code: The facility it was taken for.
        audit_id: The audit (or self-check) it belongs to.
        area_id: The area it was uploaded to.

    """

    model_config = ConfigDict(frozen=True)

    photo_id: str
    phash: int = Field(ge=0, lt=1 << HASH_BITS)
    facility_code: str
    audit_id: str
    area_id: str


def reuse_flags(
    ruleset: RuleSet, photo: PhotoHash, others: Iterable[PhotoHash]
) -> list[IntegrityFlag]:
    """Flag earlier photos that ``photo`` repeats in another area, audit or facility.

    Photos of the same area in the same audit are expected to look alike (retakes) and are
    not flagged. Severity: another facility ``high``; another audit or area ``medium``.

    Args:
        ruleset: The rules (``integrity.near_duplicate_max_distance``).
        photo: The new photo.
        others: Stored photos to compare with (the same photo id is skipped).

    Returns:
        One ``reused_photo`` flag per near-identical photo, closest first.

    """
    found: list[tuple[int, str, IntegrityFlag]] = []
    for other in others:
        if other.photo_id == photo.photo_id:
            continue
        same_audit = other.audit_id == photo.audit_id
        if same_audit and other.area_id == photo.area_id:
            continue
        distance = hamming_distance(photo.phash, other.phash)
        if distance > ruleset.integrity.near_duplicate_max_distance:
            continue
        if other.facility_code != photo.facility_code:
            severity, where_id, where_en = (
                FlagSeverity.HIGH,
                f"fasilitas lain ({other.facility_code})",
                f"another facility ({other.facility_code})",
            )
        elif not same_audit:
            severity, where_id, where_en = (
                FlagSeverity.MEDIUM,
                f"audit lain ({other.audit_id})",
                f"another audit ({other.audit_id})",
            )
        else:
            area = ruleset.area(other.area_id)
            severity, where_id, where_en = (
                FlagSeverity.MEDIUM,
                f"area lain ({area.name_id})",
                f"another area ({area.name_en})",
            )
        kind_id = "sama" if distance == 0 else "hampir sama"
        kind_en = "the same as" if distance == 0 else "nearly identical to"
        flag = IntegrityFlag(
            code="reused_photo",
            severity=severity,
            message=Message(
                code="reused_photo",
                text_id=f"Foto ini {kind_id} dengan foto {other.photo_id} di {where_id}",
                text_en=f"This photo is {kind_en} photo {other.photo_id} from {where_en}",
            ),
            details={
                "other_photo_id": other.photo_id,
                "other_facility_code": other.facility_code,
                "other_audit_id": other.audit_id,
                "other_area_id": other.area_id,
                "distance_bits": distance,
            },
        )
        found.append((distance, other.photo_id, flag))
    return [flag for _, _, flag in sorted(found, key=lambda f: (f[0], f[1]))]


# --- EXIF time and place ----------------------------------------------------------------------


def visit_window(day: date, tz: tzinfo | None = None) -> tuple[datetime, datetime]:
    """Return the visit window of a visit day: its local midnight to the next midnight.

    Raises:
        RulesError: For the calendar's last day (the window would end after it).

    """
    midnight = time(0, 0)
    end = add_days(day, 1, "visit window")
    return datetime.combine(day, midnight, tzinfo=tz), datetime.combine(end, midnight, tzinfo=tz)


def exif_time_flags(
    ruleset: RuleSet,
    taken_at: datetime | None,
    window_start: datetime,
    window_end: datetime,
) -> list[IntegrityFlag]:
    """Check the EXIF capture time against the visit window (± the tolerance).

    A time without a UTC offset (as EXIF usually stores it) is read in the window's time
    zone, and a naive window in the capture time's zone.

    Args:
        ruleset: The rules (``integrity.exif_time_tolerance_minutes``).
        taken_at: The EXIF capture time, or ``None`` when the photo has none.
        window_start: When the visit began.
        window_end: When it ended.

    Returns:
        ``[]`` inside the window; a ``medium`` ``exif_time_outside_visit`` flag outside it;
        a ``low`` ``exif_time_missing`` flag without a time.

    Raises:
        RulesError: If the window ends before it starts.

    """
    if (window_start.tzinfo is None) != (window_end.tzinfo is None):
        raise RulesError("the visit window's start and end must both have a time zone, or neither")
    if window_end < window_start:
        raise RulesError(f"the visit window ends ({window_end}) before it starts ({window_start})")
    if taken_at is None:
        return [
            _soft(
                "exif_time_missing",
                "Foto tidak memiliki waktu pengambilan (EXIF)",
                "The photo has no capture time (EXIF)",
            )
        ]
    if taken_at.tzinfo is None and window_start.tzinfo is not None:
        taken_at = taken_at.replace(tzinfo=window_start.tzinfo)
    elif taken_at.tzinfo is not None and window_start.tzinfo is None:
        window_start = window_start.replace(tzinfo=taken_at.tzinfo)
        window_end = window_end.replace(tzinfo=taken_at.tzinfo)
    tolerance = timedelta(minutes=ruleset.integrity.exif_time_tolerance_minutes)
    if window_start - tolerance <= taken_at <= window_end + tolerance:
        return []
    before = taken_at < window_start
    minutes = (
        (window_start - taken_at) if before else (taken_at - window_end)
    ).total_seconds() / 60
    when_id, when_en = ("sebelum", "before") if before else ("sesudah", "after")
    return [
        IntegrityFlag(
            code="exif_time_outside_visit",
            severity=FlagSeverity.MEDIUM,
            message=Message(
                code="exif_time_outside_visit",
                text_id=f"Foto diambil {_duration_id(minutes)} {when_id} kunjungan",
                text_en=f"The photo was taken {_duration_en(minutes)} {when_en} the visit",
            ),
            details={
                "taken_at": taken_at.isoformat(),
                "minutes_outside": round(minutes, 1),
                "tolerance_minutes": ruleset.integrity.exif_time_tolerance_minutes,
            },
        )
    ]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two points in decimal degrees.

    Raises:
        RulesError: If a latitude is outside [-90, 90] or a longitude outside [-180, 180].

    """
    for lat, lon in ((lat1, lon1), (lat2, lon2)):
        if not _valid_position(lat, lon):
            raise RulesError(
                f"invalid position ({lat}, {lon}): latitude -90..90, longitude -180..180"
            )
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def gps_flags(
    ruleset: RuleSet,
    photo_position: tuple[float, float] | None,
    facility_position: tuple[float, float] | None,
) -> list[IntegrityFlag]:
    """Check the photo's EXIF GPS position against the facility's location.

    Args:
        ruleset: The rules (``integrity.gps_max_distance_km``).
        photo_position: EXIF (latitude, longitude) in decimal degrees, or ``None``.
        facility_position: The facility's (latitude, longitude), or ``None`` when unknown.

    Returns:
        ``[]`` when near; ``medium`` ``exif_gps_far`` beyond the limit; ``low``
        ``exif_gps_missing`` without a usable position (none, out of range, or exactly 0, 0);
        ``low`` ``facility_location_unknown`` when there is nothing to compare with.

    Raises:
        RulesError: If the facility's position is out of range.

    """
    if facility_position is not None and not _valid_position(*facility_position):
        raise RulesError(f"invalid facility position {facility_position}")
    if photo_position is None or not _valid_position(*photo_position) or photo_position == (0, 0):
        return [
            _soft(
                "exif_gps_missing",
                "Foto tidak memiliki lokasi GPS yang dapat dipakai",
                "The photo has no usable GPS position",
            )
        ]
    if facility_position is None:
        return [
            _soft(
                "facility_location_unknown",
                "Lokasi fasilitas belum diisi sehingga lokasi foto tidak dapat dibandingkan",
                "The facility has no location, so the photo's position cannot be compared",
            )
        ]
    distance = haversine_km(*photo_position, *facility_position)
    limit = ruleset.integrity.gps_max_distance_km
    if distance <= limit:
        return []
    return [
        IntegrityFlag(
            code="exif_gps_far",
            severity=FlagSeverity.MEDIUM,
            message=Message(
                code="exif_gps_far",
                text_id=f"Foto diambil {distance:.1f} km dari lokasi fasilitas",
                text_en=f"The photo was taken {distance:.1f} km from the facility",
            ),
            details={"distance_km": round(distance, 3), "limit_km": limit},
        )
    ]


class EvidenceMeta(BaseModel):
    """What a photo's metadata says about when and where it was taken.

    Attributes:
        has_exif: Whether the photo carried any EXIF at all.
        taken_at: EXIF capture time, or ``None``.
        latitude: EXIF GPS latitude in decimal degrees, or ``None``.
        longitude: EXIF GPS longitude in decimal degrees, or ``None``.

    """

    model_config = ConfigDict(frozen=True)

    has_exif: bool
    taken_at: datetime | None = None
    latitude: float | None = None
    longitude: float | None = None


def evidence_flags(
    ruleset: RuleSet,
    meta: EvidenceMeta,
    window_start: datetime,
    window_end: datetime,
    facility_position: tuple[float, float] | None,
) -> list[IntegrityFlag]:
    """Run the EXIF time and GPS checks of one photo.

    A photo with no EXIF at all gets one ``low`` ``exif_missing`` flag (a soft signal:
    messaging apps and screenshots strip it) instead of the separate time and GPS flags.

    Args:
        ruleset: The rules.
        meta: The photo's metadata.
        window_start: When the visit began.
        window_end: When it ended.
        facility_position: The facility's (latitude, longitude), or ``None``.

    Returns:
        The flags, time first.

    """
    if not meta.has_exif:
        return [
            _soft(
                "exif_missing",
                "Foto tidak memiliki data EXIF (waktu dan lokasi)",
                "The photo has no EXIF data (time and place)",
            )
        ]
    position = (
        None if meta.latitude is None or meta.longitude is None else (meta.latitude, meta.longitude)
    )
    return [
        *exif_time_flags(ruleset, meta.taken_at, window_start, window_end),
        *gps_flags(ruleset, position, facility_position),
    ]


def _valid_position(lat: float, lon: float) -> bool:
    return math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180


def _soft(code: str, text_id: str, text_en: str) -> IntegrityFlag:
    return IntegrityFlag(
        code=code,
        severity=FlagSeverity.LOW,
        message=Message(code=code, text_id=text_id, text_en=text_en),
    )


def _duration_en(minutes: float) -> str:
    if minutes < 120:
        return f"{minutes:.0f} minutes"
    if minutes < 48 * 60:
        return f"{minutes / 60:.1f} hours"
    return f"{minutes / 1440:.0f} days"


def _duration_id(minutes: float) -> str:
    if minutes < 120:
        return f"{minutes:.0f} menit"
    if minutes < 48 * 60:
        return f"{minutes / 60:.1f} jam"
    return f"{minutes / 1440:.0f} hari"
