"""Health campaign posters: a grid of steps, a hero slogan, an infographic of points on a line."""

from __future__ import annotations

import math

from datasets.synth.media.components import (
    WHITE,
    Ctx,
    choose_cols,
    head_split,
    item_list,
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
    fit_many,
    fit_stack,
    mix,
    readable_on,
    rgba,
    text_box,
    wrap,
)
from datasets.synth.media.fonts import load_font
from datasets.synth.media.generic.words import CAMPAIGNS
from datasets.synth.media.icons import draw_icon, draw_kemenkes_like
from datasets.synth.media.janji import shape_of
from datasets.synth.media.palettes import Color
from datasets.synth.media.wording import city, pick


def _campaign_text(ctx: Ctx, content: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    titles, items, icons = CAMPAIGNS[content]
    return pick(ctx.rng, titles), items, icons


def campaign_steps(c: Canvas, ctx: Ctx, content: str) -> None:
    """Health campaign: title band and a grid of numbered steps with icons."""
    title, items, icons = _campaign_text(ctx, content)
    pal = ctx.pal
    paint_background(c, ctx)
    u = unit(c)
    shape = shape_of(c)
    hh = c.h * {"tall": 0.16, "portrait": 0.18, "landscape": 0.24, "wide": 0.33}[shape]
    band = Rect(0, 0, c.w, hh)
    c.draw.rectangle(band.box, fill=pal.secondary)
    inner = band.inset(u * 4, u * 2.5)
    lg, tr = head_split(inner, 0.3, 0.05)
    from_kemenkes = ctx.choice(
        ("Kementerian Kesehatan", "Dinas Kesehatan Kota " + city(ctx.rng), "GERMAS")
    )
    logo_row(c, lg, ctx, from_kemenkes, readable_on(pal.secondary, WHITE))
    title_block(
        c,
        tr,
        ctx,
        title,
        from_kemenkes if ctx.chance(0.4) else None,
        readable_on(pal.secondary, WHITE),
    )
    body = Rect(u * 5, hh + u * 4, c.w - u * 5, c.h - u * 5)
    n = len(items)
    cols = choose_cols(body, n, 1.1, 6)
    rows = math.ceil(n / cols)
    cells = body.grid(rows, cols, u * 2)
    text = readable_on(pal.bg, pal.text)
    ih = cells[0].h * 0.5
    size = fit_stack(
        [max(items, key=len)],
        ctx.fonts.regular,
        cells[0].w * 0.9,
        cells[0].h - ih - u * 2,
        0.2,
        cells[0].h * 0.12,
    )
    for i, cell in enumerate(cells[:n]):
        c.draw.rounded_rectangle(cell.box, radius=u * 2, fill=rgba(pal.primary, 30))
        ir, tr2 = cell.inset(u).top(ih, u)
        s = ir.square()
        c.draw.ellipse(s.box, fill=pal.primary)
        draw_icon(
            c,
            icons[i % len(icons)],
            s.inset(s.w * 0.2),
            readable_on(pal.primary, WHITE),
            pal.primary,
        )
        label = f"{i + 1}. {items[i]}" if ctx.chance(0.7) else items[i]
        draw_lines(
            c,
            tr2,
            wrap(label, load_font(ctx.fonts.regular, size), tr2.w * 0.95),
            ctx.fonts.regular,
            size,
            text,
            "center",
        )


def campaign_hero(c: Canvas, ctx: Ctx, content: str) -> None:
    """Health campaign: a big illustration, a huge slogan and a few bullet points."""
    title, items, icons = _campaign_text(ctx, content)
    pal = ctx.pal
    paint_background(c, ctx, style="gradient")
    u = unit(c)
    shape = shape_of(c)
    page = c.rect.inset(u * 5)
    if shape in ("wide", "landscape"):
        hero, rest = page.left(page.w * 0.35, u * 3)
    else:
        hero, rest = page.top(page.h * 0.35, u * 3)
    if ctx.chance(0.5):
        photo_block(c, hero, ctx, int(ctx.rng.integers(1, 4)))
    else:
        s = hero.square()
        c.draw.ellipse(s.box, fill=pal.accent)
        draw_icon(c, icons[0], s.inset(s.w * 0.2), readable_on(pal.accent, WHITE), pal.accent)
    tr, lst = rest.top(rest.h * 0.3, u * 2)
    text_box(
        c,
        tr,
        title,
        ctx.fonts.title,
        readable_on(pal.bg, pal.primary),
        tr.h * 0.5,
        "center",
        "center",
        1.05,
    )
    k = int(ctx.rng.integers(3, len(items) + 1))
    item_list(
        c,
        lst,
        ctx,
        items[:k],
        icons,
        ctx.choice(("check", "bullet", "icon")),
        readable_on(pal.bg, pal.text),
        pal.primary,
        readable_on(pal.primary, WHITE),
    )


def _ministry_footer(c: Canvas, ctx: Ctx, r: Rect, color: Color) -> None:
    """Draw a ministry-style footer: a rule, a roundel with wordmark, the issuer and a tag."""
    c.draw.line([(r.x0, r.y0), (r.x1, r.y0)], fill=color, width=max(1, round(r.h * 0.05)))
    body = r.inset(0, r.h * 0.12).bottom(r.h * 0.76)[0]
    one_row = body.w > body.h * 12
    row = body if one_row else body.top(body.h * 0.6)[0]
    mark, rest = row.left(row.h * 4.4, row.h * 0.6)
    draw_kemenkes_like(c, mark, color, color, ctx.fonts.bold)
    issuer = ctx.choice(
        (
            "Kementerian Kesehatan Republik Indonesia",
            "Dinas Kesehatan Kota " + city(ctx.rng),
            "Direktorat Promosi Kesehatan dan Pemberdayaan Masyarakat",
        )
    )
    if one_row:
        tag, rest = rest.right(rest.w * 0.28, row.h * 0.6)
    else:
        tag = body.bottom(body.h * 0.36)[0]
    text_box(c, rest, issuer, ctx.fonts.bold, color, row.h * 0.62, "left", "center", 1.1)
    hashtag = ctx.choice(("#GERMAS", "#AyoSehat", "www.kemkes.go.id", "Ayo Hidup Sehat!"))
    text_box(c, tag, hashtag, ctx.fonts.regular, color, tag.h * 0.8, "right", "center", 1.1)


_Slot = tuple[Rect, Rect, Rect, str, str]


def _path_slots(r: Rect, n: int, gap: float, zig: float, mode: str) -> list[_Slot]:
    """Lay ``n`` points out along ``r``: number circle, icon spot, text zone and its alignment.

    Modes: ``across`` (left to right, texts alternately below and above the line), ``side``
    (top to bottom near the left edge, icon and text to the right) and ``centre`` (top to
    bottom in the middle, texts alternately left and right).
    """
    slots: list[_Slot] = []
    for i, cell in enumerate(r.cols(n, gap) if mode == "across" else r.rows(n, gap)):
        sign = 1 if i % 2 else -1
        if mode == "across":
            d = min(cell.w * 0.4, r.h * 0.2)
            y = cell.cy + d * zig * sign
            dot = Rect(cell.cx, y, cell.cx, y).inset(-d / 2)
            above = Rect(cell.x0, r.y0, cell.x1, dot.y0 - d * 0.2)
            below = Rect(cell.x0, dot.y1 + d * 0.2, cell.x1, r.y1)
            if i % 2 == 0:
                spot = above.bottom(min(above.h * 0.9, cell.w * 0.45))[0]
                slots.append((dot, spot, below, "center", "top"))
            else:
                spot = below.top(min(below.h * 0.9, cell.w * 0.45))[0]
                slots.append((dot, spot, above, "center", "bottom"))
            continue
        d = min(cell.h * 0.78, r.w * 0.15)
        x = (r.cx if mode == "centre" else r.x0 + d * (0.5 + zig)) + d * zig * sign
        dot = Rect(x, cell.cy, x, cell.cy).inset(-d / 2)
        left = Rect(r.x0, cell.y0, dot.x0 - d * 0.2, cell.y1)
        right = Rect(dot.x1 + d * 0.2, cell.y0, r.x1, cell.y1)
        side = min(cell.h * 0.8, d)
        if mode == "side":
            spot, zone = right.left(side, gap * 1.5)
            slots.append((dot, spot, zone, "left", "center"))
        elif i % 2 == 0:
            slots.append((dot, right.left(side)[0], left, "right", "center"))
        else:
            slots.append((dot, left.right(side)[0], right, "left", "center"))
    return slots


def _point_path(
    c: Canvas, ctx: Ctx, r: Rect, items: tuple[str, ...], icons: tuple[str, ...]
) -> None:
    """Draw numbered circles joined by a straight or zig-zag line, each with an icon and text."""
    pal = ctx.pal
    zig = 0.4 if ctx.chance(0.6) else 0.0
    mode = "across" if r.w > r.h * 1.6 else "side"
    if mode == "side" and r.w > r.h * 0.6 and ctx.chance(0.5):
        mode = "centre"
    slots = _path_slots(r, len(items), unit(c) * 2, zig, mode)
    width = max(2, round(slots[0][0].w * 0.08))
    c.draw.line(
        [(d.cx, d.cy) for d, *_ in slots], fill=readable_on(pal.bg, pal.secondary), width=width
    )
    zw, zh = min(z.w for _, _, z, _, _ in slots), min(z.h for _, _, z, _, _ in slots)
    size = fit_many(items, ctx.fonts.regular, zw, zh, min(zh * 0.3, max(c.w, c.h) * 0.03))
    font = load_font(ctx.fonts.regular, size)
    ink, disc = readable_on(pal.bg, pal.text), mix(pal.bg, pal.primary, 0.15)
    for i, (dot, spot, zone, align, valign) in enumerate(slots):
        icon = icons[i % len(icons)]
        marker(c, spot, ctx, "icon", i, icon, disc, readable_on(disc, pal.primary))
        c.draw.ellipse(dot.inset(-dot.w * 0.06).box, fill=pal.bg)
        marker(c, dot, ctx, "number", i, icon, pal.primary, readable_on(pal.primary, WHITE))
        lines = wrap(items[i], font, zone.w)
        draw_lines(c, zone, lines, ctx.fonts.regular, size, ink, align, valign)


def campaign_infographic(c: Canvas, ctx: Ctx, content: str) -> None:
    """Health campaign infographic: title, numbered points on a line, a ministry footer."""
    title, items, icons = _campaign_text(ctx, content)
    pal = ctx.pal
    paint_background(c, ctx, style=ctx.choice(("flat", "flat", "gradient", "dots")))
    u = unit(c)
    page = c.rect.inset(u * 5)
    spanduk = c.w > c.h * 2
    foot, page = page.bottom(page.h * (0.13 if spanduk else 0.05), u * 2)
    if spanduk:
        head, body = page.left(page.w * 0.24, u * 4)
    else:
        head, body = page.top(page.h * 0.17, u * 3)
    tint = readable_on(pal.bg, pal.primary)
    sub = ctx.choice(
        ("Gerakan Masyarakat Hidup Sehat", "Lindungi Keluarga Anda", "Sehat Itu Mudah")
    )
    with_sub = ctx.chance(0.5)
    if not with_sub and not spanduk:
        bar, head = head.bottom(u * 1.2, u * 2)
        c.draw.rectangle((bar.cx - u * 8, bar.y0, bar.cx + u * 8, bar.y1), fill=pal.accent)
    ink = readable_on(pal.bg, pal.text)
    title_block(c, head, ctx, title, sub if with_sub else None, tint, ink)
    k = int(ctx.rng.integers(4, len(items) + 1))
    _point_path(c, ctx, body, items[:k], icons)
    _ministry_footer(c, ctx, foot, ink)
