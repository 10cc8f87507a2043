"""Decode photos from bytes or files into upright BGR arrays, with EXIF facts.

JPEG (and the MPO variant phones write) goes through OpenCV, which can decode at 1/2, 1/4 or
1/8 scale directly in the DCT domain: a 12 MP photo decodes about twice as fast at 1/4. The
reduction is chosen so the reduced image keeps at least ``target_long_side`` pixels on its long
side (default 640: the quality check's analysis size, above the detector's 416 px input); the
full-resolution image is decoded again only when asked for (verification crops).
Every other format (PNG, WebP, BMP, TIFF, GIF, HEIC/HEIF) goes through Pillow.

The pixel count is checked from the header before any pixel is decoded (decompression bombs).
"""

from __future__ import annotations

import io
import os
import stat
from dataclasses import dataclass
from datetime import datetime
from typing import Final

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image, UnidentifiedImageError

BgrImage = npt.NDArray[np.uint8]

ERROR_CODES: Final = ("empty", "unsupported", "corrupt", "too_large")
MAX_BYTES: Final = 64 * 1024 * 1024  # default file size limit in bytes (DecodeOptions)

_JPEG_FORMATS: Final = frozenset({"JPEG", "MPO"})
_REDUCED_FLAGS: Final = {
    1: cv2.IMREAD_COLOR,
    2: cv2.IMREAD_REDUCED_COLOR_2,
    4: cv2.IMREAD_REDUCED_COLOR_4,
    8: cv2.IMREAD_REDUCED_COLOR_8,
}

# EXIF tag ids.
_ORIENTATION: Final = 0x0112
_MAKE: Final = 0x010F
_MODEL: Final = 0x0110
_DATETIME: Final = 0x0132
_EXIF_IFD: Final = 0x8769
_GPS_IFD: Final = 0x8825
_DATETIME_ORIGINAL: Final = 0x9003


class ImageDecodeError(Exception):
    """A photo could not be decoded.

    Attributes:
        code: ``empty`` (no bytes), ``unsupported`` (not an image, or not a regular file),
            ``corrupt`` (truncated or unreadable image data) or ``too_large`` (more pixels or
            bytes than allowed).
        message: A sentence a person can act on.

    """

    def __init__(self, code: str, message: str) -> None:
        if code not in ERROR_CODES:
            raise ValueError(f"unknown decode error code {code!r}")
        super().__init__(message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class DecodeOptions:
    """How to decode.

    Attributes:
        target_long_side: The reduced JPEG decode keeps at least this many pixels on the
            image's long side, in pixels (the quality check analyses 640 px, the detector input
            is 416 px). ``0`` disables reduction.
        max_pixels: Largest accepted pixel count (width x height of the full image), checked
            from the header before decoding. Pillow refuses images above about 179 MP whatever
            this is set to.
        max_bytes: Largest accepted file, in bytes, checked before a file is read
            (``decode_file``; bytes already in memory are not limited by it). The default
            (64 MiB) is well above a large phone photo or HEIC (a few MB) and above the audit
            service's default upload limit (``api.settings``, 20 MiB).

    """

    target_long_side: int = 640
    max_pixels: int = 50_000_000
    max_bytes: int = MAX_BYTES

    def __post_init__(self) -> None:
        if self.target_long_side < 0:
            raise ValueError("DecodeOptions.target_long_side must be >= 0")
        if self.max_pixels <= 0:
            raise ValueError("DecodeOptions.max_pixels must be > 0")
        if self.max_bytes <= 0:
            raise ValueError("DecodeOptions.max_bytes must be > 0")


@dataclass(frozen=True)
class ExifInfo:
    """Facts read from a photo's EXIF block; ``None`` where absent or unreadable.

    Attributes:
        orientation: EXIF orientation 1-8 as stored in the file (1 = upright).
        captured_at: ``DateTimeOriginal`` (else ``DateTime``) as a naive local datetime.
        latitude: GPS latitude in decimal degrees, north positive.
        longitude: GPS longitude in decimal degrees, east positive.
        make: Camera maker.
        model: Camera model.

    """

    orientation: int = 1
    captured_at: datetime | None = None
    latitude: float | None = None
    longitude: float | None = None
    make: str | None = None
    model: str | None = None


class DecodedImage:
    """An upright photo, possibly decoded at reduced size, that can give its full resolution.

    Attributes:
        image: Upright BGR uint8 array, ``(h, w, 3)``; reduced for large JPEGs.
        width: Upright full-resolution width in pixels.
        height: Upright full-resolution height in pixels.
        format: Pillow's format name (``JPEG``, ``PNG``, ``WEBP``, ``HEIF``, ...).
        exif: EXIF facts.

    """

    def __init__(
        self,
        image: BgrImage,
        width: int,
        height: int,
        image_format: str,
        exif: ExifInfo,
        data: bytes,
    ) -> None:
        self.image = image
        self.width = width
        self.height = height
        self.format = image_format
        self.exif = exif
        self._data = data
        self._full: BgrImage | None = image if image.shape[:2] == (height, width) else None

    def __repr__(self) -> str:
        h, w = self.image.shape[:2]
        return (
            f"DecodedImage({self.format} {self.width}x{self.height}, decoded {w}x{h}, "
            f"orientation {self.exif.orientation})"
        )

    @property
    def scale(self) -> tuple[float, float]:
        """Full-resolution pixels per decoded pixel, ``(sx, sy)``; ``(1, 1)`` when not reduced."""
        h, w = self.image.shape[:2]
        return self.width / w, self.height / h

    @property
    def is_reduced(self) -> bool:
        """Whether ``image`` is smaller than the full-resolution image."""
        return self.image.shape[:2] != (self.height, self.width)

    def full_resolution(self) -> BgrImage:
        """Return the upright full-resolution image, decoding it on first call.

        Raises:
            ImageDecodeError: If the full decode fails (``corrupt``).

        """
        if self._full is None:
            self._full = _decode_jpeg(self._data, 1, self.exif.orientation)
        return self._full

    def crop(self, box: tuple[float, float, float, float], pad: float = 0.0) -> BgrImage:
        """Return a full-resolution crop around a box.

        Args:
            box: ``(x1, y1, x2, y2)`` in upright full-resolution pixels.
            pad: Extra margin on each side as a fraction of the box's width/height.

        Returns:
            The BGR crop (a copy), clipped to the image; may be empty for a box outside it.

        """
        x1, y1, x2, y2 = box
        px, py = (x2 - x1) * pad, (y2 - y1) * pad
        left = int(max(0.0, np.floor(x1 - px)))
        top = int(max(0.0, np.floor(y1 - py)))
        right = int(min(float(self.width), np.ceil(x2 + px)))
        bottom = int(min(float(self.height), np.ceil(y2 + py)))
        full = self.full_resolution()
        return full[top : max(top, bottom), left : max(left, right)].copy()


def decode_file(path: str | os.PathLike[str], options: DecodeOptions | None = None) -> DecodedImage:
    """Read and decode an image file.

    Only a regular file is read (not a device, FIFO or socket, which could block or never
    end), and only when it is at most ``options.max_bytes`` long.

    Args:
        path: The file.
        options: Decoding options; defaults when ``None``.

    Raises:
        ImageDecodeError: ``empty``, ``unsupported`` (also: not a regular file), ``corrupt``
            or ``too_large`` (also: more than ``max_bytes`` bytes).
        OSError: If the file cannot be read (missing, permission denied).

    """
    opts = options or DecodeOptions()
    return decode_bytes(read_photo_file(path, opts.max_bytes), opts)


def read_photo_file(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """Read a regular file of at most ``max_bytes`` bytes, checked before reading.

    Args:
        path: The file.
        max_bytes: Largest accepted size in bytes.

    Raises:
        ImageDecodeError: ``unsupported`` if it is not a regular file, ``too_large`` if it is
            longer than ``max_bytes`` (also if it grows past that while being read).
        OSError: If the file cannot be read (missing, permission denied).

    """
    _check_regular(os.stat(path), max_bytes)  # refused before it is even opened
    # Opened without blocking (a FIFO put in its place since would wait for a writer) and
    # checked again on the open file, which is then read to at most one byte over the limit.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as file:
        _check_regular(os.fstat(file.fileno()), max_bytes)
        data = file.read(max_bytes + 1)
    _check_byte_count(len(data), max_bytes)
    return data


def _check_regular(info: os.stat_result, max_bytes: int) -> None:
    """Raise ``unsupported`` unless ``info`` is a regular file's, ``too_large`` if it is long."""
    if not stat.S_ISREG(info.st_mode):
        raise ImageDecodeError(
            "unsupported", "Not a regular file (a folder, device, pipe or socket): not read."
        )
    _check_byte_count(info.st_size, max_bytes)


def _check_byte_count(size: int, max_bytes: int) -> None:
    """Raise ``too_large`` when ``size`` bytes is over ``max_bytes``."""
    if size > max_bytes:
        raise ImageDecodeError(
            "too_large", f"The file is {_bytes_text(size)}; the limit is {_bytes_text(max_bytes)}."
        )


def _bytes_text(size: int) -> str:
    """Return a size in bytes as a person reads it (``"1234 bytes"``, ``"64.0 MiB"``)."""
    return f"{size / 2**20:.1f} MiB" if size >= 2**20 else f"{size} bytes"


def decode_bytes(data: bytes, options: DecodeOptions | None = None) -> DecodedImage:
    """Decode an image held in memory into an upright BGR array.

    Args:
        data: The encoded file contents.
        options: Decoding options; defaults when ``None``.

    Returns:
        The decoded image; large JPEGs are decoded reduced (see ``DecodeOptions``).

    Raises:
        ImageDecodeError: ``empty``, ``unsupported``, ``corrupt`` or ``too_large``.

    """
    opts = options or DecodeOptions()
    if not data:
        raise ImageDecodeError("empty", "The file is empty (0 bytes).")
    pil = _open_header(data, opts)
    image_format = str(pil.format or "unknown")
    stored_w, stored_h = pil.size
    if stored_w <= 0 or stored_h <= 0:
        raise ImageDecodeError("corrupt", "The image declares no pixels.")
    if stored_w * stored_h > opts.max_pixels:
        raise ImageDecodeError(
            "too_large",
            f"The image is {stored_w}x{stored_h} pixels "
            f"({stored_w * stored_h / 1e6:.0f} MP); the limit is {opts.max_pixels / 1e6:.0f} MP.",
        )
    exif = read_exif(pil)
    swap = exif.orientation in (5, 6, 7, 8)
    width, height = (stored_h, stored_w) if swap else (stored_w, stored_h)
    if image_format in _JPEG_FORMATS:
        _check_jpeg_complete(data)
        factor = reduction_factor(max(stored_w, stored_h), opts.target_long_side)
        image = _decode_jpeg(data, factor, exif.orientation)
    else:
        image = apply_orientation(_pil_to_bgr(pil), exif.orientation)
    if _size_mismatch(image, width, height):
        raise ImageDecodeError("corrupt", "The decoded image does not match its header size.")
    return DecodedImage(image, width, height, image_format, exif, data)


def reduction_factor(long_side: int, target_long_side: int) -> int:
    """Return the largest JPEG scale-down (1, 2, 4 or 8) that keeps ``target_long_side``.

    Args:
        long_side: The image's long side in pixels.
        target_long_side: Minimum long side wanted after reduction, in pixels; 0 = no reduction.

    """
    if target_long_side <= 0:
        return 1
    for factor in (8, 4, 2):
        if long_side // factor >= target_long_side:
            return factor
    return 1


def _size_mismatch(image: BgrImage, width: int, height: int) -> bool:
    """Whether a decoded (possibly 1/2^k reduced) image cannot belong to a width x height image."""
    h, w = image.shape[:2]
    for factor in (1, 2, 4, 8):
        if -(-width // factor) == w and -(-height // factor) == h:
            return False
    return True


def apply_orientation(image: BgrImage, orientation: int) -> BgrImage:
    """Turn an image stored with EXIF ``orientation`` (1-8) upright.

    Args:
        image: The stored pixels, ``(h, w, c)``.
        orientation: EXIF orientation; values outside 1-8 are treated as 1.

    """
    if orientation == 2:
        out = cv2.flip(image, 1)
    elif orientation == 3:
        out = cv2.rotate(image, cv2.ROTATE_180)
    elif orientation == 4:
        out = cv2.flip(image, 0)
    elif orientation == 5:
        out = cv2.transpose(image)
    elif orientation == 6:
        out = cv2.rotate(image, cv2.ROTATE_90_CLOCKWISE)
    elif orientation == 7:
        out = cv2.flip(cv2.transpose(image), -1)
    elif orientation == 8:
        out = cv2.rotate(image, cv2.ROTATE_90_COUNTERCLOCKWISE)
    else:
        return image
    return np.asarray(out, dtype=np.uint8)


def read_exif(pil: Image.Image) -> ExifInfo:
    """Read orientation, capture time, GPS position and camera from an opened image.

    Unreadable or absent fields come back as ``None`` (orientation as 1); never raises.
    """
    try:
        exif = pil.getexif()
    except Exception:  # a broken EXIF block must not make the photo unreadable
        return ExifInfo()
    orientation = exif.get(_ORIENTATION, 1)
    if not isinstance(orientation, int) or not 1 <= orientation <= 8:
        orientation = 1
    try:
        sub = exif.get_ifd(_EXIF_IFD)
    except Exception:
        sub = {}
    try:
        gps = exif.get_ifd(_GPS_IFD)
    except Exception:
        gps = {}
    captured = _parse_datetime(sub.get(_DATETIME_ORIGINAL)) or _parse_datetime(exif.get(_DATETIME))
    latitude = _gps_degrees(gps.get(2), gps.get(1), "S")
    longitude = _gps_degrees(gps.get(4), gps.get(3), "W")
    if latitude is not None and not -90 <= latitude <= 90:
        latitude = None
    if longitude is not None and not -180 <= longitude <= 180:
        longitude = None
    return ExifInfo(
        orientation=orientation,
        captured_at=captured,
        latitude=latitude,
        longitude=longitude,
        make=_clean_text(exif.get(_MAKE)),
        model=_clean_text(exif.get(_MODEL)),
    )


def _open_header(data: bytes, opts: DecodeOptions) -> Image.Image:
    _register_heif()
    try:
        return Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        raise ImageDecodeError(
            "too_large",
            f"The image declares more pixels than allowed ({opts.max_pixels / 1e6:.0f} MP).",
        ) from None
    except UnidentifiedImageError:
        raise ImageDecodeError(
            "unsupported",
            "The file is not a supported image (JPEG, PNG, WebP, HEIC, BMP or TIFF).",
        ) from None
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise ImageDecodeError("corrupt", f"The image header is unreadable ({exc}).") from None
    except Exception:  # a plugin failing on unknown data means the same: not an image we read
        raise ImageDecodeError(
            "unsupported",
            "The file is not a supported image (JPEG, PNG, WebP, HEIC, BMP or TIFF).",
        ) from None


def _register_heif() -> None:
    # Registering the HEIF opener is idempotent; done on first decode, not at import.
    if "HEIF" not in Image.OPEN:
        from pillow_heif import register_heif_opener

        register_heif_opener()


def _check_jpeg_complete(data: bytes) -> None:
    """Raise ``corrupt`` if the JPEG has no end-of-image marker after its first scan.

    Stray bytes between header segments are skipped up to the next marker, as libjpeg does
    (with a warning) when it decodes such a file.
    """
    # Walk the marker segments to the first start-of-scan; entropy-coded data can hold 0xFFD9
    # only as the end-of-image marker (0xFF bytes are stuffed), so one must follow it.
    pos = 2
    n = len(data)
    while pos + 4 <= n:
        if data[pos] != 0xFF:
            pos = data.find(b"\xff", pos)
            if pos < 0:
                break
            continue
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xDA:  # start of scan
            # Searching from the end finds the marker of a complete file at once.
            if data.rfind(b"\xff\xd9", pos + 2) < 0:
                raise ImageDecodeError(
                    "corrupt", "The JPEG file is truncated (incomplete download or copy)."
                )
            return
        length = int.from_bytes(data[pos + 2 : pos + 4], "big")
        pos += 2 + length
    raise ImageDecodeError("corrupt", "The JPEG file is truncated (no image data).")


def _decode_jpeg(data: bytes, factor: int, orientation: int) -> BgrImage:
    flags = _REDUCED_FLAGS[factor] | cv2.IMREAD_IGNORE_ORIENTATION
    image = cv2.imdecode(np.frombuffer(data, np.uint8), flags)
    if image is None or image.size == 0:
        raise ImageDecodeError("corrupt", "The JPEG data could not be decoded.")
    return apply_orientation(np.ascontiguousarray(image, dtype=np.uint8), orientation)


def _pil_to_bgr(pil: Image.Image) -> BgrImage:
    try:
        pil.seek(0)
        pil.load()
        if pil.mode in ("RGBA", "LA", "PA") or (pil.mode == "P" and "transparency" in pil.info):
            rgba = pil.convert("RGBA")
            canvas = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
            canvas.alpha_composite(rgba)
            rgb = canvas.convert("RGB")
        elif pil.mode in ("I;16", "I;16B", "I;16L", "I"):
            arr = np.asarray(pil, dtype=np.float64)
            top = float(arr.max()) or 1.0
            rgb = Image.fromarray((arr * (255.0 / top)).astype(np.uint8)).convert("RGB")
        else:
            rgb = pil.convert("RGB")
        array = np.asarray(rgb, dtype=np.uint8)
    except (OSError, ValueError, SyntaxError, EOFError, MemoryError) as exc:
        raise ImageDecodeError(
            "corrupt", f"The image data is damaged or truncated ({exc})."
        ) from None
    return np.ascontiguousarray(array[:, :, ::-1])


def _parse_datetime(value: object) -> datetime | None:
    if isinstance(value, bytes):
        value = value.decode("ascii", "ignore")
    if not isinstance(value, str):
        return None
    text = value.strip().rstrip("\x00")
    for fmt in ("%Y:%m:%d %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y:%m:%d %H:%M"):
        try:
            return datetime.strptime(text[:19], fmt)
        except ValueError:
            continue
    return None


def _gps_degrees(value: object, ref: object, negative: str) -> float | None:
    if not isinstance(value, tuple | list) or len(value) != 3:
        return None
    try:
        d, m, s = (float(v) for v in value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    degrees = d + m / 60.0 + s / 3600.0
    if not np.isfinite(degrees):
        return None
    if isinstance(ref, bytes):
        ref = ref.decode("ascii", "ignore")
    if isinstance(ref, str) and ref.strip().upper().startswith(negative):
        degrees = -degrees
    return degrees


def _clean_text(value: object) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "ignore")
    if not isinstance(value, str):
        return None
    text = value.strip().strip("\x00").strip()
    return text or None
