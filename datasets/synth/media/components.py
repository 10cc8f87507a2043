"""Building blocks shared by every layout: backgrounds, headers, lists, footers, photo blocks."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from datasets.synth.media.draw import (
    Canvas,
    Rect,
    draw_lines,
    fit_text,
    mix,
    readable_on,
    rgba,
    text_box,
    text_width,
    wrap,
)
from datasets.synth.media.fonts import FontFamily, load_font
from datasets.synth.media.icons import (
    draw_bpjs_logo,
    draw_facility_logo,
    draw_icon,
    draw_jkn_badge,
    draw_kemenkes_like,
    draw_signature,
    draw_stamp,
)
from datasets.synth.media.palettes import Color, Palette

WHITE: Color = (255, 255, 255)
BLACK: Color = (20, 20, 20)


@dataclass(frozen=True)
class Ctx:
    """What a layout draws with.

    Attributes:
        pal: Colour scheme.
        fonts: Absolute font file paths.
        rng: Random generator seeded from the spec (layouts draw their choices from it).
        form: Physical form of the medium.

    """

    pal: Palette
    fonts: FontFamily
    rng: np.random.Generator
    form: str

    def chance(self, p: float) -> bool:
        """Return True with probability ``p``."""
        return bool(self.rng.random() < p)

    def choice(self, options: Sequence[str]) -> str:
        """One of ``options`` uniformly."""
        return options[int(self.rng.integers(len(options)))]

    def uniform(self, lo: float, hi: float) -> float:
        """Return a float drawn uniformly from ``[lo, hi)``."""
        return float(self.rng.uniform(lo, hi))


def unit(c: Canvas) -> float:
    """Return the length unit: 1% of the canvas' shorter side (pixels)."""
    return min(c.w, c.h) / 100.0


def is_wide(r: Rect) -> bool:
    """Whether ``r`` is landscape enough that stacked content should flow sideways."""
    return r.w > r.h * 1.45


# --- backgrounds -------------------------------------------------------------------------------


def _gradient(w: int, h: int, a: Color, b: Color, angle: float) -> np.ndarray:
    sw, sh = max(2, w // 8), max(2, h // 8)
    ys, xs = np.mgrid[0:sh, 0:sw].astype(np.float32)
    t = xs / sw * math.cos(angle) + ys / sh * math.sin(angle)
    t = (t - t.min()) / max(1e-6, float(t.max() - t.min()))
    ca, cb = np.array(a, np.float32), np.array(b, np.float32)
    small = (ca + (cb - ca) * t[..., None]).astype(np.float32)
    out: np.ndarray = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR).astype(np.uint8)
    return out


def paint_background(
    c: Canvas, ctx: Ctx, rect: Rect | None = None, style: str | None = None
) -> str:
    """Fill ``rect`` (default: all) with the palette background in a random or given style.

    Styles: ``flat``, ``gradient``, ``dots``, ``stripes``, ``waves``, ``corner``, ``noise``.

    Returns:
        The style used.

    """
    r = rect or c.rect
    pal = ctx.pal
    style = style or ctx.choice(
        ("flat", "flat", "gradient", "gradient", "dots", "stripes", "waves", "corner", "noise")
    )
    x0, y0, x1, y1 = r.box
    w, h = max(1, x1 - x0), max(1, y1 - y0)
    if style == "gradient":
        c.paste_array(_gradient(w, h, pal.bg, pal.bg2, ctx.uniform(0, math.pi)), r)
        return style
    c.draw.rectangle(r.box, fill=pal.bg)
    faint = rgba(pal.primary, 18)
    if style == "dots":
        step = max(14, round(max(w, h) * ctx.uniform(0.02, 0.04)))
        rad = step * 0.12
        for yy in range(y0, y1, step):
            for xx in range(x0 + (yy // step % 2) * step // 2, x1, step):
                c.draw.ellipse((xx - rad, yy - rad, xx + rad, yy + rad), fill=faint)
    elif style == "stripes":
        step = max(10, round(unit(c) * ctx.uniform(3, 7)))
        for k in range(-h, w, step):
            c.draw.line(
                [(x0 + k, y1), (x0 + k + h, y0)],
                fill=rgba(pal.primary, 12),
                width=max(1, step // 3),
            )
    elif style == "waves":
        for k in range(3):
            amp = h * ctx.uniform(0.02, 0.06)
            base = y1 - h * (0.05 + 0.06 * k)
            xs = np.linspace(x0, x1, 60)
            ys = base + amp * np.sin(xs / w * ctx.uniform(4, 9) + k)
            poly = [*zip(xs.tolist(), ys.tolist(), strict=True), (x1, y1), (x0, y1)]
            col = pal.primary if k % 2 == 0 else pal.secondary
            c.draw.polygon(poly, fill=rgba(col, 60 + 40 * k))
    elif style == "corner":
        s = min(w, h) * ctx.uniform(0.25, 0.45)
        c.draw.ellipse((x1 - s, y0 - s, x1 + s, y0 + s), fill=rgba(pal.secondary, 60))
        c.draw.ellipse(
            (x0 - s * 0.8, y1 - s * 0.8, x0 + s * 0.8, y1 + s * 0.8), fill=rgba(pal.primary, 50)
        )
    elif style == "noise":
        grain = np.full((h // 4 + 1, w // 4 + 1, 3), pal.bg, np.float32)
        grain += ctx.rng.normal(0, 10, grain.shape[:2])[..., None].astype(np.float32)
        smooth: np.ndarray = cv2.GaussianBlur(grain, (0, 0), 2.0)
        c.paste_array(np.clip(smooth, 0, 255).astype(np.uint8), r)
    return style


def watermark(c: Canvas, r: Rect, ctx: Ctx) -> None:
    """Draw a faint big BPJS-like mark in ``r`` (a watermark behind text)."""
    m = r.square(min(r.w, r.h) * ctx.uniform(0.5, 0.8))
    col = rgba(ctx.pal.primary, 14)
    c.draw.chord(m.box, 120, 300, fill=col)
    c.draw.chord(m.inset(m.w * 0.04).box, 300, 120, fill=rgba(ctx.pal.secondary, 14))


# --- header -----------------------------------------------------------------------------------


def head_split(r: Rect, frac: float = 0.3, gap: float = 0.05) -> tuple[Rect, Rect]:
    """Split a header area into a logo row and a title area.

    On a wide band (spanduk) the logos sit at both ends and the title takes the full height
    between them; otherwise the logos take the top ``frac`` of the height.

    Returns:
        The logo rectangle and the title rectangle (pixels).

    """
    if r.w > r.h * 7:
        lh = r.h * 0.55
        side = lh * 3.6
        logos = Rect(r.x0, r.cy - lh / 2, r.x1, r.cy + lh / 2)
        return logos, Rect(r.x0 + side, r.y0, r.x1 - side, r.y1)
    return r.top(r.h * frac, r.h * gap)


def logo_row(c: Canvas, r: Rect, ctx: Ctx, facility_name: str, on: Color) -> None:
    """Draw logos across ``r``: BPJS-like left, facility/ministry/JKN right."""
    pal = ctx.pal
    green, blue = (0, 140, 70), (0, 95, 170)
    if pal.primary == (0, 0, 0) or abs(sum(on) - sum(pal.bg)) < 60:
        green, blue = pal.primary, pal.secondary
    if on == WHITE or sum(on) > 600:
        green, blue = WHITE, WHITE
    lh = r.h
    bp = Rect(r.x0, r.y0, r.x0 + min(r.w * 0.45, lh * 3.4), r.y1)
    draw_bpjs_logo(c, bp, green, blue, on, ctx.fonts.bold)
    right = Rect(r.x1 - lh, r.y0, r.x1, r.y1)
    k = int(ctx.rng.integers(4))
    if k == 0:
        draw_facility_logo(
            c,
            right,
            facility_name,
            pal.accent,
            readable_on(pal.accent, WHITE),
            ctx.fonts.bold,
            int(ctx.rng.integers(3)),
        )
    elif k == 1:
        draw_jkn_badge(
            c,
            Rect(r.x1 - lh * 1.8, r.y0 + lh * 0.15, r.x1, r.y1 - lh * 0.15),
            pal.accent,
            readable_on(pal.accent, WHITE),
            ctx.fonts.title,
        )
    elif k == 2:
        draw_kemenkes_like(
            c,
            Rect(r.x1 - lh * 3.2, r.y0, r.x1, r.y1),
            on if on != pal.text else pal.primary,
            on,
            ctx.fonts.bold,
        )
    else:
        draw_facility_logo(
            c,
            right,
            facility_name,
            pal.secondary,
            readable_on(pal.secondary, WHITE),
            ctx.fonts.bold,
            int(ctx.rng.integers(3)),
        )


def title_block(
    c: Canvas,
    r: Rect,
    ctx: Ctx,
    title: str,
    subtitle: str | None,
    color: Color,
    sub_color: Color | None = None,
    align: str = "center",
) -> Rect:
    """Draw a big title (and a smaller subtitle under it) fitted into ``r``; return used box."""
    if subtitle:
        tr, sr = r.top(r.h * 0.68, r.h * 0.04)
    else:
        tr, sr = r, None
    _, used = text_box(
        c, tr, title, ctx.fonts.title, color, tr.h * 0.8, align, "center", spacing=1.12
    )
    if sr is not None and subtitle:
        text_box(
            c,
            sr,
            subtitle,
            ctx.fonts.bold,
            sub_color or color,
            sr.h * 0.62,
            align,
            "center",
            spacing=1.1,
        )
    return used


# --- lists ------------------------------------------------------------------------------------


def choose_cols(r: Rect, n: int, target_aspect: float, max_cols: int = 4) -> int:
    """Columns for ``n`` items in ``r`` so that each cell's w/h is closest to ``target_aspect``."""
    best, best_err = 1, 1e9
    for cols in range(1, min(max_cols, n) + 1):
        rows = math.ceil(n / cols)
        aspect = (r.w / cols) / max(1.0, r.h / rows)
        err = abs(math.log(aspect / target_aspect))
        if err < best_err:
            best, best_err = cols, err
    return best


def marker(
    c: Canvas, r: Rect, ctx: Ctx, kind: str, index: int, icon: str, fill: Color, fg: Color
) -> None:
    """Draw a list marker in the square ``r``: number badge, check, bullet, or icon."""
    s = r.square()
    if kind == "number":
        c.draw.ellipse(s.box, fill=fill)
        text_box(
            c,
            s.inset(s.w * 0.18),
            str(index + 1),
            ctx.fonts.title,
            fg,
            s.h * 0.7,
            "center",
            "center",
            1.0,
        )
    elif kind == "square_number":
        c.draw.rounded_rectangle(s.box, radius=s.w * 0.15, fill=fill)
        text_box(
            c,
            s.inset(s.w * 0.18),
            str(index + 1),
            ctx.fonts.title,
            fg,
            s.h * 0.7,
            "center",
            "center",
            1.0,
        )
    elif kind == "plain_number":
        text_box(c, s, f"{index + 1}.", ctx.fonts.bold, fill, s.h * 0.75, "right", "top", 1.0)
    elif kind == "check":
        c.draw.ellipse(s.box, fill=fill)
        draw_icon(c, "check", s.inset(s.w * 0.15), fg, fill)
    elif kind == "tick":
        draw_icon(c, "check", s, fill, fg)
    elif kind == "bullet":
        b = s.square(s.w * 0.35)
        c.draw.ellipse(Rect(b.x0, s.y0 + s.h * 0.25, b.x1, s.y0 + s.h * 0.25 + b.h).box, fill=fill)
    elif kind == "icon":
        c.draw.ellipse(s.box, fill=fill)
        draw_icon(c, icon, s.inset(s.w * 0.2), fg, fill)
    elif kind == "dash":
        c.draw.line(
            [(s.x0 + s.w * 0.3, s.cy), (s.x1 - s.w * 0.1, s.cy)],
            fill=fill,
            width=max(1, round(s.h * 0.1)),
        )
    elif kind == "icon_plain":
        draw_icon(c, icon, s, fill, fg)


def item_list(
    c: Canvas,
    r: Rect,
    ctx: Ctx,
    items: Sequence[str],
    icons: Sequence[str],
    kind: str,
    text_color: Color,
    mark_fill: Color,
    mark_fg: Color,
    cols: int | None = None,
    max_size: float | None = None,
    font: str | None = None,
    rules: Color | None = None,
) -> int:
    """Draw a list of ``items`` with markers, flowing into columns when ``r`` is wide.

    Returns:
        The body font size used (pixels).

    """
    n = len(items)
    cols = cols or choose_cols(r, n, 3.2 if r.w > r.h * 1.5 else 5.0, 3)
    rows = math.ceil(n / cols)
    gap_x = r.w * 0.04 if cols > 1 else 0
    col_rects = r.cols(cols, gap_x)
    path = font or ctx.fonts.regular
    max_size = max_size or r.h / max(2.5, rows * 2.2)
    chunks = [items[ci * rows : (ci + 1) * rows] for ci in range(cols)]

    def fits(size: int) -> bool:
        mk = size * 1.55
        f = load_font(path, size)
        for cr, chunk in zip(col_rects, chunks, strict=True):
            tw = cr.w - mk * 1.3
            total = 0.0
            for t in chunk:
                lines = wrap(t, f, tw)
                if any(text_width(line, f) > tw for line in lines):
                    return False
                total += max(len(lines) * size * 1.22, mk)
            if total + size * 0.9 * (len(chunk) - 1) > cr.h:
                return False
        return True

    lo, hi, size = 6, max(6, int(max_size)), 6
    while lo <= hi:
        mid = (lo + hi) // 2
        if fits(mid):
            size, lo = mid, mid + 1
        else:
            hi = mid - 1
    mk = size * 1.55
    gap = size * 0.9
    for ci, cr in enumerate(col_rects):
        chunk = list(range(ci * rows, min(n, (ci + 1) * rows)))
        font_obj = load_font(path, size)
        blocks = [wrap(items[i], font_obj, cr.w - mk * 1.3) for i in chunk]
        heights = [max(len(b) * size * 1.22, mk) for b in blocks]
        total = sum(heights) + gap * (len(chunk) - 1)
        spare = max(0.0, cr.h - total)
        extra = min(spare / max(1, len(chunk)), size * 1.4)
        y = cr.y0 + max(0.0, (cr.h - total - extra * len(chunk)) / 2)
        for i, lines, hgt in zip(chunk, blocks, heights, strict=True):
            row_h = hgt + extra
            mr = Rect(cr.x0, y + extra / 2, cr.x0 + mk, y + extra / 2 + mk)
            marker(c, mr, ctx, kind, i, icons[i % len(icons)], mark_fill, mark_fg)
            tr = Rect(cr.x0 + mk * 1.3, y + extra / 2, cr.x1, y + extra / 2 + hgt)
            draw_lines(
                c, tr, lines, path, size, text_color, "left", "center" if len(lines) == 1 else "top"
            )
            if rules is not None and i != chunk[-1]:
                yy = y + row_h + gap / 2
                c.draw.line(
                    [(cr.x0, yy), (cr.x1, yy)],
                    fill=rgba(rules, 90),
                    width=max(1, round(size * 0.08)),
                )
            y += row_h + gap
    return size


# --- footer -----------------------------------------------------------------------------------


def signature_block(
    c: Canvas,
    r: Rect,
    ctx: Ctx,
    place_date: str,
    signer_title: str,
    signer_name: str,
    color: Color,
    align: str = "center",
    stamp: bool = True,
) -> None:
    """Draw ``place, date`` / title / signature scribble / underlined name inside ``r``."""
    lines_top = f"{place_date}\n{signer_title}"
    top, rest = r.top(r.h * 0.42)
    sig, name = rest.top(rest.h * 0.55)
    size, lines = fit_text(lines_top, ctx.fonts.regular, top.w, top.h, r.h * 0.16)
    draw_lines(c, top, lines, ctx.fonts.regular, size, color, align, "bottom")
    sw = min(sig.w * 0.7, sig.h * 3)
    if align == "center":
        sx = sig.cx - sw / 2
    elif align == "right":
        sx = sig.x1 - sw
    else:
        sx = sig.x0
    ink = (20, 40, 120) if ctx.chance(0.7) else color
    if stamp and ctx.chance(0.6):
        st = Rect(sx - sig.h * 0.3, sig.y0 - sig.h * 0.05, sx + sig.h * 1.0, sig.y1 + sig.h * 0.25)
        draw_stamp(
            c,
            st,
            (70, 60, 170) if ctx.chance(0.7) else (40, 110, 70),
            signer_title.split(" ")[-1].upper(),
            ctx.fonts.bold,
        )
    draw_signature(c, Rect(sx, sig.y0 + sig.h * 0.1, sx + sw, sig.y1 - sig.h * 0.05), ctx.rng, ink)
    _, used = text_box(c, name, signer_name, ctx.fonts.bold, color, name.h * 0.62, align, "top")
    if ctx.chance(0.6):
        font = load_font(ctx.fonts.bold, int(min(name.h * 0.62, used.h)))
        tw = font.getlength(signer_name)
        lx = {"center": name.cx - tw / 2, "right": name.x1 - tw}.get(align, name.x0)
        yy = used.y0 + min(used.h, name.h * 0.62 * 1.15)
        c.draw.line(
            [(max(name.x0, lx), yy), (min(name.x1, lx + tw), yy)],
            fill=color,
            width=max(1, round(name.h * 0.04)),
        )


def channel_strip(
    c: Canvas,
    r: Rect,
    ctx: Ctx,
    channels: Sequence[str],
    fill: Color | None,
    fg: Color,
    label: bool = True,
) -> None:
    """Draw complaint channels in one strip (icons + text) inside ``r``."""
    if fill is not None:
        c.draw.rectangle(r.box, fill=fill)
    inner = r.inset(r.h * 0.15, r.h * 0.12)
    texts = list(channels)
    if label:
        texts = [ctx.choice(("Pengaduan:", "Layanan Pengaduan:", "Informasi & Pengaduan:")), *texts]
    icons = ("chat", "phone", "phone_app", "chat", "globe", "phone")
    if inner.w > inner.h * 7:
        cols = len(texts)
        cells = inner.cols(cols, inner.h * 0.3)
        size = min(
            fit_text(t, ctx.fonts.bold, cl.w - inner.h * 0.9, inner.h, inner.h * 0.45)[0]
            for t, cl in zip(texts, cells, strict=True)
        )
        for k, (t, cl) in enumerate(zip(texts, cells, strict=True)):
            ic, tr = cl.left(min(cl.h * 0.7, cl.w * 0.2), cl.h * 0.2)
            if not (label and k == 0):
                draw_icon(c, icons[k % len(icons)], ic, fg, fill or ctx.pal.bg)
            else:
                tr = cl
            lines = wrap(t, load_font(ctx.fonts.bold, size), tr.w)
            draw_lines(c, tr, lines, ctx.fonts.bold, size, fg, "left", "center")
    else:
        text_box(
            c, inner, "  |  ".join(texts), ctx.fonts.bold, fg, inner.h * 0.3, "center", "center"
        )


# --- photo-like block -------------------------------------------------------------------------


def photo_block(c: Canvas, r: Rect, ctx: Ctx, people: int = 2) -> None:
    """Draw a photo-like block: blurred soft background and smiling staff silhouettes."""
    bx0, by0, bx1, by1 = r.box
    w, h = max(2, bx1 - bx0), max(2, by1 - by0)
    sub = Canvas(w, h, WHITE)
    _photo(sub, ctx, people)
    c.img.paste(sub.img, (bx0, by0))


def _photo(c: Canvas, ctx: Ctx, people: int) -> None:
    r = c.rect
    x0, y0, x1, y1 = r.box
    w, h = max(2, x1 - x0), max(2, y1 - y0)
    base = _gradient(
        w // 4 + 1,
        h // 4 + 1,
        mix(ctx.pal.bg2, WHITE, 0.3),
        mix(ctx.pal.secondary, WHITE, 0.5),
        ctx.uniform(0, 3),
    )
    shape = (h // 90 + 2, w // 90 + 2)
    lum = ctx.rng.normal(0, 22, (*shape, 1)) + ctx.rng.normal(0, 5, (*shape, 3))
    small = lum.astype(np.float32)
    blobs = cv2.resize(small, (base.shape[1], base.shape[0]), interpolation=cv2.INTER_CUBIC)
    arr = np.clip(base.astype(np.float32) + blobs, 0, 255).astype(np.uint8)
    c.paste_array(arr, r)
    coat = [(245, 245, 245), mix(ctx.pal.primary, WHITE, 0.2), (90, 150, 200), (60, 160, 120)]
    skin = [(224, 172, 130), (198, 145, 105), (170, 120, 85), (235, 190, 150)]
    hair = (35, 30, 30)
    for k in range(people):
        cx = x0 + w * (k + 0.5) / people + ctx.uniform(-0.05, 0.05) * w
        hw = min(w / people * 0.45, h * 0.42)
        head = hw * 0.42
        top = y1 - h * ctx.uniform(0.75, 0.9)
        body = (cx - hw, top + head * 2.1, cx + hw, y1 + hw * 0.6)
        c.draw.rounded_rectangle(body, radius=hw * 0.5, fill=coat[int(ctx.rng.integers(len(coat)))])
        c.draw.polygon(
            [
                (cx - hw * 0.25, top + head * 2.1),
                (cx + hw * 0.25, top + head * 2.1),
                (cx, top + head * 3.2),
            ],
            fill=(210, 220, 235),
        )
        c.draw.ellipse(
            (cx - head * 0.8, top - head * 0.05, cx + head * 0.8, top + head * 1.25), fill=hair
        )
        sk = skin[int(ctx.rng.integers(len(skin)))]
        c.draw.ellipse(
            (cx - head * 0.7, top + head * 0.2, cx + head * 0.7, top + head * 2.05), fill=sk
        )
        if ctx.chance(0.4):  # headscarf
            c.draw.chord(
                (cx - head * 0.95, top - head * 0.1, cx + head * 0.95, top + head * 2.6),
                180,
                360,
                fill=mix(ctx.pal.secondary, WHITE, 0.3),
            )
            c.draw.ellipse(
                (cx - head * 0.6, top + head * 0.45, cx + head * 0.6, top + head * 2.0), fill=sk
            )
        c.draw.arc(
            (cx - head * 0.35, top + head * 1.1, cx + head * 0.35, top + head * 1.7),
            20,
            160,
            fill=(120, 40, 40),
            width=max(1, round(head * 0.08)),
        )
        for ex in (-0.28, 0.28):
            c.draw.ellipse(
                (
                    cx + head * ex - head * 0.07,
                    top + head * 0.95,
                    cx + head * ex + head * 0.07,
                    top + head * 1.09,
                ),
                fill=hair,
            )
