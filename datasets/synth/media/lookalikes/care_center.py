"""Care Center 165 lookalikes: a huge ``165``, a grid of channel cards, speech bubbles."""

from __future__ import annotations

import math

from datasets.synth.media.components import WHITE, Ctx, choose_cols, item_list, unit
from datasets.synth.media.draw import (
    Canvas,
    Rect,
    draw_lines,
    fit_many,
    fit_stack,
    mix,
    readable_on,
    stands_out,
    text_box,
    wrap,
)
from datasets.synth.media.fonts import load_font
from datasets.synth.media.icons import draw_icon
from datasets.synth.media.lookalikes.common import body_surface, page_header
from datasets.synth.media.palettes import Color
from datasets.synth.media.wording import CARE_CHANNELS


def care_big_number(c: Canvas, ctx: Ctx, content: str) -> None:
    """Draw a huge ``165`` with a phone icon, then complaint channels with icons."""
    title = ctx.choice(
        (
            "PENGADUAN",
            "LAYANAN PENGADUAN",
            "BPJS Kesehatan Care Center 165",
            "INFORMASI & PENGADUAN",
        )
    )
    body, text = page_header(
        c,
        ctx,
        title,
        ctx.choice(("BPJS Kesehatan Care Center", "Peserta JKN", "Layanan 24 Jam")),
        0.15,
    )
    u = unit(c)
    big, rest = (
        body.top(body.h * 0.3, u * 3) if body.h > body.w * 0.8 else body.left(body.w * 0.35, u * 3)
    )
    ic, num = big.left(min(big.h * 0.8, big.w * 0.3), u * 2)
    circ = ic.square()
    c.draw.ellipse(circ.box, fill=ctx.pal.accent)
    draw_icon(
        c, "phone", circ.inset(circ.w * 0.2), readable_on(ctx.pal.accent, WHITE), ctx.pal.accent
    )
    text_box(
        c,
        num,
        "165",
        ctx.fonts.title,
        readable_on(ctx.pal.bg, ctx.pal.primary) if text != ctx.pal.panel_text else ctx.pal.primary,
        num.h * 0.95,
        "center",
        "center",
        1.0,
    )
    chans = list(CARE_CHANNELS[: int(ctx.rng.integers(3, len(CARE_CHANNELS) + 1))])
    item_list(
        c,
        rest,
        ctx,
        [t for _, t in chans],
        [i for i, _ in chans],
        "icon",
        text,
        ctx.pal.primary,
        readable_on(ctx.pal.primary, WHITE),
    )


def care_channels(c: Canvas, ctx: Ctx, content: str) -> None:
    """Draw a grid of channel cards (icon + name) under a Care Center 165 title."""
    body, _ = page_header(
        c,
        ctx,
        ctx.choice(("BPJS Kesehatan Care Center 165", "SAMPAIKAN PENGADUAN ANDA")),
        ctx.choice(("Kami siap membantu", "Peserta JKN")),
        0.17,
    )
    u = unit(c)
    chans = list(CARE_CHANNELS)
    cols = choose_cols(body, len(chans), 1.1, 3)
    rows = math.ceil(len(chans) / cols)
    cells = body.grid(rows, cols, u * 2)
    size = fit_stack(
        [max((t for _, t in chans), key=len)],
        ctx.fonts.bold,
        cells[0].w * 0.9,
        cells[0].h * 0.35,
        0.2,
        cells[0].h * 0.12,
    )
    for i, (cell, (icon, label)) in enumerate(zip(cells, chans, strict=False)):
        fill = [ctx.pal.primary, ctx.pal.secondary][i % 2]
        c.draw.rounded_rectangle(cell.box, radius=u * 3, fill=fill)
        ir, tr = cell.inset(u * 1.5).top(cell.h * 0.55, u)
        draw_icon(c, icon, ir, readable_on(fill, WHITE), fill)
        draw_lines(
            c,
            tr,
            wrap(label, load_font(ctx.fonts.bold, size), tr.w),
            ctx.fonts.bold,
            size,
            readable_on(fill, WHITE),
            "center",
        )


def _bubble(c: Canvas, r: Rect, fill: Color, tail_right: bool) -> Rect:
    """Draw a speech bubble (rounded box, tail under one end) filling ``r``; return its box."""
    t = min(r.h * 0.2, r.w * 0.18)
    box = Rect(r.x0, r.y0, r.x1, r.y1 - t)
    rad = min(box.w, box.h) * 0.28
    c.draw.rounded_rectangle(box.box, radius=rad, fill=fill)
    off = max(box.w * 0.2, rad + t * 0.6)
    bx = box.x1 - off if tail_right else box.x0 + off
    tip = bx + t * (0.9 if tail_right else -0.9)
    c.draw.polygon(
        [(bx - t * 0.55, box.y1 - 1), (bx + t * 0.55, box.y1 - 1), (tip, r.y1)], fill=fill
    )
    return box


def _care_165(c: Canvas, ctx: Ctx, box: Rect, fill: Color) -> None:
    """Fill the big bubble: a phone icon, a Care Center label and a huge ``165``."""
    on = readable_on(fill, WHITE)
    inner = box.inset(min(box.w, box.h) * 0.12)
    across = inner.w > inner.h * 1.5
    if across:
        ic, rest = inner.left(min(inner.h * 0.75, inner.w * 0.25), inner.w * 0.04)
    else:
        ic, rest = inner.top(inner.h * 0.3, inner.h * 0.04)
    circ = ic.square()
    c.draw.ellipse(circ.box, fill=on)
    draw_icon(c, "phone", circ.inset(circ.w * 0.22), fill, on)
    lab, num = rest.top(rest.h * 0.3)
    align = "left" if across else "center"
    label = ctx.choice(("Care Center", "BPJS Kesehatan Care Center", "Layanan 24 Jam Care Center"))
    text_box(c, lab, label, ctx.fonts.bold, on, lab.h * 0.8, align, "center")
    text_box(c, num, "165", ctx.fonts.title, on, num.h * 0.95, align, "center", 1.0)


def _bubble_parts(
    boxes: list[Rect], labels: list[str], path: str, u: float
) -> tuple[list[tuple[Rect, Rect]], int, bool]:
    """Split bubbles into icon and text, side by side or stacked, whichever fits larger text."""
    best: tuple[list[tuple[Rect, Rect]], int, bool] = ([], 0, False)
    for stacked in (False, True):
        inner = [b.inset(min(b.w, b.h) * 0.16) for b in boxes]
        parts = [
            r.top(min(r.h * 0.4, r.w * 0.3), u * 1.5)
            if stacked
            else r.left(min(r.h * 0.68, r.w * 0.25), u * 1.5)
            for r in inner
        ]
        t = parts[0][1]
        size = fit_many(labels, path, t.w, t.h, t.h * (0.3 if stacked else 0.4))
        if size > best[1]:
            best = (parts, size, stacked)
    return best


def care_bubbles(c: Canvas, ctx: Ctx, content: str) -> None:
    """Complaint channels in speech bubbles, Care Center 165 in one large bubble."""
    body, text = page_header(
        c,
        ctx,
        ctx.choice(("SAMPAIKAN KELUHAN ANDA", "LAYANAN PENGADUAN PESERTA JKN", "Ada Keluhan?")),
        ctx.choice(("BPJS Kesehatan Care Center 165", "Kami siap mendengar", "Peserta JKN")),
        0.16,
    )
    u, pal = unit(c), ctx.pal
    surface = body_surface(ctx, text)
    big_fill = stands_out(surface, pal.primary, pal.secondary, pal.accent)
    lead = pal.accent if ctx.chance(0.5) else pal.secondary
    small_fill = stands_out(surface, lead, pal.secondary)
    if small_fill == big_fill:
        small_fill = mix(big_fill, surface, 0.35)
    if body.w > body.h * 1.2:
        big, rest = body.left(min(body.w * 0.38, body.h * 1.6), u * 4)
    else:
        big, rest = body.top(body.h * 0.34, u * 4)
    _care_165(c, ctx, _bubble(c, big, big_fill, ctx.chance(0.5)), big_fill)
    chans = list(CARE_CHANNELS[1 : 1 + int(ctx.rng.integers(3, len(CARE_CHANNELS)))])
    cols = choose_cols(rest, len(chans), 2.6, 3)
    cells = rest.grid(math.ceil(len(chans) / cols), cols, u * 3)
    on = readable_on(small_fill, WHITE)
    boxes = [_bubble(c, cell, small_fill, i % 2 == 1) for i, cell in enumerate(cells[: len(chans)])]
    path = ctx.fonts.bold
    parts, size, stacked = _bubble_parts(boxes, [t for _, t in chans], path, u)
    align = "center" if stacked else "left"
    for (icon, label), (ic, tr) in zip(chans, parts, strict=True):
        draw_icon(c, icon, ic, on, small_fill)
        lines = wrap(label, load_font(path, size), tr.w)
        draw_lines(c, tr, lines, path, size, on, align, "center")
