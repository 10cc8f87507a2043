"""Simple icons and invented logos drawn from primitives (no trademark is copied)."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from datasets.synth.media.draw import Canvas, Rect, rgba, text_box
from datasets.synth.media.fonts import load_font
from datasets.synth.media.palettes import Color

IconFn = Callable[[Canvas, Rect, Color, Color], None]


def _pt(r: Rect, x: float, y: float) -> tuple[float, float]:
    return (r.x0 + x * r.w, r.y0 + y * r.h)


def _box(r: Rect, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
    return (r.x0 + x0 * r.w, r.y0 + y0 * r.h, r.x0 + x1 * r.w, r.y0 + y1 * r.h)


def _lw(r: Rect, frac: float = 0.07) -> int:
    return max(1, round(min(r.w, r.h) * frac))


def _id_card(c: Canvas, r: Rect, fg: Color, bg: Color) -> None:
    c.draw.rounded_rectangle(
        _box(r, 0.05, 0.2, 0.95, 0.8), radius=r.w * 0.08, outline=fg, width=_lw(r)
    )
    c.draw.ellipse(_box(r, 0.15, 0.32, 0.4, 0.57), fill=fg)
    c.draw.pieslice(_box(r, 0.1, 0.55, 0.45, 0.9), 180, 360, fill=fg)
    for y in (0.38, 0.5, 0.62):
        c.draw.line([_pt(r, 0.5, y), _pt(r, 0.85, y)], fill=fg, width=_lw(r, 0.05))


def _document(c: Canvas, r: Rect, fg: Color, bg: Color) -> None:
    c.draw.polygon(
        [
            _pt(r, 0.2, 0.08),
            _pt(r, 0.62, 0.08),
            _pt(r, 0.8, 0.26),
            _pt(r, 0.8, 0.92),
            _pt(r, 0.2, 0.92),
        ],
        outline=fg,
        width=_lw(r),
    )
    for y in (0.4, 0.55, 0.7):
        c.draw.line([_pt(r, 0.32, y), _pt(r, 0.68, y)], fill=fg, width=_lw(r, 0.05))


def _money(c: Canvas, r: Rect, fg: Color, bg: Color) -> None:
    c.draw.rounded_rectangle(
        _box(r, 0.05, 0.25, 0.95, 0.75), radius=r.w * 0.05, outline=fg, width=_lw(r)
    )
    c.draw.ellipse(_box(r, 0.37, 0.35, 0.63, 0.65), outline=fg, width=_lw(r, 0.05))
    text_box(
        c,
        Rect(*_box(r, 0.37, 0.35, 0.63, 0.65)),
        "Rp",
        _DEFAULT_FONT,
        fg,
        r.h * 0.2,
        "center",
        "center",
    )


def _bed(c: Canvas, r: Rect, fg: Color, bg: Color) -> None:
    c.draw.rectangle(_box(r, 0.08, 0.3, 0.16, 0.85), fill=fg)
    c.draw.rectangle(_box(r, 0.08, 0.58, 0.92, 0.68), fill=fg)
    c.draw.rectangle(_box(r, 0.86, 0.5, 0.92, 0.85), fill=fg)
    c.draw.ellipse(_box(r, 0.2, 0.4, 0.36, 0.56), fill=fg)
    c.draw.rounded_rectangle(_box(r, 0.4, 0.44, 0.9, 0.58), radius=r.h * 0.05, fill=fg)


def _pill(c: Canvas, r: Rect, fg: Color, bg: Color) -> None:
    c.draw.rounded_rectangle(
        _box(r, 0.1, 0.35, 0.9, 0.65), radius=r.h * 0.15, outline=fg, width=_lw(r)
    )
    c.draw.rounded_rectangle(_box(r, 0.1, 0.35, 0.5, 0.65), radius=r.h * 0.15, fill=fg)


def _smile(c: Canvas, r: Rect, fg: Color, bg: Color) -> None:
    c.draw.ellipse(_box(r, 0.1, 0.1, 0.9, 0.9), outline=fg, width=_lw(r))
    c.draw.ellipse(_box(r, 0.32, 0.32, 0.42, 0.44), fill=fg)
    c.draw.ellipse(_box(r, 0.58, 0.32, 0.68, 0.44), fill=fg)
    c.draw.arc(_box(r, 0.28, 0.3, 0.72, 0.74), 20, 160, fill=fg, width=_lw(r))


def _map(c: Canvas, r: Rect, fg: Color, bg: Color) -> None:
    c.draw.ellipse(_box(r, 0.28, 0.08, 0.72, 0.52), fill=fg)
    c.draw.polygon([_pt(r, 0.3, 0.38), _pt(r, 0.7, 0.38), _pt(r, 0.5, 0.85)], fill=fg)
    c.draw.ellipse(_box(r, 0.41, 0.2, 0.59, 0.38), fill=bg)
    c.draw.line([_pt(r, 0.1, 0.9), _pt(r, 0.9, 0.9)], fill=fg, width=_lw(r, 0.05))


def _chat(c: Canvas, r: Rect, fg: Color, bg: Color) -> None:
    c.draw.rounded_rectangle(_box(r, 0.08, 0.15, 0.92, 0.7), radius=r.h * 0.12, fill=fg)
    c.draw.polygon([_pt(r, 0.25, 0.65), _pt(r, 0.45, 0.65), _pt(r, 0.2, 0.9)], fill=fg)
    for x in (0.3, 0.5, 0.7):
        c.draw.ellipse(_box(r, x - 0.06, 0.37, x + 0.06, 0.49), fill=bg)


def _phone(c: Canvas, r: Rect, fg: Color, bg: Color) -> None:
    c.draw.arc(_box(r, 0.12, 0.12, 0.88, 0.88), 100, 260, fill=fg, width=_lw(r, 0.16))
    c.draw.rounded_rectangle(_box(r, 0.1, 0.12, 0.36, 0.36), radius=r.w * 0.06, fill=fg)
    c.draw.rounded_rectangle(_box(r, 0.1, 0.64, 0.36, 0.88), radius=r.w * 0.06, fill=fg)


def _phone_app(c: Canvas, r: Rect, fg: Color, bg: Color) -> None:
    c.draw.rounded_rectangle(
        _box(r, 0.28, 0.05, 0.72, 0.95), radius=r.w * 0.07, outline=fg, width=_lw(r)
    )
    c.draw.rectangle(_box(r, 0.34, 0.16, 0.66, 0.8), fill=fg)
    c.draw.ellipse(_box(r, 0.46, 0.84, 0.54, 0.9), fill=fg)


def _globe(c: Canvas, r: Rect, fg: Color, bg: Color) -> None:
    c.draw.ellipse(_box(r, 0.1, 0.1, 0.9, 0.9), outline=fg, width=_lw(r))
    c.draw.ellipse(_box(r, 0.32, 0.1, 0.68, 0.9), outline=fg, width=_lw(r, 0.05))
    c.draw.line([_pt(r, 0.1, 0.5), _pt(r, 0.9, 0.5)], fill=fg, width=_lw(r, 0.05))


def _person(c: Canvas, r: Rect, fg: Color, bg: Color) -> None:
    c.draw.ellipse(_box(r, 0.34, 0.08, 0.66, 0.42), fill=fg)
    c.draw.pieslice(_box(r, 0.14, 0.46, 0.86, 1.3), 180, 360, fill=fg)


def _people(c: Canvas, r: Rect, fg: Color, bg: Color) -> None:
    _person(c, Rect(*_box(r, 0.0, 0.15, 0.55, 0.85)), fg, bg)
    _person(c, Rect(*_box(r, 0.45, 0.15, 1.0, 0.85)), fg, bg)


def _building(c: Canvas, r: Rect, fg: Color, bg: Color) -> None:
    c.draw.rectangle(_box(r, 0.2, 0.2, 0.8, 0.92), fill=fg)
    for i in range(3):
        for j in range(3):
            x, y = 0.3 + i * 0.15, 0.3 + j * 0.17
            c.draw.rectangle(_box(r, x, y, x + 0.08, y + 0.1), fill=bg)
    c.draw.rectangle(_box(r, 0.44, 0.8, 0.56, 0.92), fill=bg)


def _check(c: Canvas, r: Rect, fg: Color, bg: Color) -> None:
    c.draw.line(
        [_pt(r, 0.15, 0.52), _pt(r, 0.4, 0.78), _pt(r, 0.86, 0.22)],
        fill=fg,
        width=_lw(r, 0.14),
        joint="curve",
    )


def _cross(c: Canvas, r: Rect, fg: Color, bg: Color) -> None:
    c.draw.rectangle(_box(r, 0.38, 0.12, 0.62, 0.88), fill=fg)
    c.draw.rectangle(_box(r, 0.12, 0.38, 0.88, 0.62), fill=fg)


def _clock(c: Canvas, r: Rect, fg: Color, bg: Color) -> None:
    c.draw.ellipse(_box(r, 0.1, 0.1, 0.9, 0.9), outline=fg, width=_lw(r))
    c.draw.line([_pt(r, 0.5, 0.5), _pt(r, 0.5, 0.25)], fill=fg, width=_lw(r))
    c.draw.line([_pt(r, 0.5, 0.5), _pt(r, 0.68, 0.6)], fill=fg, width=_lw(r))


def _heart(c: Canvas, r: Rect, fg: Color, bg: Color) -> None:
    c.draw.ellipse(_box(r, 0.1, 0.15, 0.52, 0.57), fill=fg)
    c.draw.ellipse(_box(r, 0.48, 0.15, 0.9, 0.57), fill=fg)
    c.draw.polygon([_pt(r, 0.13, 0.45), _pt(r, 0.87, 0.45), _pt(r, 0.5, 0.9)], fill=fg)


def _no_smoking(c: Canvas, r: Rect, fg: Color, bg: Color) -> None:
    c.draw.rectangle(_box(r, 0.18, 0.45, 0.7, 0.56), fill=(40, 40, 40))
    c.draw.rectangle(_box(r, 0.7, 0.45, 0.8, 0.56), fill=(230, 120, 40))
    red = (210, 30, 30)
    c.draw.ellipse(_box(r, 0.05, 0.05, 0.95, 0.95), outline=red, width=_lw(r, 0.1))
    c.draw.line([_pt(r, 0.2, 0.2), _pt(r, 0.8, 0.8)], fill=red, width=_lw(r, 0.1))


def _toilet(c: Canvas, r: Rect, fg: Color, bg: Color) -> None:
    _person(c, Rect(*_box(r, 0.02, 0.1, 0.45, 0.7)), fg, bg)
    c.draw.rectangle(_box(r, 0.13, 0.62, 0.34, 0.95), fill=fg)
    c.draw.line([_pt(r, 0.5, 0.05), _pt(r, 0.5, 0.95)], fill=fg, width=_lw(r, 0.03))
    c.draw.ellipse(_box(r, 0.67, 0.1, 0.85, 0.28), fill=fg)
    c.draw.polygon([_pt(r, 0.76, 0.3), _pt(r, 0.58, 0.72), _pt(r, 0.94, 0.72)], fill=fg)
    c.draw.rectangle(_box(r, 0.68, 0.7, 0.84, 0.95), fill=fg)


def _exit(c: Canvas, r: Rect, fg: Color, bg: Color) -> None:
    w = _lw(r, 0.09)
    c.draw.ellipse(_box(r, 0.45, 0.05, 0.62, 0.22), fill=fg)
    c.draw.line([_pt(r, 0.5, 0.28), _pt(r, 0.42, 0.58)], fill=fg, width=w)
    c.draw.line([_pt(r, 0.42, 0.58), _pt(r, 0.62, 0.75), _pt(r, 0.6, 0.95)], fill=fg, width=w)
    c.draw.line([_pt(r, 0.42, 0.58), _pt(r, 0.28, 0.78), _pt(r, 0.1, 0.8)], fill=fg, width=w)
    c.draw.line([_pt(r, 0.5, 0.3), _pt(r, 0.72, 0.45), _pt(r, 0.85, 0.35)], fill=fg, width=w)
    c.draw.line([_pt(r, 0.48, 0.32), _pt(r, 0.3, 0.38), _pt(r, 0.22, 0.5)], fill=fg, width=w)


def _apar(c: Canvas, r: Rect, fg: Color, bg: Color) -> None:
    red = (205, 25, 25)
    c.draw.rounded_rectangle(_box(r, 0.32, 0.25, 0.68, 0.95), radius=r.w * 0.12, fill=red)
    c.draw.rectangle(_box(r, 0.43, 0.12, 0.57, 0.25), fill=(40, 40, 40))
    c.draw.line(
        [_pt(r, 0.57, 0.16), _pt(r, 0.82, 0.16), _pt(r, 0.9, 0.45)],
        fill=(40, 40, 40),
        width=_lw(r, 0.05),
    )
    c.draw.rectangle(_box(r, 0.36, 0.5, 0.64, 0.68), fill=(250, 250, 250))


def _drop(c: Canvas, r: Rect, fg: Color, bg: Color) -> None:
    c.draw.ellipse(_box(r, 0.22, 0.38, 0.78, 0.94), fill=fg)
    c.draw.polygon([_pt(r, 0.5, 0.05), _pt(r, 0.25, 0.58), _pt(r, 0.75, 0.58)], fill=fg)


def _syringe(c: Canvas, r: Rect, fg: Color, bg: Color) -> None:
    w = _lw(r, 0.08)
    c.draw.line([_pt(r, 0.2, 0.8), _pt(r, 0.7, 0.3)], fill=fg, width=_lw(r, 0.2))
    c.draw.line([_pt(r, 0.7, 0.3), _pt(r, 0.92, 0.08)], fill=fg, width=max(1, w // 2))
    c.draw.line([_pt(r, 0.05, 0.95), _pt(r, 0.2, 0.8)], fill=fg, width=w)
    c.draw.line([_pt(r, 0.08, 0.7), _pt(r, 0.3, 0.92)], fill=fg, width=w)


def _hand(c: Canvas, r: Rect, fg: Color, bg: Color) -> None:
    c.draw.rounded_rectangle(_box(r, 0.25, 0.4, 0.75, 0.95), radius=r.w * 0.12, fill=fg)
    for i, x in enumerate((0.27, 0.39, 0.51, 0.63)):
        c.draw.rounded_rectangle(
            _box(r, x, 0.1 + 0.04 * abs(1.5 - i), x + 0.1, 0.55), radius=r.w * 0.05, fill=fg
        )
    c.draw.rounded_rectangle(_box(r, 0.08, 0.45, 0.3, 0.58), radius=r.w * 0.05, fill=fg)


def _calendar(c: Canvas, r: Rect, fg: Color, bg: Color) -> None:
    c.draw.rounded_rectangle(
        _box(r, 0.1, 0.15, 0.9, 0.9), radius=r.w * 0.06, outline=fg, width=_lw(r)
    )
    c.draw.rectangle(_box(r, 0.1, 0.15, 0.9, 0.33), fill=fg)
    for i in range(3):
        for j in range(2):
            x, y = 0.22 + i * 0.22, 0.45 + j * 0.2
            c.draw.rectangle(_box(r, x, y, x + 0.12, y + 0.1), fill=fg)


def _qr(c: Canvas, r: Rect, fg: Color, bg: Color) -> None:
    draw_qr(c, r, np.random.default_rng(int(r.x0 * 7 + r.y0 * 13)), fg, bg)


ICONS: dict[str, IconFn] = {
    "id_card": _id_card,
    "document": _document,
    "money": _money,
    "bed": _bed,
    "pill": _pill,
    "smile": _smile,
    "map": _map,
    "chat": _chat,
    "phone": _phone,
    "phone_app": _phone_app,
    "globe": _globe,
    "person": _person,
    "people": _people,
    "building": _building,
    "check": _check,
    "cross": _cross,
    "clock": _clock,
    "heart": _heart,
    "no_smoking": _no_smoking,
    "toilet": _toilet,
    "exit": _exit,
    "apar": _apar,
    "drop": _drop,
    "syringe": _syringe,
    "hand": _hand,
    "calendar": _calendar,
    "qr": _qr,
}

_DEFAULT_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def draw_icon(c: Canvas, name: str, rect: Rect, fg: Color, bg: Color) -> None:
    """Draw icon ``name`` in ``fg`` inside the square centred in ``rect`` (``bg`` cuts holes)."""
    ICONS[name](c, rect.square(), fg, bg)


def draw_qr(c: Canvas, rect: Rect, rng: np.random.Generator, fg: Color, bg: Color) -> None:
    """Draw a QR-code-like block (random modules, three finder squares) in ``rect``."""
    r = rect.square()
    n = 25
    cell = r.w / n
    c.draw.rectangle(r.box, fill=bg)
    bits = rng.random((n, n)) < 0.5
    for i in range(n):
        for j in range(n):
            in_finder = (i < 8 and j < 8) or (i < 8 and j >= n - 8) or (i >= n - 8 and j < 8)
            if bits[i, j] and not in_finder:
                x, y = r.x0 + j * cell, r.y0 + i * cell
                c.draw.rectangle((x, y, x + cell, y + cell), fill=fg)
    for fi, fj in ((0, 0), (0, n - 7), (n - 7, 0)):
        x, y = r.x0 + fj * cell, r.y0 + fi * cell
        c.draw.rectangle((x, y, x + 7 * cell, y + 7 * cell), fill=fg)
        c.draw.rectangle((x + cell, y + cell, x + 6 * cell, y + 6 * cell), fill=bg)
        c.draw.rectangle((x + 2 * cell, y + 2 * cell, x + 5 * cell, y + 5 * cell), fill=fg)


def draw_bpjs_logo(
    c: Canvas, rect: Rect, green: Color, blue: Color, text: Color, font: str
) -> None:
    """Draw a BPJS-like mark (two rounded leaves) and the wordmark ``BPJS Kesehatan``."""
    mark, rest = rect.left(rect.h, rect.h * 0.15)
    m = mark.inset(mark.w * 0.05)
    c.draw.chord(_box(m, 0.0, 0.0, 1.0, 1.0), 120, 300, fill=green)
    c.draw.chord(_box(m, 0.08, 0.08, 1.08, 1.08), 300, 120, fill=blue)
    c.draw.ellipse(_box(m, 0.36, 0.36, 0.7, 0.7), fill=(255, 255, 255))
    top, bot = rest.top(rest.h * 0.58)
    text_box(c, top, "BPJS", font, blue, top.h * 1.1, "left", "center", spacing=1.0)
    text_box(c, bot, "Kesehatan", font, green, bot.h * 1.0, "left", "center", spacing=1.0)


def draw_kemenkes_like(c: Canvas, rect: Rect, color: Color, text: Color, font: str) -> None:
    """Draw an invented ministry-like roundel with a wordmark ``Kemenkes``."""
    mark, rest = rect.left(rect.h, rect.h * 0.15)
    m = mark.inset(mark.w * 0.05)
    c.draw.ellipse(m.box, outline=color, width=_lw(m, 0.1))
    for k in range(6):
        a = k * math.pi / 3
        cx, cy = m.cx + math.cos(a) * m.w * 0.22, m.cy + math.sin(a) * m.h * 0.22
        c.draw.ellipse(
            (cx - m.w * 0.09, cy - m.w * 0.09, cx + m.w * 0.09, cy + m.w * 0.09), fill=color
        )
    text_box(c, rest, "Kemenkes", font, text, rest.h * 0.6, "left", "center")


def draw_facility_logo(
    c: Canvas, rect: Rect, name: str, color: Color, fg: Color, font: str, style: int
) -> None:
    """Draw an invented facility emblem: a cross or initials in a circle/shield."""
    r = rect.square()
    if style % 3 == 0:
        c.draw.ellipse(r.box, fill=color)
        _cross(c, r.inset(r.w * 0.18), fg, color)
    elif style % 3 == 1:
        c.draw.ellipse(r.box, fill=color)
        initials = "".join(
            w[0] for w in name.replace(".", "").split()[:3] if w[:1].isalpha()
        ).upper()
        text_box(c, r.inset(r.w * 0.18), initials or "RS", font, fg, r.h * 0.5, "center", "center")
    else:
        c.draw.rounded_rectangle(r.box, radius=r.w * 0.2, outline=color, width=_lw(r, 0.08))
        _cross(c, r.inset(r.w * 0.22), color, fg)


def draw_jkn_badge(c: Canvas, rect: Rect, color: Color, fg: Color, font: str) -> None:
    """Draw a rounded ``JKN`` badge."""
    c.draw.rounded_rectangle(rect.box, radius=rect.h * 0.3, fill=color)
    text_box(
        c,
        rect.inset(rect.w * 0.12, rect.h * 0.15),
        "JKN",
        font,
        fg,
        rect.h * 0.7,
        "center",
        "center",
        1.0,
    )


def draw_signature(c: Canvas, rect: Rect, rng: np.random.Generator, color: Color) -> None:
    """Draw a handwritten-like signature scribble inside ``rect``."""
    n = int(rng.integers(5, 9))
    xs = np.linspace(rect.x0, rect.x1, n * 8)
    phase = rng.uniform(0, 6.28, 3)
    amp = rect.h * 0.35
    ys = rect.cy + amp * (
        np.sin(xs / rect.w * n * 3.1 + phase[0]) * 0.8 + 0.4 * np.sin(xs / rect.w * 17 + phase[1])
    ) * np.linspace(1.0, 0.4, xs.size)
    pts = list(zip(xs.tolist(), ys.tolist(), strict=True))
    c.draw.line(pts, fill=color, width=max(1, round(rect.h * 0.05)), joint="curve")
    c.draw.line(
        [_pt(rect, 0.1, 0.85), _pt(rect, 0.9, 0.7)], fill=color, width=max(1, round(rect.h * 0.04))
    )


def draw_stamp(c: Canvas, rect: Rect, color: Color, text: str, font: str) -> None:
    """Draw a round rubber-stamp-like mark (semi-transparent) inside ``rect``."""
    r = rect.square()
    col = rgba(color, 150)
    c.draw.ellipse(r.box, outline=col, width=_lw(r, 0.05))
    c.draw.ellipse(r.inset(r.w * 0.12).box, outline=col, width=_lw(r, 0.03))
    font_size = max(6, round(r.h * 0.1))
    f = load_font(font, font_size)
    c.draw.text((r.cx, r.cy), text[:18], font=f, fill=col, anchor="mm")
