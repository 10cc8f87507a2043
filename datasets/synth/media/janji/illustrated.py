"""Janji layouts with pictures: a grid of icon cards, a list beside an illustration, staff photo."""

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
    photo_block,
    title_block,
    unit,
)
from datasets.synth.media.draw import (
    Canvas,
    Rect,
    draw_lines,
    fit_stack,
    mix,
    readable_on,
    rgba,
    text_box,
    wrap,
)
from datasets.synth.media.fonts import load_font
from datasets.synth.media.icons import draw_icon
from datasets.synth.media.janji.common import foot_signature, intro_and_list, regions, shape_of
from datasets.synth.media.wording import JanjiText


def card_grid(c: Canvas, ctx: Ctx, jt: JanjiText) -> None:
    """Title on top, promises as a grid of cards with an icon and text each."""
    pal = ctx.pal
    paint_background(c, ctx, style=ctx.choice(("gradient", "flat", "dots", "corner")))
    u = unit(c)
    page = c.rect.inset(u * 4)
    reg = regions(c, ctx, page, 0.17)
    tcol = readable_on(pal.bg, pal.primary)
    lg, tr = head_split(reg.head, 0.28, 0.04)
    logo_row(c, lg, ctx, jt.facility.name, readable_on(pal.bg, pal.text))
    title_block(c, tr, ctx, jt.title, jt.facility.name, tcol, readable_on(pal.bg, pal.text))
    body = reg.body
    if jt.intro:
        ir, body = body.top(body.h * 0.16, body.h * 0.02)
        text_box(
            c,
            ir,
            jt.intro,
            ctx.fonts.regular,
            readable_on(pal.bg, pal.text),
            ir.h * 0.3,
            "center",
            "center",
        )
    n = len(jt.items)
    cols = choose_cols(body, n, 1.5 if shape_of(c) != "wide" else 1.0, 4)
    rows = math.ceil(n / cols)
    gap = u * 2.2
    cells = body.grid(rows, cols, gap)
    card_fill = pal.panel
    card_text = pal.panel_text
    icon_fill = pal.primary if ctx.chance(0.6) else pal.secondary
    icon_fg = readable_on(icon_fill, WHITE)
    style = int(ctx.rng.integers(3))
    texts = list(jt.items)
    if style == 2 and n % cols != 0:
        pass
    ih = min(cells[0].h * 0.36, cells[0].w * 0.4)
    size = fit_stack(
        [max(texts, key=len)],
        ctx.fonts.regular,
        cells[0].w * 0.86,
        cells[0].h - ih - u * 4,
        0.5,
        cells[0].h * 0.14,
    )
    for i, (cell, t) in enumerate(zip(cells, texts, strict=False)):
        c.draw.rounded_rectangle(
            cell.box,
            radius=u * 2.5,
            fill=card_fill,
            outline=rgba(pal.primary, 120) if style == 1 else None,
            width=max(1, round(u * 0.4)),
        )
        if style == 0:
            c.draw.rounded_rectangle(
                (cell.x0, cell.y0, cell.x1, cell.y0 + u * 1.5), radius=u, fill=pal.accent
            )
        ir, tr = cell.inset(u * 1.5).top(ih, u * 1.2)
        circle = ir.square()
        c.draw.ellipse(circle.box, fill=icon_fill)
        draw_icon(c, jt.icons[i], circle.inset(circle.w * 0.2), icon_fg, icon_fill)
        num = circle.square(circle.w * 0.36)
        nb = Rect(
            circle.x0 - num.w * 0.3,
            circle.y0 - num.w * 0.1,
            circle.x0 + num.w * 0.7,
            circle.y0 + num.w * 0.9,
        )
        marker(c, nb, ctx, "number", i, "", pal.accent, readable_on(pal.accent, WHITE))
        lines = wrap(t, load_font(ctx.fonts.regular, size), tr.w * 0.95)
        draw_lines(c, tr, lines, ctx.fonts.regular, size, card_text, "center", "top")
    text = readable_on(pal.bg, pal.text)
    foot_signature(c, reg.foot, ctx, jt, text)
    if reg.strip is not None:
        channel_strip(c, reg.strip, ctx, jt.channels, pal.primary, readable_on(pal.primary, WHITE))


def two_column(c: Canvas, ctx: Ctx, jt: JanjiText) -> None:
    """Title on top; list in one column and an illustration block (icons or staff) beside it."""
    pal = ctx.pal
    paint_background(c, ctx)
    u = unit(c)
    page = c.rect.inset(u * 4.5)
    reg = regions(c, ctx, page, 0.16)
    tcol = readable_on(pal.bg, pal.primary)
    lg, tr = head_split(reg.head, 0.3, 0.05)
    logo_row(c, lg, ctx, jt.facility.name, readable_on(pal.bg, pal.text))
    title_block(
        c,
        tr,
        ctx,
        jt.title,
        jt.facility.name,
        tcol,
        readable_on(pal.bg, pal.text),
        align=ctx.choice(("center", "left")),
    )
    body = reg.body
    shape = shape_of(c)
    if shape == "tall":
        ill, lst = body.top(body.h * 0.28, u * 3)
    else:
        frac = 0.36 if shape == "portrait" else 0.28
        if ctx.chance(0.5):
            ill, lst = body.left(body.w * frac, u * 3)
        else:
            ill, lst = body.right(body.w * frac, u * 3)
    c.draw.rounded_rectangle(ill.box, radius=u * 3, fill=mix(pal.primary, WHITE, 0.15))
    if ctx.chance(0.5):
        photo_block(c, ill.inset(u * 1.5), ctx, int(ctx.rng.integers(1, 3)))
    else:
        k = len(jt.icons)
        grid_cols = 2 if ill.w < ill.h * 1.5 else k // 2 + 1
        grid_rows = math.ceil(k / grid_cols)
        for i, cell in enumerate(ill.inset(u * 2).grid(grid_rows, grid_cols, u)):
            if i < k:
                draw_icon(
                    c,
                    jt.icons[i],
                    cell.inset(cell.w * 0.12),
                    readable_on(pal.primary, WHITE),
                    pal.primary,
                )
    text = readable_on(pal.bg, pal.text)
    kind = ctx.choice(("number", "square_number", "check"))
    intro_and_list(c, lst, ctx, jt, kind, text, pal.secondary, readable_on(pal.secondary, WHITE))
    foot_signature(c, reg.foot, ctx, jt, text)
    if reg.strip is not None:
        channel_strip(c, reg.strip, ctx, jt.channels, pal.primary, readable_on(pal.primary, WHITE))


def photo(c: Canvas, ctx: Ctx, jt: JanjiText) -> None:
    """Draw a photo-like block of smiling staff across the top, a title bar, then the list."""
    pal = ctx.pal
    paint_background(c, ctx, style=ctx.choice(("flat", "gradient")))
    u = unit(c)
    shape = shape_of(c)
    if shape == "wide":
        ph, rest = c.rect.left(c.w * 0.22)
        photo_block(c, ph, ctx, 2)
        page = rest.inset(u * 4)
    else:
        frac = {"tall": 0.22, "portrait": 0.25, "landscape": 0.3}[shape]
        ph, rest = c.rect.top(c.h * frac)
        photo_block(c, ph, ctx, int(ctx.rng.integers(2, 4)))
        c.draw.rectangle((0, ph.y1 - u * 1.2, c.w, ph.y1), fill=pal.accent)
        page = rest.inset(u * 4.5)
    reg = regions(c, ctx, page, 0.13 if shape != "wide" else 0.2)
    tcol = readable_on(pal.bg, pal.primary)
    title_block(c, reg.head, ctx, jt.title, jt.facility.name, tcol, readable_on(pal.bg, pal.text))
    text = readable_on(pal.bg, pal.text)
    kind = ctx.choice(("icon", "number", "check"))
    intro_and_list(c, reg.body, ctx, jt, kind, text, pal.primary, readable_on(pal.primary, WHITE))
    foot_signature(c, reg.foot, ctx, jt, text)
    if reg.strip is not None:
        channel_strip(
            c, reg.strip, ctx, jt.channels, pal.secondary, readable_on(pal.secondary, WHITE)
        )
