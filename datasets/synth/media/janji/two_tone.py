"""Janji layouts on colour blocks: tinted stripes, a coloured sidebar and a diagonal split."""

from __future__ import annotations

import math

from datasets.synth.media.components import (
    WHITE,
    Ctx,
    channel_strip,
    head_split,
    item_list,
    logo_row,
    marker,
    paint_background,
    signature_block,
    title_block,
    unit,
)
from datasets.synth.media.draw import (
    Canvas,
    Rect,
    draw_lines,
    fit_many,
    fit_stack,
    luminance,
    mix,
    readable_on,
    stands_out,
    text_box,
    text_width,
    wrap,
)
from datasets.synth.media.fonts import load_font
from datasets.synth.media.icons import draw_icon
from datasets.synth.media.janji.common import Regions, foot_signature, intro, regions, shape_of
from datasets.synth.media.wording import JanjiText


def stripes(c: Canvas, ctx: Ctx, jt: JanjiText) -> None:
    """Full-width bands in two alternating tints, each with a number block and its promise.

    The title sits in a band with a slanted edge; on wide media the bands fill two columns.
    """
    pal = ctx.pal
    c.draw.rectangle(c.rect.box, fill=pal.bg)
    u = unit(c)
    shape = shape_of(c)
    head_h = c.h * {"tall": 0.16, "portrait": 0.19, "landscape": 0.24, "wide": 0.3}[shape]
    slant = c.w * ctx.uniform(0.04, 0.12)
    c.draw.polygon(
        [(0, 0), (c.w, 0), (c.w, head_h - slant * 0.3), (0, head_h + slant * 0.3)],
        fill=pal.primary,
    )
    lg, tr = head_split(Rect(0, 0, c.w, head_h).inset(u * 4, u * 2.5), 0.3, 0.05)
    logo_row(c, lg, ctx, jt.facility.name, pal.on_primary)
    title_block(c, tr, ctx, jt.title, jt.facility.name, pal.on_primary)
    page = Rect(0, head_h + slant * 0.3 + u * 3, c.w, c.h - u * 3)
    text = readable_on(pal.bg, pal.text)
    foot = None
    if shape in ("tall", "portrait"):
        foot, page = page.bottom(page.h * (0.13 if shape == "tall" else 0.16), u * 2)
        foot = foot.inset(u * 5, 0)
    elif shape == "landscape":
        foot, page = page.right(page.w * 0.25, u * 2)
        foot = foot.inset(u * 2, foot.h * 0.3)
    body = page
    if jt.intro:
        ir, body = body.top(body.h * 0.15, u * 1.5)
        text_box(c, ir.inset(u * 5, 0), jt.intro, ctx.fonts.regular, text, ir.h * 0.3, "center")
    n = len(jt.items)
    cols = 2 if shape in ("wide", "landscape") and n > 3 else 1
    per_col = math.ceil(n / cols)
    bands = [band for col in body.cols(cols, u * 2) for band in col.rows(per_col, u * 0.8)]
    tints = (mix(pal.bg, pal.primary, 0.12), mix(pal.bg, pal.secondary, 0.2))
    block_w = min(bands[0].h * 1.1, bands[0].w * 0.18)
    size = fit_stack(
        [max(jt.items, key=len)],
        ctx.fonts.regular,
        bands[0].w - block_w - u * 5,
        bands[0].h * 0.9,
        0.3,
        bands[0].h * 0.36,
    )
    for i, band in enumerate(bands[:n]):
        fill = tints[i % 2]
        c.draw.rectangle(band.box, fill=fill)
        block, rest = band.left(block_w)
        block_fill = pal.primary if i % 2 == 0 else pal.accent
        c.draw.rectangle(block.box, fill=block_fill)
        mark_fg = readable_on(block_fill, WHITE)
        if ctx.chance(0.75):
            text_box(
                c,
                block.inset(block.w * 0.15),
                f"{i + 1:02d}" if ctx.chance(0.3) else str(i + 1),
                ctx.fonts.title,
                mark_fg,
                block.h * 0.6,
                "center",
                "center",
                1.0,
            )
        else:
            mark = block.square()  # a narrow block's square is narrower than the block is high
            draw_icon(c, jt.icons[i], mark.inset(mark.h * 0.2), mark_fg, block_fill)
        inner = rest.inset(u * 2.5, 0)
        body_text = readable_on(fill, pal.text)
        draw_lines(
            c,
            inner,
            wrap(jt.items[i], load_font(ctx.fonts.regular, size), inner.w),
            ctx.fonts.regular,
            size,
            body_text,
            "left",
            "center",
        )
    foot_signature(c, foot, ctx, jt, text)


def sidebar(c: Canvas, ctx: Ctx, jt: JanjiText) -> None:
    """A coloured side column with logos, a stacked title and the facility; promises beside it.

    Tall banners put the column on top instead.
    """
    pal = ctx.pal
    paint_background(c, ctx, style=ctx.choice(("flat", "flat", "dots")))
    u = unit(c)
    shape = shape_of(c)
    if shape == "tall":
        side, main = c.rect.top(c.h * 0.3)
    else:
        frac = {"portrait": 0.34, "landscape": 0.3, "wide": 0.24}[shape]
        side, main = c.rect.left(c.w * frac) if ctx.chance(0.75) else c.rect.right(c.w * frac)
    c.draw.rectangle(side.box, fill=pal.primary)
    if ctx.chance(0.5):
        edge = (
            Rect(side.x0, side.y1 - u, side.x1, side.y1)
            if shape == "tall"
            else Rect(side.x1 - u * 1.2, side.y0, side.x1, side.y1)
            if side.x0 == 0
            else Rect(side.x0, side.y0, side.x0 + u * 1.2, side.y1)
        )
        c.draw.rectangle(edge.box, fill=pal.accent)
    inner = side.inset(u * 4, u * 4)
    lg, rest = inner.top(inner.h * (0.3 if shape == "tall" else 0.16), u * 2)
    logo_row(c, lg, ctx, jt.facility.name, pal.on_primary)
    title_r, sub_r = rest.top(rest.h * 0.62, u * 2)
    title_size, _ = text_box(
        c,
        title_r,
        jt.title.upper(),
        ctx.fonts.title,
        pal.on_primary,
        title_r.h * 0.3,
        "left" if shape != "tall" else "center",
        "center",
        1.08,
    )
    text_box(
        c,
        sub_r,
        jt.facility.name,
        ctx.fonts.bold,
        pal.on_primary,
        min(sub_r.h * 0.22, title_size * 0.55),
        "left" if shape != "tall" else "center",
        "top",
    )
    page = main.inset(u * 4, u * 4)
    text = readable_on(pal.bg, pal.text)
    foot = None
    if shape != "wide":
        foot, page = page.bottom(page.h * 0.16, u * 2)
    body = page
    if jt.intro:
        ir, body = body.top(body.h * 0.18, u * 1.5)
        text_box(c, ir, jt.intro, ctx.fonts.regular, text, ir.h * 0.3, "left", "center")
    kind = ctx.choice(("square_number", "plain_number", "number", "dash", "check"))
    item_list(
        c,
        body,
        ctx,
        jt.items,
        jt.icons,
        kind,
        text,
        pal.primary,
        pal.on_primary,
        rules=pal.secondary if ctx.chance(0.6) else None,
    )
    if foot is not None:
        signature_block(
            c,
            foot.right(foot.w * 0.6)[0],
            ctx,
            jt.place_date,
            jt.signer_title,
            jt.signer_name,
            text,
        )


def _diagonal_split(c: Canvas, ctx: Ctx, sideways: bool) -> tuple[Rect, Rect]:
    """Paint the coloured part of a diagonally split page; return its text area and the rest."""
    pal, u = ctx.pal, unit(c)
    band = u * ctx.uniform(1.0, 2.0) if ctx.chance(0.6) else 0.0
    if sideways:  # x of the edge at the bottom (near) and at the top (far)
        near, far = c.w * ctx.uniform(0.27, 0.33), c.w * ctx.uniform(0.37, 0.43)
        pts = [(0.0, 0.0), (far, 0.0), (near, c.h), (0.0, c.h)]
        stripe = [(far, 0.0), (far + band, 0.0), (near + band, c.h), (near, c.h)]
        head = Rect(0, 0, near, c.h).inset(u * 4, u * 4)
        light = Rect(far + band, 0, c.w, c.h).inset(u * 4, u * 4)
    else:  # y of the edge on the shallow side (near) and on the deep side (far)
        frac = {"tall": 0.2, "portrait": 0.22, "landscape": 0.25}[shape_of(c)]
        near, far = c.h * frac, c.h * (frac + ctx.uniform(0.05, 0.1))
        pts = [(0.0, 0.0), (c.w, 0.0), (c.w, near), (0.0, far)]
        stripe = [(0.0, far), (c.w, near), (c.w, near + band), (0.0, far + band)]
        head = Rect(0, 0, c.w, near).inset(u * 4, u * 3)
        light = Rect(0, far + band, c.w, c.h).inset(u * 4.5, u * 3)
    if ctx.chance(0.35):  # deep side on the right
        pts = [(c.w - x, y) for x, y in pts]
        stripe = [(c.w - x, y) for x, y in stripe]
        head = Rect(c.w - head.x1, head.y0, c.w - head.x0, head.y1)
        light = Rect(c.w - light.x1, light.y0, c.w - light.x0, light.y1)
    c.draw.polygon(pts, fill=pal.primary)
    if ctx.chance(0.5):
        dark = luminance(readable_on(pal.primary, pal.on_primary)) > 0.5
        cx, cy = pts[0]  # a shaded triangle in the coloured corner
        span = far * 0.7 if sideways else c.w * 0.45
        c.draw.polygon(
            [pts[0], (abs(cx - span), cy), (cx, c.h * 0.45 if sideways else far * 0.7)],
            fill=(0, 0, 0, 40) if dark else (255, 255, 255, 50),
        )
    if band:
        c.draw.polygon(stripe, fill=pal.accent)
    return head, light


def _pills(c: Canvas, r: Rect, ctx: Ctx, jt: JanjiText, cols: int) -> None:
    """Draw promises as rounded tags, each led by a number (or icon) dot, in ``cols`` columns."""
    pal, u = ctx.pal, unit(c)
    rows = math.ceil(len(jt.items) / cols)
    cells = [cell for col in r.cols(cols, u * 3) for cell in col.rows(rows, u * 1.5)]
    cell = cells[0]
    dot = min(cell.h * 0.78, cell.w * 0.16, u * 9)
    tw = cell.w - dot - u * 6
    size = fit_many(jt.items, ctx.fonts.regular, tw, cell.h * 0.86, min(cell.h * 0.4, tw * 0.065))
    font = load_font(ctx.fonts.regular, size)
    blocks = [wrap(t, font, tw) for t in jt.items]
    ph = min(cell.h, max(dot + u * 1.6, max(map(len, blocks)) * size * 1.22 + size * 1.2))
    dot = min(dot, ph - u * 1.2)
    style = ctx.choice(("tint", "tint", "outline", "solid"))
    kind = ctx.choice(("number", "number", "icon", "square_number"))
    tint = mix(pal.bg, pal.primary, 0.13)
    hug = ctx.chance(0.4)  # tags as wide as their text rather than the column
    for i, (cell, lines) in enumerate(zip(cells, blocks, strict=False)):
        fill = {"tint": tint, "outline": pal.bg}.get(style, (pal.primary, pal.secondary)[i % 2])
        need = dot + u * 6 + max(text_width(x, font) for x in lines)
        pw = min(cell.w, max(cell.w * 0.45, need)) if hug else cell.w
        pill = Rect(cell.x0, cell.cy - ph / 2, cell.x0 + pw, cell.cy + ph / 2)
        outline = (
            stands_out(pal.bg, pal.primary, pal.secondary, diff=0.2) if style == "outline" else None
        )
        c.draw.rounded_rectangle(
            pill.box, min(ph / 2, u * 3.5), fill, outline, max(1, round(u * 0.45))
        )
        mark = pal.primary if style != "solid" else readable_on(fill, WHITE)
        d = Rect(pill.x0 + u * 1.2, pill.cy - dot / 2, pill.x0 + u * 1.2 + dot, pill.cy + dot / 2)
        marker(c, d, ctx, kind, i, jt.icons[i % len(jt.icons)], mark, readable_on(mark, fill))
        tr = Rect(d.x1 + u * 1.8, pill.y0, d.x1 + u * 1.8 + tw, pill.y1)
        text = readable_on(fill, pal.text if style != "solid" else WHITE)
        draw_lines(c, tr, lines, ctx.fonts.regular, size, text, "left", "center")


def diagonal(c: Canvas, ctx: Ctx, jt: JanjiText) -> None:
    """Two-tone page split by a diagonal: logos and title in the coloured part, promises as tags."""
    pal = ctx.pal
    paint_background(c, ctx, style=ctx.choice(("flat", "flat", "dots", "noise")))
    shape = shape_of(c)
    head, light = _diagonal_split(c, ctx, shape == "wide")
    on = readable_on(pal.primary, pal.on_primary)
    u = unit(c)
    lg, tr = head.top(min(head.h * 0.26, head.w / 7), head.h * 0.05)
    clash = sum(on) < 600 and abs(sum(on) - sum(pal.bg)) < 60  # logo_row would draw on = bg
    plate = clash or ctx.chance(0.3)
    if plate:  # a white plate behind the logos
        c.draw.rounded_rectangle(lg.inset(-u * 1.2, -u * 0.6).box, radius=u * 1.5, fill=WHITE)
    logo_row(c, lg, ctx, jt.facility.name, (0, 0, 0) if plate else on)
    align = ctx.choice(("left", "center")) if shape != "wide" else "center"
    title_block(c, tr, ctx, jt.title, jt.facility.name, on, align=align)
    text = readable_on(pal.bg, pal.text)
    reg = Regions(light, light, None, None) if shape == "wide" else regions(c, ctx, light, 0.0)
    body = Rect(reg.body.x0, light.y0, reg.body.x1, reg.body.y1)
    body = intro(c, body, ctx, jt, text, 0.17 if shape in ("tall", "portrait") else 0.22)
    short = max(map(len, jt.items)) < 45
    cols = 2 if shape in ("landscape", "wide") or (short and shape == "portrait") else 1
    _pills(c, body, ctx, jt, cols)
    foot_signature(c, reg.foot, ctx, jt, text)
    if reg.strip is not None:
        channel_strip(c, reg.strip, ctx, jt.channels, None, readable_on(pal.bg, pal.primary))
