"""Scene backgrounds: a folder of real indoor photos, split by file, and procedural rooms."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from datasets.synth.arrays import Image
from datasets.synth.splits import pool_of

PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
TEST_PHOTO_SHARE = 0.2  # fixed share of photo files reserved for the test split
DEV_PHOTO_SHARE = 0.1  # the next share of the hash range: the development split's photos


@dataclass(frozen=True)
class Background:
    """A background image ready for compositing.

    Attributes:
        image: HxWx3 RGB uint8, long side equal to the requested size in pixels.
        background_id: ``photo:<file name>`` or ``procedural:<seed>``.

    """

    image: Image
    background_id: str


def list_photos(folder: Path) -> tuple[Path, ...]:
    """Return the photo files directly inside ``folder``, sorted by name.

    Raises:
        ValueError: If ``folder`` is not a directory or holds no photo.

    """
    if not folder.is_dir():
        raise ValueError(f"backgrounds folder not found: {folder}")
    photos = tuple(
        sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in PHOTO_SUFFIXES)
    )
    if not photos:
        raise ValueError(f"no photos ({', '.join(PHOTO_SUFFIXES)}) in backgrounds folder: {folder}")
    return photos


def photo_pool(name: str) -> str:
    """Return the pool the photo file ``name`` belongs to, by a hash of its name.

    Returns:
        ``"test"`` for a fixed 20% of names, ``"dev"`` for another 10%, else ``"train"``
        (train and val).

    """
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    position = int.from_bytes(digest[:4], "big") / 2**32
    if position < TEST_PHOTO_SHARE:
        return "test"
    if position < TEST_PHOTO_SHARE + DEV_PHOTO_SHARE:
        return "dev"
    return "train"


def is_test_photo(name: str) -> bool:
    """Whether the photo file ``name`` belongs to the test split (a fixed hash-based 20%)."""
    return photo_pool(name) == "test"


def photos_for_split(photos: tuple[Path, ...], split: str) -> tuple[Path, ...]:
    """Return the photos a split may use: those of its pool (train and val share one).

    Raises:
        ValueError: For an unknown split.

    """
    pool = pool_of(split)
    return tuple(p for p in photos if photo_pool(p.name) == pool)


def resize_long(image: Image, long_side: int) -> Image:
    """Resize so the longer side is ``long_side`` pixels, keeping the aspect ratio."""
    h, w = image.shape[:2]
    scale = long_side / max(h, w)
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
    return np.asarray(cv2.resize(image, size, interpolation=interp), dtype=np.uint8)


def load_photo(path: Path, rng: np.random.Generator, long_side: int) -> Image | None:
    """Read a photo as RGB, take a random crop (70-100% per side), maybe mirror it, resize.

    Returns:
        The RGB image with the given long side in pixels, or ``None`` if the file is unreadable.

    """
    bgr = cv2.imread(str(path), cv2.IMREAD_COLOR)
    if bgr is None or bgr.shape[0] < 32 or bgr.shape[1] < 32:
        return None
    h, w = bgr.shape[:2]
    ch, cw = int(h * rng.uniform(0.7, 1.0)), int(w * rng.uniform(0.7, 1.0))
    y0, x0 = int(rng.integers(0, h - ch + 1)), int(rng.integers(0, w - cw + 1))
    crop = bgr[y0 : y0 + ch, x0 : x0 + cw]
    if rng.random() < 0.5:
        crop = crop[:, ::-1]
    rgb = np.ascontiguousarray(crop[:, :, ::-1], dtype=np.uint8)
    return resize_long(rgb, long_side)


def _color(
    rng: np.random.Generator, base: tuple[int, int, int], spread: int
) -> tuple[int, int, int]:
    c = np.clip(np.array(base) + rng.integers(-spread, spread + 1, 3), 0, 255)
    return (int(c[0]), int(c[1]), int(c[2]))


WALL_PAINTS = (
    (236, 232, 220),
    (225, 236, 230),
    (214, 228, 240),
    (240, 228, 205),
    (230, 230, 230),
    (200, 222, 205),
    (245, 240, 230),
    (215, 205, 190),
    (190, 210, 225),
    (240, 220, 220),
)
FLOORS = (
    (200, 195, 185),
    (225, 222, 215),
    (180, 170, 155),
    (160, 150, 140),
    (210, 200, 180),
    (190, 190, 192),
    (170, 130, 95),
)
COUNTERS = (
    (200, 170, 130),
    (235, 232, 225),
    (150, 110, 75),
    (190, 190, 195),
    (120, 85, 60),
    (215, 205, 185),
    (80, 110, 150),
)
DOORS = ((150, 110, 70), (235, 235, 230), (120, 85, 55), (180, 150, 110), (200, 205, 210))
SEAT_COLORS = (
    (40, 90, 160),
    (90, 90, 95),
    (200, 110, 40),
    (30, 120, 90),
    (150, 30, 40),
    (60, 60, 60),
)


def _vertical_gradient(
    h: int, w: int, top: tuple[int, int, int], bottom: tuple[int, int, int]
) -> Image:
    t = np.linspace(0.0, 1.0, h, dtype=np.float32)[:, None, None]
    grad = np.asarray(top, np.float32) * (1 - t) + np.asarray(bottom, np.float32) * t
    return np.ascontiguousarray(np.broadcast_to(grad, (h, w, 3))).astype(np.uint8)


def procedural_room(rng: np.random.Generator, long_side: int) -> Image:
    """Draw a plausible room interior: painted wall, tiles, floor, doors, furniture, lights.

    Args:
        rng: Random generator (the image is a pure function of its state).
        long_side: Long side of the result in pixels.

    Returns:
        An RGB uint8 image; landscape 4:3 / 16:9 or portrait 3:4.

    """
    aspect = float(rng.choice([4 / 3, 16 / 9, 3 / 4]))
    w, h = (
        (long_side, round(long_side / aspect))
        if aspect >= 1
        else (round(long_side * aspect), long_side)
    )
    paint = WALL_PAINTS[int(rng.integers(len(WALL_PAINTS)))]
    top = _color(rng, paint, 12)
    bottom = tuple(int(c * rng.uniform(0.78, 0.95)) for c in top)
    img = _vertical_gradient(h, w, top, (bottom[0], bottom[1], bottom[2]))
    # horizontal light falloff across the wall
    fall = np.linspace(rng.uniform(0.8, 1.05), rng.uniform(0.8, 1.05), w, dtype=np.float32)
    img = np.clip(img.astype(np.float32) * fall[None, :, None], 0, 255).astype(np.uint8)
    floor_y = int(h * rng.uniform(0.62, 0.8))
    ceil_y = int(h * rng.uniform(0.0, 0.12)) if rng.random() < 0.6 else 0
    if ceil_y > 0:
        img[:ceil_y] = _color(rng, (235, 235, 232), 10)
        for _ in range(int(rng.integers(1, 4))):  # ceiling lights
            lx = int(rng.integers(0, w - 60))
            lw = int(rng.integers(60, 180))
            cv2.rectangle(
                img, (lx, max(0, ceil_y - 14)), (lx + lw, ceil_y - 2), (255, 255, 250), -1
            )
        cv2.line(img, (0, ceil_y), (w, ceil_y), _color(rng, (200, 200, 195), 10), 2)
    if rng.random() < 0.45:  # tiled wainscot
        tile_top = int(floor_y - h * rng.uniform(0.12, 0.3))
        img[tile_top:floor_y] = _color(rng, (225, 225, 220), 25)
        step = int(rng.integers(18, 40))
        line = _color(rng, (180, 180, 175), 20)
        for x in range(0, w, step):
            cv2.line(img, (x, tile_top), (x, floor_y), line, 1)
        for y in range(tile_top, floor_y, step):
            cv2.line(img, (0, y), (w, y), line, 1)
    # floor with perspective tile lines
    floor = _color(rng, FLOORS[int(rng.integers(len(FLOORS)))], 12)
    img[floor_y:] = floor
    vx = int(rng.integers(w // 4, 3 * w // 4))
    grout = tuple(int(c * 0.8) for c in floor)
    for k in range(-12, 13):
        cv2.line(img, (vx + k * w // 10, floor_y), (vx + k * w // 3, h), grout, 1)
    yy = float(floor_y)
    gap = 6.0
    while yy < h:
        cv2.line(img, (0, int(yy)), (w, int(yy)), grout, 1)
        gap *= 1.5
        yy += gap
    cv2.line(img, (0, floor_y), (w, floor_y), _color(rng, (120, 110, 100), 30), 3)
    # wall furniture: doors, windows, frames, TV, clock
    for _ in range(int(rng.integers(0, 3))):
        dw = int(w * rng.uniform(0.1, 0.18))
        dh = int((floor_y - ceil_y) * rng.uniform(0.7, 0.9))
        dx = int(rng.integers(0, max(1, w - dw)))
        door = _color(rng, DOORS[int(rng.integers(len(DOORS)))], 12)
        cv2.rectangle(img, (dx, floor_y - dh), (dx + dw, floor_y), door, -1)
        cv2.rectangle(
            img, (dx, floor_y - dh), (dx + dw, floor_y), tuple(int(c * 0.7) for c in door), 3
        )
        cv2.circle(img, (dx + dw - 10, floor_y - dh // 2), 4, (200, 200, 200), -1)
    if rng.random() < 0.5:
        ww = int(w * rng.uniform(0.15, 0.35))
        wh = int(h * rng.uniform(0.2, 0.35))
        wx = int(rng.integers(0, max(1, w - ww)))
        wy = int(ceil_y + h * rng.uniform(0.05, 0.15))
        sky = _color(rng, (215, 230, 245), 20)
        wh = max(1, min(wh, h - wy))
        ww = max(1, min(ww, w - wx))
        img[wy : wy + wh, wx : wx + ww] = _vertical_gradient(wh, ww, (250, 252, 255), sky)
        frame = _color(rng, (220, 220, 220), 30)
        cv2.rectangle(img, (wx, wy), (wx + ww, wy + wh), frame, 5)
        cv2.line(img, (wx + ww // 2, wy), (wx + ww // 2, wy + wh), frame, 4)
    for _ in range(int(rng.integers(0, 5))):  # unrelated frames, notice boards, clocks
        fw = int(w * rng.uniform(0.03, 0.12))
        fh = int(fw * rng.uniform(0.6, 1.5))
        fx = int(rng.integers(0, max(1, w - fw)))
        fy = int(rng.integers(ceil_y, max(ceil_y + 1, floor_y - fh - 10)))
        if rng.random() < 0.2:
            cv2.circle(img, (fx + fw // 2, fy + fw // 2), fw // 2, (245, 245, 245), -1)
            cv2.circle(img, (fx + fw // 2, fy + fw // 2), fw // 2, (40, 40, 40), 2)
            continue
        fill = _color(rng, (170, 160, 150), 50)
        cv2.rectangle(img, (fx, fy), (fx + fw, fy + fh), fill, -1)
        cv2.rectangle(img, (fx, fy), (fx + fw, fy + fh), _color(rng, (60, 50, 40), 40), 2)
    if rng.random() < 0.35:  # TV / monitor
        tw = int(w * rng.uniform(0.12, 0.22))
        th = int(tw * 9 / 16)
        tx = int(rng.integers(0, max(1, w - tw)))
        ty = int(ceil_y + h * rng.uniform(0.05, 0.2))
        cv2.rectangle(img, (tx, ty), (tx + tw, ty + th), (20, 20, 22), -1)
        screen = _color(rng, (60, 110, 160), 60)
        cv2.rectangle(img, (tx + 4, ty + 4), (tx + tw - 4, ty + th - 4), screen, -1)
    if rng.random() < 0.45:  # counter / desk
        cw = int(w * rng.uniform(0.3, 0.7))
        cx = int(rng.integers(0, max(1, w - cw)))
        ct = int(floor_y - h * rng.uniform(0.12, 0.22))
        body = _color(rng, COUNTERS[int(rng.integers(len(COUNTERS)))], 12)
        cv2.rectangle(img, (cx, ct), (cx + cw, floor_y + int(h * 0.04)), body, -1)
        cv2.rectangle(
            img, (cx - 6, ct - 8), (cx + cw + 6, ct), _color(rng, (230, 225, 215), 20), -1
        )
        panel = tuple(int(c * 0.82) for c in body)
        base_y = floor_y + int(h * 0.04)
        for px in range(cx, cx + cw, max(20, int(cw / rng.integers(3, 7)))):
            cv2.line(img, (px, ct + 4), (px, base_y), panel, 2)
        cv2.rectangle(img, (cx, base_y - int(h * 0.02)), (cx + cw, base_y), panel, -1)
    if rng.random() < 0.55:  # row of waiting chairs
        seat = SEAT_COLORS[int(rng.integers(len(SEAT_COLORS)))]
        n = int(rng.integers(3, 9))
        sw = int(w * rng.uniform(0.05, 0.09))
        sx = int(rng.integers(0, max(1, w - n * (sw + 4))))
        sy = int(floor_y + (h - floor_y) * rng.uniform(0.15, 0.6))
        for i in range(n):
            x = sx + i * (sw + 4)
            cv2.rectangle(img, (x, sy - int(sw * 1.1)), (x + sw, sy - int(sw * 0.35)), seat, -1)
            cv2.rectangle(
                img, (x, sy - int(sw * 0.35)), (x + sw, sy), tuple(int(c * 0.8) for c in seat), -1
            )
            cv2.line(img, (x + 3, sy), (x + 3, sy + sw // 2), (90, 90, 90), 2)
            cv2.line(img, (x + sw - 3, sy), (x + sw - 3, sy + sw // 2), (90, 90, 90), 2)
    for _ in range(int(rng.integers(0, 3))):  # potted plants
        px = int(rng.integers(0, w))
        py = int(floor_y + (h - floor_y) * rng.uniform(0.0, 0.5))
        ps = int(h * rng.uniform(0.05, 0.12))
        cv2.rectangle(
            img,
            (px - ps // 3, py - ps // 2),
            (px + ps // 3, py),
            _color(rng, (140, 90, 60), 30),
            -1,
        )
        for _ in range(12):
            lx = px + int(rng.normal(0, ps * 0.4))
            ly = py - ps // 2 - int(abs(rng.normal(ps * 0.5, ps * 0.4)))
            green = _color(rng, (50, 120, 50), 30)
            cv2.ellipse(
                img,
                (lx, ly),
                (max(2, ps // 5), max(2, ps // 9)),
                float(rng.uniform(0, 180)),
                0,
                360,
                green,
                -1,
            )
    img = cv2.GaussianBlur(img, (0, 0), 0.7)
    noise = rng.standard_normal((h // 4 + 1, w // 4 + 1, 1), dtype=np.float32) * np.float32(3.0)
    noise = np.asarray(cv2.resize(noise, (w, h), interpolation=cv2.INTER_LINEAR), np.float32)
    noise = noise[:, :, None] if noise.ndim == 2 else noise
    return np.asarray(np.clip(img.astype(np.float32) + noise, 0, 255), dtype=np.uint8)


def sample_background(
    rng: np.random.Generator,
    photos: tuple[Path, ...],
    long_side: int,
    procedural_share: float = 0.3,
) -> Background:
    """Draw a background: a random photo of ``photos`` or (else / on failure) a procedural room.

    Args:
        rng: Random generator.
        photos: Photo files this split may use (may be empty: procedural only).
        long_side: Long side of the result in pixels.
        procedural_share: Probability of a procedural room when photos are available.

    """
    if photos and rng.random() >= procedural_share:
        path = photos[int(rng.integers(len(photos)))]
        image = load_photo(path, rng, long_side)
        if image is not None:
            return Background(image=image, background_id=f"photo:{path.name}")
    room_seed = int(rng.integers(2**31))
    room = procedural_room(np.random.default_rng(room_seed), long_side)
    return Background(image=room, background_id=f"procedural:{room_seed}")
