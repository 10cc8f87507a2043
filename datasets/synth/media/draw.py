"""Drawing primitives: rectangles to lay out, a canvas, and text that fits its box."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from datasets.synth.media.fonts import load_font
from datasets.synth.media.palettes import Color


@dataclass(frozen=True)
class Rect:
    """An axis-aligned box in pixels (``x0, y0`` inclusive top-left, ``x1, y1`` bottom-right)."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def w(self) -> float:
        """Width in pixels."""
        return self.x1 - self.x0

    @property
    def h(self) -> float:
        """Height in pixels."""
        return self.y1 - self.y0

    @property
    def cx(self) -> float:
        """Centre x in pixels."""
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        """Centre y in pixels."""
        return (self.y0 + self.y1) / 2

    @property
    def box(self) -> tuple[int, int, int, int]:
        """Integer ``(x0, y0, x1, y1)`` for PIL."""
        return (round(self.x0), round(self.y0), round(self.x1), round(self.y1))

    def inset(self, dx: float, dy: float | None = None) -> Rect:
        """Shrink by ``dx`` pixels left/right and ``dy`` (default ``dx``) top/bottom."""
        dy = dx if dy is None else dy
        return Rect(self.x0 + dx, self.y0 + dy, self.x1 - dx, self.y1 - dy)

    def top(self, h: float, gap: float = 0) -> tuple[Rect, Rect]:
        """Split into a top part ``h`` pixels high and the rest below (after ``gap``)."""
        return Rect(self.x0, self.y0, self.x1, self.y0 + h), Rect(
            self.x0, min(self.y1, self.y0 + h + gap), self.x1, self.y1
        )

    def bottom(self, h: float, gap: float = 0) -> tuple[Rect, Rect]:
        """Split into a bottom part ``h`` pixels high and the rest above (before ``gap``)."""
        return Rect(self.x0, self.y1 - h, self.x1, self.y1), Rect(
            self.x0, self.y0, self.x1, max(self.y0, self.y1 - h - gap)
        )

    def left(self, w: float, gap: float = 0) -> tuple[Rect, Rect]:
        """Split into a left part ``w`` pixels wide and the rest to the right."""
        return Rect(self.x0, self.y0, self.x0 + w, self.y1), Rect(
            min(self.x1, self.x0 + w + gap), self.y0, self.x1, self.y1
        )

    def right(self, w: float, gap: float = 0) -> tuple[Rect, Rect]:
        """Split into a right part ``w`` pixels wide and the rest to the left."""
        return Rect(self.x1 - w, self.y0, self.x1, self.y1), Rect(
            self.x0, self.y0, max(self.x0, self.x1 - w - gap), self.y1
        )

    def rows(self, n: int, gap: float = 0) -> list[Rect]:
        """Split into ``n`` equal rows separated by ``gap`` pixels."""
        h = (self.h - gap * (n - 1)) / max(1, n)
        return [
            Rect(self.x0, self.y0 + i * (h + gap), self.x1, self.y0 + i * (h + gap) + h)
            for i in range(n)
        ]

    def cols(self, n: int, gap: float = 0) -> list[Rect]:
        """Split into ``n`` equal columns separated by ``gap`` pixels."""
        w = (self.w - gap * (n - 1)) / max(1, n)
        return [
            Rect(self.x0 + i * (w + gap), self.y0, self.x0 + i * (w + gap) + w, self.y1)
            for i in range(n)
        ]

    def grid(self, rows: int, cols: int, gap: float = 0) -> list[Rect]:
        """Split into a ``rows`` x ``cols`` grid, row by row."""
        return [c for r in self.rows(rows, gap) for c in r.cols(cols, gap)]

    def square(self, side: float | None = None) -> Rect:
        """Return a centred square of ``side`` pixels (default: the shorter side)."""
        s = min(self.w, self.h) if side is None else side
        return Rect(self.cx - s / 2, self.cy - s / 2, self.cx + s / 2, self.cy + s / 2)


class Canvas:
    """An RGB drawing surface with blending, plus an alpha mask for the medium's outline."""

    def __init__(self, width: int, height: int, bg: Color) -> None:
        """Create a canvas of ``width`` x ``height`` pixels filled with ``bg``."""
        self.img = Image.new("RGB", (width, height), bg)
        self.draw = ImageDraw.Draw(self.img, "RGBA")
        self.alpha = Image.new("L", (width, height), 255)

    @property
    def rect(self) -> Rect:
        """The whole canvas."""
        return Rect(0, 0, self.img.width, self.img.height)

    @property
    def w(self) -> int:
        """Width in pixels."""
        return self.img.width

    @property
    def h(self) -> int:
        """Height in pixels."""
        return self.img.height

    def paste_array(self, arr: np.ndarray, rect: Rect, mask: np.ndarray | None = None) -> None:
        """Paste an ``HxWx3`` uint8 array resized to ``rect``, optionally through a 0..255 mask."""
        x0, y0, x1, y1 = rect.box
        w, h = max(1, x1 - x0), max(1, y1 - y0)
        if arr.shape[1] != w or arr.shape[0] != h:
            arr = cv2.resize(arr, (w, h), interpolation=cv2.INTER_LINEAR)
        tile = Image.fromarray(arr)
        if mask is None:
            self.img.paste(tile, (x0, y0))
        else:
            if mask.shape[1] != w or mask.shape[0] != h:
                mask = cv2.resize(mask, (w, h), interpolation=cv2.INTER_LINEAR)
            self.img.paste(tile, (x0, y0), Image.fromarray(mask))

    def rgba(self) -> np.ndarray:
        """Return the ``HxWx4`` uint8 RGBA face."""
        rgba_img = self.img.copy()
        rgba_img.putalpha(self.alpha)
        return np.array(rgba_img)


def rgba(color: Color, alpha: int = 255) -> tuple[int, int, int, int]:
    """``color`` with an alpha (0..255)."""
    return (color[0], color[1], color[2], alpha)


def mix(a: Color, b: Color, t: float) -> Color:
    """Linear mix: ``t=0`` gives ``a``, ``t=1`` gives ``b``."""
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def luminance(c: Color) -> float:
    """Relative luminance 0..1 (sRGB approximation)."""
    return (0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]) / 255.0


def readable_on(bg: Color, preferred: Color) -> Color:
    """``preferred`` when it contrasts with ``bg``, else black or white, whichever is better."""
    if abs(luminance(bg) - luminance(preferred)) >= 0.42:
        return preferred
    return (20, 20, 20) if luminance(bg) > 0.5 else (255, 255, 255)


def stands_out(bg: Color, *colors: Color, diff: float = 0.25) -> Color:
    """Return the first of ``colors`` whose luminance differs from ``bg``'s by ``diff`` (0..1).

    For shapes and rules; when none does, black or white (``readable_on``).
    """
    for col in colors:
        if abs(luminance(col) - luminance(bg)) >= diff:
            return col
    return readable_on(bg, colors[0])


@lru_cache(maxsize=65536)
def _word_width(path: str, size: int, word: str) -> float:
    return float(load_font(path, size).getlength(word))


def text_width(text: str, font: ImageFont.FreeTypeFont) -> float:
    """Width in pixels of one line of ``text`` (word widths cached, spaces added)."""
    path, size = str(font.path), int(font.size)
    words = text.split(" ")
    return sum(_word_width(path, size, w) for w in words) + _word_width(path, size, " ") * (
        len(words) - 1
    )


def wrap(text: str, font: ImageFont.FreeTypeFont, max_w: float) -> list[str]:
    """Greedy word wrap of ``text`` to lines at most ``max_w`` pixels wide (words never split)."""
    path, size = str(font.path), int(font.size)
    space = _word_width(path, size, " ")
    lines: list[str] = []
    for para in text.split("\n"):
        words = para.split()
        if not words:
            lines.append("")
            continue
        cur, cur_w = words[0], _word_width(path, size, words[0])
        for word in words[1:]:
            ww = _word_width(path, size, word)
            if cur_w + space + ww <= max_w:
                cur, cur_w = f"{cur} {word}", cur_w + space + ww
            else:
                lines.append(cur)
                cur, cur_w = word, ww
        lines.append(cur)
    return lines


def _fits(lines: Sequence[str], font: ImageFont.FreeTypeFont, max_w: float) -> bool:
    return all(text_width(line, font) <= max_w for line in lines)


def fit_text(
    text: str,
    path: str,
    w: float,
    h: float,
    max_size: float,
    spacing: float = 1.22,
    min_size: int = 7,
) -> tuple[int, list[str]]:
    """Find the largest font size (pixels) at which ``text`` wraps into a ``w`` x ``h`` box.

    Returns:
        The size in pixels and the wrapped lines (at ``min_size`` when nothing fits).

    """
    lo, hi = min_size, max(min_size, int(max_size))
    best = (min_size, wrap(text, load_font(path, min_size), w))
    while lo <= hi:
        mid = (lo + hi) // 2
        font = load_font(path, mid)
        lines = wrap(text, font, w)
        if len(lines) * mid * spacing <= h and _fits(lines, font, w):
            best = (mid, lines)
            lo = mid + 1
        else:
            hi = mid - 1
    return best


def draw_lines(
    c: Canvas,
    rect: Rect,
    lines: Sequence[str],
    path: str,
    size: int,
    color: Color,
    align: str = "left",
    valign: str = "top",
    spacing: float = 1.22,
) -> Rect:
    """Draw already wrapped ``lines`` inside ``rect``; return the box they occupy."""
    font = load_font(path, size)
    lh = size * spacing
    total = lh * len(lines)
    y = rect.y0
    if valign == "center":
        y = rect.y0 + (rect.h - total) / 2
    elif valign == "bottom":
        y = rect.y1 - total
    top = y
    for line in lines:
        lw = text_width(line, font)
        x = rect.x0
        if align == "center":
            x = rect.cx - lw / 2
        elif align == "right":
            x = rect.x1 - lw
        c.draw.text((x, y + (lh - size) / 2), line, font=font, fill=color)
        y += lh
    return Rect(rect.x0, top, rect.x1, top + total)


def text_box(
    c: Canvas,
    rect: Rect,
    text: str,
    path: str,
    color: Color,
    max_size: float,
    align: str = "left",
    valign: str = "top",
    spacing: float = 1.22,
    min_size: int = 7,
) -> tuple[int, Rect]:
    """Fit ``text`` into ``rect`` at the largest size up to ``max_size`` pixels and draw it.

    Returns:
        The font size used (pixels) and the occupied box.

    """
    if rect.w < 4 or rect.h < 4:
        return min_size, rect
    size, lines = fit_text(text, path, rect.w, rect.h, max_size, spacing, min_size)
    return size, draw_lines(c, rect, lines, path, size, color, align, valign, spacing)


def text_height(text: str, path: str, size: int, w: float, spacing: float = 1.22) -> float:
    """Height in pixels of ``text`` wrapped to ``w`` pixels at ``size``."""
    return len(wrap(text, load_font(path, size), w)) * size * spacing


def fit_many(
    texts: Sequence[str],
    path: str,
    w: float,
    h_each: float,
    max_size: float,
    spacing: float = 1.22,
    min_size: int = 7,
) -> int:
    """Largest common font size (pixels) at which every text wraps into ``w`` x ``h_each``."""
    size = int(max_size)
    for t in texts:
        s, _ = fit_text(t, path, w, h_each, size, spacing, min_size)
        size = min(size, s)
    return max(min_size, size)


def fit_stack(
    texts: Sequence[str],
    path: str,
    w: float,
    h_total: float,
    gap_ratio: float,
    max_size: float,
    spacing: float = 1.22,
    min_size: int = 7,
) -> int:
    """Largest font size (pixels) at which ``texts``, stacked with gaps, fit ``w`` x ``h_total``.

    The gap between texts is ``gap_ratio`` times the font size.
    """
    lo, hi, best = min_size, max(min_size, int(max_size)), min_size
    while lo <= hi:
        mid = (lo + hi) // 2
        font = load_font(path, mid)
        total = 0.0
        ok = True
        for t in texts:
            lines = wrap(t, font, w)
            ok = ok and _fits(lines, font, w)
            total += len(lines) * mid * spacing
        total += gap_ratio * mid * (len(texts) - 1)
        if ok and total <= h_total:
            best, lo = mid, mid + 1
        else:
            hi = mid - 1
    return best
