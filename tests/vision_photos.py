"""Real test photos for the vision tests: text posters rendered onto indoor photos.

Posters are rendered with Pillow and Debian fonts, warped onto a background photo (a folder of
indoor photos, e.g. Open Images CC BY 2.0 photos, or a procedural room when none is given),
and saved in every format the decoder must read, plus broken files.
"""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT_DIRS = (Path("/usr/share/fonts/truetype"), Path("/usr/share/fonts/opentype"))

FKRTL_LINES = (
    "1. Menerima NIK/KTP/KIS Digital untuk pendaftaran pelayanan",
    "2. Tidak meminta dokumen fotokopi kepada Peserta sebagai syarat pendaftaran pelayanan",
    "3. Memberikan pelayanan tanpa biaya tambahan di luar ketentuan",
    "4. Tidak melakukan pembatasan hari rawat Pasien (sesuai indikasi medis)",
    "5. Memberikan pelayanan obat yang dibutuhkan dan tidak membebankan Peserta untuk "
    "mencari obat jika terdapat kekosongan obat",
    "6. Melayani Peserta dengan ramah tanpa diskriminasi",
)
HAK_LINES = (
    "Hak Peserta:",
    "1. Mendapatkan kartu sebagai bukti sah untuk memperoleh pelayanan kesehatan",
    "2. Memperoleh manfaat dan informasi tentang hak dan kewajiban",
    "Kewajiban Peserta:",
    "1. Mendaftarkan dirinya dan anggota keluarganya sebagai peserta",
    "2. Membayar iuran setiap bulan",
)


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """Return a DejaVu (else any installed TrueType) font of ``size`` pixels."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in FONT_DIRS:
        for path in folder.rglob(name):
            return ImageFont.truetype(str(path), size)
    for folder in FONT_DIRS:
        for path in folder.rglob("*.ttf"):
            return ImageFont.truetype(str(path), size)
    raise RuntimeError("no TrueType font installed")


def render_poster(title: str, lines: tuple[str, ...], width: int = 900) -> np.ndarray:
    """Render a portrait text poster (A-series aspect) and return it as BGR."""
    height = round(width * 1.414)
    img = Image.new("RGB", (width, height), (250, 250, 245))
    draw = ImageDraw.Draw(img)
    band = height // 9
    draw.rectangle([0, 0, width, band], fill=(20, 90, 160))
    title_font = font(width // 18, bold=True)
    draw.text((width // 20, band // 3), title, font=title_font, fill=(255, 255, 255))
    body = font(width // 34)
    y = band + width // 15
    max_chars = 44
    for line in lines:
        words, current = line.split(), ""
        for word in words:
            if len(current) + len(word) + 1 > max_chars:
                draw.text((width // 15, y), current, font=body, fill=(20, 20, 20))
                y += int(width / 34 * 1.5)
                current = word
            else:
                current = f"{current} {word}".strip()
        draw.text((width // 15, y), current, font=body, fill=(20, 20, 20))
        y += int(width / 34 * 2.1)
    footer = font(width // 40)
    draw.text(
        (width // 15, height - band // 2),
        "Care Center 165 | Mobile JKN",
        font=footer,
        fill=(20, 90, 160),
    )
    return cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR)


def janji_poster(width: int = 900) -> np.ndarray:
    """The hospital (FKRTL) Janji Layanan JKN poster, BGR."""
    return render_poster("JANJI LAYANAN JKN", FKRTL_LINES, width)


def lookalike_poster(width: int = 900) -> np.ndarray:
    """A BPJS-style lookalike: Hak dan Kewajiban Peserta, BGR."""
    return render_poster("HAK DAN KEWAJIBAN PESERTA", HAK_LINES, width)


def procedural_room(width: int, height: int, seed: int = 0) -> np.ndarray:
    """A plain room-like background (wall gradient, floor, noise), BGR."""
    rng = np.random.default_rng(seed)
    y = np.linspace(0, 1, height, dtype=np.float32)[:, None, None]
    wall = np.array([200, 215, 225], np.float32) * (0.85 + 0.15 * y)
    img = np.broadcast_to(wall, (height, width, 3)).copy()
    img[int(height * 0.75) :] = (90, 110, 130)
    img += rng.normal(0, 4, img.shape)
    return np.asarray(np.clip(img, 0, 255), dtype=np.uint8)


def background(indoor: Path | None, index: int, width: int, height: int) -> np.ndarray:
    """Return an indoor photo (resized to ``width`` x ``height``) or a procedural room."""
    if indoor is not None:
        files = sorted(indoor.glob("*.jpg"))
        if files:
            img = cv2.imread(str(files[index % len(files)]))
            if img is not None:
                return np.asarray(cv2.resize(img, (width, height), interpolation=cv2.INTER_CUBIC))
    return procedural_room(width, height, index)


def paste(
    scene: np.ndarray, poster: np.ndarray, box: tuple[int, int, int, int], tilt: float = 0.0
) -> np.ndarray:
    """Warp ``poster`` into ``box`` (x1, y1, x2, y2) of ``scene``; ``tilt`` narrows one side."""
    x1, y1, x2, y2 = box
    h, w = poster.shape[:2]
    shrink = (y2 - y1) * tilt / 2
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    dst = np.array([[x1, y1], [x2, y1 + shrink], [x2, y2 - shrink], [x1, y2]], np.float32)
    matrix = cv2.getPerspectiveTransform(src, dst)
    size = (scene.shape[1], scene.shape[0])
    warped = cv2.warpPerspective(poster, matrix, size, flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), matrix, size)
    out = scene.copy()
    out[mask > 127] = warped[mask > 127]
    return out


@dataclass(frozen=True)
class Photos:
    """Paths of the generated test photos and what they show.

    Attributes:
        folder: Where they are.
        janji_jpg: A 1600x1200 JPEG with a Janji poster at ``janji_box``.
        janji_box: The poster's box (x1, y1, x2, y2) in pixels.
        lookalike_jpg: A 1600x1200 JPEG with a Hak dan Kewajiban poster at ``janji_box``.
        plain_jpg: An indoor photo with no poster.
        phone_jpg: A 12 MP phone JPEG stored landscape with EXIF orientation 6 (upright is
            3000x4000 portrait), Janji poster at ``phone_box`` (upright pixels), with EXIF
            capture time, GPS and camera.
        phone_box: The poster's box in the upright phone photo.
        png: ``janji_jpg``'s scene as PNG. webp: as WebP. heic: as HEIC. bmp: as BMP.
        tiff: as TIFF.
        truncated: A JPEG cut in half. empty: 0 bytes. text: a text file named ``.jpg``.
        bomb: A PNG header declaring 30000x30000 pixels.
        indoor: The folder of indoor photos the backgrounds came from; ``None`` when they
            are procedural rooms (``phone_background`` rebuilds the phone photo's).
    """

    folder: Path
    janji_jpg: Path
    janji_box: tuple[int, int, int, int]
    lookalike_jpg: Path
    plain_jpg: Path
    phone_jpg: Path
    phone_box: tuple[int, int, int, int]
    png: Path
    webp: Path
    heic: Path
    bmp: Path
    tiff: Path
    truncated: Path
    empty: Path
    text: Path
    bomb: Path
    indoor: Path | None = None

    @property
    def good(self) -> tuple[Path, ...]:
        """Every readable photo."""
        return (
            self.janji_jpg,
            self.lookalike_jpg,
            self.plain_jpg,
            self.phone_jpg,
            self.png,
            self.webp,
            self.heic,
            self.bmp,
            self.tiff,
        )

    @property
    def bad(self) -> tuple[Path, ...]:
        """Every unreadable file."""
        return (self.truncated, self.empty, self.text, self.bomb)


PHONE_DATETIME = "2025:03:14 09:26:53"
PHONE_MAKE = "TestMaker"
PHONE_MODEL = "Phone X1"
PHONE_LAT = (6.0, 12.0, 30.0)  # 6 deg 12' 30" S
PHONE_LON = (106.0, 49.0, 15.0)  # 106 deg 49' 15" E


def phone_exif(orientation: int) -> Image.Exif:
    """EXIF for the phone photo: orientation, capture time, camera, GPS (Jakarta)."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = PHONE_MAKE
    exif[0x0110] = PHONE_MODEL
    exif.get_ifd(0x8769)[0x9003] = PHONE_DATETIME
    gps = exif.get_ifd(0x8825)
    gps[1] = "S"
    gps[2] = PHONE_LAT
    gps[3] = "E"
    gps[4] = PHONE_LON
    return exif


def bomb_png(width: int = 30000, height: int = 30000) -> bytes:
    """A tiny PNG whose header declares ``width`` x ``height`` pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def make_photos(folder: Path, indoor: Path | None) -> Photos:
    """Write every test photo into ``folder`` and return their paths."""
    from pillow_heif import register_heif_opener

    register_heif_opener()
    folder.mkdir(parents=True, exist_ok=True)
    box = (560, 260, 1010, 896)
    scene = paste(background(indoor, 3, 1600, 1200), janji_poster(), box, tilt=0.08)
    janji_jpg = folder / "janji.jpg"
    cv2.imwrite(str(janji_jpg), scene, [cv2.IMWRITE_JPEG_QUALITY, 92])
    lookalike = paste(background(indoor, 3, 1600, 1200), lookalike_poster(), box, tilt=0.08)
    lookalike_jpg = folder / "lookalike.jpg"
    cv2.imwrite(str(lookalike_jpg), lookalike, [cv2.IMWRITE_JPEG_QUALITY, 92])
    plain_jpg = folder / "plain.jpg"
    cv2.imwrite(str(plain_jpg), background(indoor, 7, 1280, 960), [cv2.IMWRITE_JPEG_QUALITY, 90])

    phone_box = (900, 1300, 2100, 2997)
    upright = paste(phone_background(indoor), janji_poster(1200), phone_box)
    stored = cv2.rotate(upright, cv2.ROTATE_90_COUNTERCLOCKWISE)  # orientation 6 undoes this
    phone_jpg = folder / "phone_12mp.jpg"
    Image.fromarray(cv2.cvtColor(stored, cv2.COLOR_BGR2RGB)).save(
        phone_jpg, quality=90, exif=phone_exif(6).tobytes()
    )

    rgb = Image.fromarray(cv2.cvtColor(scene, cv2.COLOR_BGR2RGB))
    paths = {}
    for name, fmt, extra in (
        ("scene.png", "PNG", {}),
        ("scene.webp", "WEBP", {"quality": 90}),
        ("scene.heic", "HEIF", {"quality": 90}),
        ("scene.bmp", "BMP", {}),
        ("scene.tiff", "TIFF", {}),
    ):
        path = folder / name
        rgb.save(path, format=fmt, **extra)
        paths[fmt] = path

    data = janji_jpg.read_bytes()
    truncated = folder / "truncated.jpg"
    truncated.write_bytes(data[: len(data) // 2])
    empty = folder / "empty.jpg"
    empty.write_bytes(b"")
    text = folder / "notes.jpg"
    text.write_text("This is a text file, not a photo.\n", encoding="utf-8")
    bomb = folder / "bomb.png"
    bomb.write_bytes(bomb_png())
    return Photos(
        folder=folder,
        janji_jpg=janji_jpg,
        janji_box=box,
        lookalike_jpg=lookalike_jpg,
        plain_jpg=plain_jpg,
        phone_jpg=phone_jpg,
        phone_box=phone_box,
        png=paths["PNG"],
        webp=paths["WEBP"],
        heic=paths["HEIF"],
        bmp=paths["BMP"],
        tiff=paths["TIFF"],
        truncated=truncated,
        empty=empty,
        text=text,
        bomb=bomb,
        indoor=indoor,
    )


def phone_background(indoor: Path | None) -> np.ndarray:
    """The upright 3000x4000 (width x height, pixels) scene of the phone photo without its
    poster, BGR."""
    return background(indoor, 11, 3000, 4000)


def edge_photo(
    path: Path, indoor: Path | None, size: tuple[int, int], box: tuple[int, int, int, int]
) -> Path:
    """Write a JPEG of ``size`` (width, height) pixels with a Janji poster warped into ``box``.

    ``box`` (x1, y1, x2, y2, pixels) may reach past the frame: the photo then shows the poster
    cut by its edge, as a photo of a poster taken too close does.
    """
    scene = paste(background(indoor, 5, *size), janji_poster(1200), box)
    cv2.imwrite(str(path), scene, [cv2.IMWRITE_JPEG_QUALITY, 90])
    return path


def encode_png_with_orientation(bgr: np.ndarray, orientation: int) -> bytes:
    """PNG bytes of ``bgr`` with an EXIF orientation tag (an eXIf chunk)."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    buf = io.BytesIO()
    Image.fromarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)).save(
        buf, format="PNG", exif=exif.tobytes()
    )
    return buf.getvalue()
