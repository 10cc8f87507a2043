"""The certificate ("piagam") Janji layout: ornate border, centred promises, seal."""

from __future__ import annotations

import math

from datasets.synth.media.components import (
    WHITE,
    Ctx,
    channel_strip,
    head_split,
    logo_row,
    paint_background,
    signature_block,
    unit,
    watermark,
)
from datasets.synth.media.draw import (
    Canvas,
    Rect,
    draw_lines,
    fit_stack,
    mix,
    readable_on,
    stands_out,
    text_box,
    wrap,
)
from datasets.synth.media.fonts import load_font
from datasets.synth.media.janji.common import intro, shape_of
from datasets.synth.media.palettes import Color
from datasets.synth.media.wording import JanjiText


def _diamond(c: Canvas, x: float, y: float, r: float, fill: Color) -> None:
    """Draw a filled diamond of radius ``r`` centred at ``x, y``."""
    c.draw.polygon([(x, y - r), (x + r, y), (x, y + r), (x - r, y)], fill=fill)


def _divider(c: Canvas, cx: float, cy: float, w: float, r: float, color: Color) -> None:
    """Draw an ornamental rule ``w`` pixels long: two lines with a diamond of radius ``r``."""
    lw = max(1, round(r * 0.3))
    c.draw.line([(cx - w / 2, cy), (cx - r * 2, cy)], fill=color, width=lw)
    c.draw.line([(cx + r * 2, cy), (cx + w / 2, cy)], fill=color, width=lw)
    _diamond(c, cx, cy, r, color)


def _ornate_frame(c: Canvas, ctx: Ctx) -> Rect:
    """Draw a certificate border (double rule, with a patterned band or not); return its inside."""
    pal, u = ctx.pal, unit(c)
    line = stands_out(pal.bg, pal.primary, pal.secondary, diff=0.2)
    orn = stands_out(pal.bg, pal.accent, pal.secondary, pal.primary, diff=0.2)
    outer = c.rect.inset(u * ctx.uniform(2.0, 3.5))
    band = u * ctx.uniform(1.6, 2.6)
    inner = outer.inset(band)
    c.draw.rectangle(outer.box, outline=line, width=max(2, round(u * ctx.uniform(0.6, 1.2))))
    c.draw.rectangle(inner.box, outline=line, width=max(1, round(u * 0.3)))
    mid = outer.inset(band / 2)
    corners = [(mid.x0, mid.y0), (mid.x1, mid.y0), (mid.x1, mid.y1), (mid.x0, mid.y1)]
    style = ctx.choice(("double", "diamonds", "dots"))
    for (ax, ay), (bx, by) in zip(corners, corners[1:] + corners[:1], strict=True):
        n = max(2, round(math.hypot(bx - ax, by - ay) / (band * 1.6)))
        for k in range(1, n if style != "double" else 1):
            x, y = ax + (bx - ax) * k / n, ay + (by - ay) * k / n
            if style == "diamonds":
                _diamond(c, x, y, band * 0.32, orn)
            else:
                c.draw.ellipse(Rect(x, y, x, y).inset(-band * 0.2).box, orn)
    for x, y in corners:
        c.draw.rectangle(Rect(x, y, x, y).inset(-band * 0.7).box, line)
        _diamond(c, x, y, band * 0.45, orn if style == "double" else pal.bg)
    return inner.inset(u * 2.5)


def _seal(c: Canvas, r: Rect, ctx: Ctx) -> None:
    """Draw a round rosette seal (with ribbon tails or not) inside the square of ``r``."""
    pal = ctx.pal
    fill = stands_out(pal.bg, pal.accent, pal.primary, diff=0.2)
    fg = readable_on(fill, WHITE)
    s = r.square()
    rad = s.w * 0.4
    cx, cy = s.cx, s.y0 + rad * 1.05
    if ctx.chance(0.6):
        tail = mix(fill, (0, 0, 0), 0.25)
        for sx in (-1, 1):
            x = cx + sx * rad * 0.45
            tip = [(x - rad * 0.3, s.y1), (x, s.y1 - rad * 0.25), (x + rad * 0.3, s.y1)]
            c.draw.polygon([(cx, cy), *tip], fill=tail)
    n = 24
    pts = [
        (
            cx + rad * (1.0 if k % 2 == 0 else 0.88) * math.cos(math.pi * k / n),
            cy + rad * (1.0 if k % 2 == 0 else 0.88) * math.sin(math.pi * k / n),
        )
        for k in range(2 * n)
    ]
    c.draw.polygon(pts, fill=fill)
    ring = Rect(cx - rad * 0.72, cy - rad * 0.72, cx + rad * 0.72, cy + rad * 0.72)
    c.draw.ellipse(ring.box, outline=fg, width=max(1, round(rad * 0.05)))
    label = ctx.choice(("JKN", "JKN", "BPJS\nKESEHATAN", "JANJI\nLAYANAN")) if rad > 55 else "JKN"
    text_box(
        c, ring.inset(rad * 0.16), label, ctx.fonts.title, fg, rad * 0.5, "center", "center", 1.0
    )


def _centred_items(
    c: Canvas, r: Rect, ctx: Ctx, items: tuple[str, ...], cols: int, color: Color, orn: Color
) -> None:
    """Draw promises as centred lines in ``cols`` columns, numbered or parted by small diamonds."""
    numbered = ctx.chance(0.5)
    texts = [f"{i + 1}. {t}" if numbered else t for i, t in enumerate(items)]
    ends = [round(len(texts) * k / cols) for k in range(cols + 1)]
    chunks = [texts[ends[k] : ends[k + 1]] for k in range(cols)]
    col_rects = r.cols(cols, r.w * 0.05)
    gap = 0.9 if numbered else 1.6
    path = ctx.fonts.bold if ctx.chance(0.25) else ctx.fonts.regular
    size = min(
        fit_stack(ch, path, cr.w * 0.92, cr.h, gap, min(cr.h / len(ch) / 1.6, cr.w * 0.05))
        for ch, cr in zip(chunks, col_rects, strict=True)
    )
    font = load_font(path, size)
    for chunk, cr in zip(chunks, col_rects, strict=True):
        blocks = [wrap(t, font, cr.w * 0.92) for t in chunk]
        text_h = sum(len(b) for b in blocks) * size * 1.22
        spare = max(0.0, cr.h - text_h - gap * size * (len(chunk) - 1))
        step = gap * size + min(spare / max(1, len(chunk) - 1), size * 1.2)
        y = cr.y0 + (cr.h - text_h - step * (len(chunk) - 1)) / 2
        for k, lines in enumerate(blocks):
            h = len(lines) * size * 1.22
            draw_lines(c, Rect(cr.x0, y, cr.x1, y + h), lines, path, size, color, "center")
            y += h + step
            if not numbered and k < len(blocks) - 1:
                _divider(c, cr.cx, y - step / 2, min(cr.w * 0.3, size * 6), size * 0.22, orn)


def certificate(c: Canvas, ctx: Ctx, jt: JanjiText) -> None:
    """Certificate ("piagam"): ornate border, centred title and promises, seal and signature."""
    pal = ctx.pal
    paint_background(c, ctx, style=ctx.choice(("flat", "flat", "gradient", "noise")))
    if ctx.chance(0.3):
        watermark(c, c.rect, ctx)
    u = unit(c)
    shape = shape_of(c)
    page = _ornate_frame(c, ctx)
    head_f, foot_f = {
        "tall": (0.19, 0.14),
        "portrait": (0.21, 0.17),
        "landscape": (0.25, 0.22),
        "wide": (0.34, 0.0),
    }[shape]
    head, body = page.top(page.h * head_f, u * 1.5)
    title_c = readable_on(pal.bg, pal.primary)
    text_c = readable_on(pal.bg, pal.text)
    orn = stands_out(pal.bg, pal.accent, pal.secondary, pal.primary, diff=0.2)
    lg, tr = head_split(head, 0.26, 0.06)
    logo_row(c, lg, ctx, jt.facility.name, text_c)
    tt, rest = tr.top(tr.h * 0.56)
    size, used = text_box(c, tt, jt.title, ctx.fonts.title, title_c, tt.h * 0.8, "center", "bottom")
    dy = used.y1 + max(size * 0.3, rest.h * 0.08)
    _divider(c, tr.cx, dy, min(tr.w * 0.6, size * 9), rest.h * 0.07, orn)
    fr = Rect(tr.x0, dy + rest.h * 0.1, tr.x1, tr.y1)
    fsize = min(fr.h * 0.8, size * 0.6)
    text_box(c, fr, jt.facility.name, ctx.fonts.bold, text_c, fsize, "center", "top")
    foot = None
    if foot_f:
        foot, body = body.bottom(page.h * foot_f, u * 3)
        if ctx.chance(0.5):
            strip, body = body.bottom(page.h * 0.04, u * 2)
            channel_strip(c, strip, ctx, jt.channels, None, text_c)
    body = intro(c, body, ctx, jt, text_c, 0.2 if shape in ("tall", "portrait") else 0.24)
    if shape == "wide":
        seal_r, body = body.right(min(body.h, body.w * 0.14), u * 2)
        _seal(c, seal_r, ctx)
    cols = {"wide": 3 if body.w > body.h * 5 else 2, "landscape": 1 + ctx.chance(0.5)}
    _centred_items(c, body, ctx, jt.items, cols.get(shape, 1), text_c, orn)
    if foot is None:
        return
    seal_left = ctx.chance(0.7)
    side = min(foot.h, foot.w * 0.3)
    seal_r, sig = foot.left(side, u * 2) if seal_left else foot.right(side, u * 2)
    _seal(c, seal_r, ctx)
    sig_w = min(sig.w, foot.w * 0.55)
    sig = Rect(sig.x1 - sig_w, sig.y0, sig.x1, sig.y1) if seal_left else sig.left(sig_w)[0]
    signature_block(
        c, sig, ctx, jt.place_date, jt.signer_title, jt.signer_name, text_c, stamp=False
    )
