"""Janji infographics: a timeline of numbered nodes, and icons in hexagons over the promises."""

from __future__ import annotations

import math

from datasets.synth.media.components import (
    WHITE,
    Ctx,
    channel_strip,
    choose_cols,
    head_split,
    logo_row,
    marker,
    paint_background,
    title_block,
    unit,
)
from datasets.synth.media.draw import (
    Canvas,
    Rect,
    draw_lines,
    fit_stack,
    readable_on,
    rgba,
    text_box,
    wrap,
)
from datasets.synth.media.fonts import load_font
from datasets.synth.media.icons import draw_icon
from datasets.synth.media.janji.common import foot_signature, regions
from datasets.synth.media.wording import JanjiText


def timeline(c: Canvas, ctx: Ctx, jt: JanjiText) -> None:
    """Vertical (or, on wide media, horizontal) timeline: a line with numbered nodes."""
    pal = ctx.pal
    paint_background(c, ctx)
    u = unit(c)
    page = c.rect.inset(u * 5)
    reg = regions(c, ctx, page, 0.18)
    head = reg.head
    c.draw.rounded_rectangle(head.box, radius=u * 3, fill=pal.primary)
    lg, tr = head_split(head.inset(u * 3, u * 2), 0.28, 0.04)
    logo_row(c, lg, ctx, jt.facility.name, pal.on_primary)
    title_block(c, tr, ctx, jt.title, jt.facility.name, pal.on_primary)
    body = reg.body
    text = readable_on(pal.bg, pal.text)
    if jt.intro:
        ir, body = body.top(body.h * 0.17, u * 1.5)
        text_box(c, ir, jt.intro, ctx.fonts.regular, text, ir.h * 0.3, "center", "center")
    n = len(jt.items)
    node_fill, node_fg = pal.accent, readable_on(pal.accent, WHITE)
    lw = max(2, round(u * 0.8))
    if is_wide_body(body):
        cells = body.cols(n, u * 1.5)
        ly = body.y0 + min(body.h * 0.22, cells[0].w * 0.22)
        c.draw.line([(cells[0].cx, ly), (cells[-1].cx, ly)], fill=pal.secondary, width=lw)
        ns = min(cells[0].w * 0.35, body.h * 0.25)
        size = fit_stack(
            [max(jt.items, key=len)],
            ctx.fonts.regular,
            cells[0].w,
            body.y1 - ly - ns,
            0.3,
            ns * 0.6,
        )
        for i, cell in enumerate(cells):
            nr = Rect(cell.cx - ns / 2, ly - ns / 2, cell.cx + ns / 2, ly + ns / 2)
            marker(
                c,
                nr,
                ctx,
                "icon" if ctx.chance(0.0) else "number",
                i,
                jt.icons[i],
                node_fill,
                node_fg,
            )
            tr = Rect(cell.x0, ly + ns * 0.7, cell.x1, body.y1)
            draw_lines(
                c,
                tr,
                wrap(jt.items[i], load_font(ctx.fonts.regular, size), tr.w),
                ctx.fonts.regular,
                size,
                text,
                "center",
            )
    else:
        rows = body.rows(n, u * 1.2)
        ns = min(rows[0].h * 0.8, body.w * 0.12)
        lx = body.x0 + ns * 0.6
        c.draw.line([(lx, rows[0].cy), (lx, rows[-1].cy)], fill=pal.secondary, width=lw)
        tw = body.w - ns * 1.6
        size = fit_stack(
            [max(jt.items, key=len)],
            ctx.fonts.regular,
            tw * 0.95,
            rows[0].h * 0.95,
            0.3,
            rows[0].h * 0.4,
        )
        alt = ctx.chance(0.5)
        for i, row in enumerate(rows):
            nr = Rect(lx - ns / 2, row.cy - ns / 2, lx + ns / 2, row.cy + ns / 2)
            marker(c, nr, ctx, "icon" if alt else "number", i, jt.icons[i], node_fill, node_fg)
            card = Rect(body.x0 + ns * 1.4, row.y0, body.x1, row.y1)
            if ctx.chance(0.0) or alt:
                c.draw.rounded_rectangle(card.box, radius=u * 2, fill=rgba(pal.primary, 28))
            inner = card.inset(u * 1.5, 0)
            draw_lines(
                c,
                inner,
                wrap(jt.items[i], load_font(ctx.fonts.regular, size), inner.w),
                ctx.fonts.regular,
                size,
                text,
                "left",
                "center",
            )
    foot_signature(c, reg.foot, ctx, jt, text)
    if reg.strip is not None:
        channel_strip(
            c, reg.strip, ctx, jt.channels, pal.secondary, readable_on(pal.secondary, WHITE)
        )


def is_wide_body(r: Rect) -> bool:
    """Whether a body area is wide enough to lay items side by side."""
    return r.w > r.h * 2.2


def hexagon(c: Canvas, ctx: Ctx, jt: JanjiText) -> None:
    """Infographic: icons in hexagons (or circles) around/among the promises."""
    pal = ctx.pal
    paint_background(c, ctx, style=ctx.choice(("flat", "gradient", "dots")))
    u = unit(c)
    page = c.rect.inset(u * 4.5)
    reg = regions(c, ctx, page, 0.17)
    tcol = readable_on(pal.bg, pal.primary)
    lg, tr = head_split(reg.head, 0.28, 0.05)
    logo_row(c, lg, ctx, jt.facility.name, readable_on(pal.bg, pal.text))
    title_block(c, tr, ctx, jt.title, jt.facility.name, tcol, readable_on(pal.bg, pal.text))
    body = reg.body
    text = readable_on(pal.bg, pal.text)
    if jt.intro:
        ir, body = body.top(body.h * 0.15, u)
        text_box(c, ir, jt.intro, ctx.fonts.regular, text, ir.h * 0.3, "center", "center")
    n = len(jt.items)
    cols = choose_cols(body, n, 0.9 if not is_wide_body(body) else 0.7, 4)
    rows = math.ceil(n / cols)
    cells = body.grid(rows, cols, u * 2)
    hexes = ctx.chance(0.6)
    colors = [pal.primary, pal.secondary, pal.accent]
    hs = min(cells[0].w * 0.5, cells[0].h * 0.42)
    size = fit_stack(
        [max(jt.items, key=len)],
        ctx.fonts.regular,
        cells[0].w * 0.95,
        cells[0].h - hs - u * 2,
        0.3,
        hs * 0.3,
    )
    for i, cell in enumerate(cells[:n]):
        col = colors[i % 3] if ctx.chance(0.7) else pal.primary
        fg = readable_on(col, WHITE)
        hr = Rect(cell.cx - hs / 2, cell.y0, cell.cx + hs / 2, cell.y0 + hs)
        if hexes:
            pts = [
                (
                    hr.cx + hs / 2 * math.cos(math.pi / 3 * k + math.pi / 6),
                    hr.cy + hs / 2 * math.sin(math.pi / 3 * k + math.pi / 6),
                )
                for k in range(6)
            ]
            c.draw.polygon(pts, fill=col)
        else:
            c.draw.ellipse(hr.box, fill=col)
        draw_icon(c, jt.icons[i], hr.inset(hs * 0.24), fg, col)
        tr = Rect(cell.x0, hr.y1 + u * 1.2, cell.x1, cell.y1)
        label = f"{i + 1}. {jt.items[i]}" if ctx.chance(0.3) else jt.items[i]
        draw_lines(
            c,
            tr,
            wrap(label, load_font(ctx.fonts.regular, size), tr.w * 0.95),
            ctx.fonts.regular,
            size,
            text,
            "center",
        )
    foot_signature(c, reg.foot, ctx, jt, text)
    if reg.strip is not None:
        channel_strip(c, reg.strip, ctx, jt.channels, pal.primary, readable_on(pal.primary, WHITE))
