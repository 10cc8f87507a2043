"""Room name plates: simple, with an icon block, or hung from the ceiling with an arrow."""

from __future__ import annotations

from datasets.synth.media.components import WHITE, Ctx, unit
from datasets.synth.media.draw import Canvas, Rect, mix, readable_on, text_box
from datasets.synth.media.generic.words import ROOMS
from datasets.synth.media.icons import draw_icon
from datasets.synth.media.palettes import Color


def _arrow(c: Canvas, a: Rect, direction: str, fill: Color) -> None:
    """Draw a block arrow pointing ``right``, ``left`` or ``up`` inside the square ``a``."""
    pts = [
        (a.x0, a.y0 + a.h * 0.35),
        (a.cx, a.y0 + a.h * 0.35),
        (a.cx, a.y0),
        (a.x1, a.cy),
        (a.cx, a.y1),
        (a.cx, a.y1 - a.h * 0.35),
        (a.x0, a.y1 - a.h * 0.35),
    ]
    if direction == "left":
        pts = [(a.x0 + a.x1 - x, y) for x, y in pts]
    elif direction == "up":
        pts = [(a.cx + y - a.cy, a.cy - x + a.cx) for x, y in pts]
    c.draw.polygon(pts, fill=fill)


def _room_name(
    c: Canvas,
    ctx: Ctx,
    r: Rect,
    name: str,
    english: str | None,
    fg: Color,
    fg2: Color,
    align: str = "center",
    cap: float | None = None,
) -> None:
    """Draw a room name in ``r``, its English name (if any) under it, at most ``cap`` x as big."""
    if english is None:
        text_box(c, r, name, ctx.fonts.title, fg, r.h * 0.7, align, "center", 1.05)
        return
    top, bot = r.top(r.h * 0.65, r.h * 0.05)
    size, _ = text_box(c, top, name, ctx.fonts.title, fg, top.h * 0.95, align, "center", 1.05)
    sub = bot.h * 0.8 if cap is None else min(bot.h * 0.8, size * cap)
    text_box(c, bot, english, ctx.fonts.regular, fg2, sub, align, "center", 1.05)


def plate_simple(c: Canvas, ctx: Ctx, content: str) -> None:
    """Draw a room name plate: solid or bordered, big name, optional English line and arrow."""
    name, english, _ = ROOMS[int(ctx.rng.integers(len(ROOMS)))]
    pal = ctx.pal
    u = unit(c)
    solid = ctx.chance(0.6)
    fill = pal.primary if solid else WHITE
    c.draw.rectangle(c.rect.box, fill=fill)
    if not solid:
        c.draw.rectangle(c.rect.inset(u * 3).box, outline=pal.primary, width=max(2, round(u * 2)))
    fg = readable_on(fill, pal.on_primary if solid else pal.primary)
    inner = c.rect.inset(u * 10, u * 8)
    if ctx.chance(0.35):
        arrow, inner = inner.right(inner.h * 0.8, u * 4)
        _arrow(c, arrow.square(), "right", fg)
    _room_name(c, ctx, inner, name, english if ctx.chance(0.5) else None, fg, fg)
    if ctx.chance(0.5):
        c.draw.rectangle((0, c.h - u * 6, c.w, c.h), fill=pal.accent)


def plate_icon(c: Canvas, ctx: Ctx, content: str) -> None:
    """Draw a two-tone room plate: icon block on one side, name (and English) on the other."""
    name, english, icon = ROOMS[int(ctx.rng.integers(len(ROOMS)))]
    pal = ctx.pal
    u = unit(c)
    c.draw.rectangle(c.rect.box, fill=pal.panel)
    blk, rest = c.rect.left(c.h * ctx.uniform(0.9, 1.2))
    if ctx.chance(0.5):
        blk, rest = c.rect.right(c.h * ctx.uniform(0.9, 1.2))
    c.draw.rectangle(blk.box, fill=pal.primary)
    draw_icon(c, icon, blk.inset(blk.w * 0.2), readable_on(pal.primary, WHITE), pal.primary)
    inner = rest.inset(u * 8, u * 10)
    top, bot = inner.top(inner.h * 0.62, inner.h * 0.06)
    text_box(c, top, name, ctx.fonts.title, pal.panel_text, top.h, "left", "center", 1.05)
    text_box(
        c,
        bot,
        english,
        ctx.fonts.regular,
        mix(pal.panel_text, WHITE, 0.3),
        bot.h * 0.8,
        "left",
        "center",
        1.05,
    )


def _hangers(c: Canvas, ctx: Ctx, top: float, fill: Color) -> None:
    """Draw two metal hanger tabs, or two cords with rings, above the height ``top``."""
    u = unit(c)
    metal, dark = (178, 180, 184), (85, 88, 92)
    f = ctx.uniform(0.1, 0.22)
    tabs = ctx.chance(0.5)
    for x in (c.w * f, c.w * (1 - f)):
        if tabs:
            t = Rect(x - top * 0.4, 0, x + top * 0.4, top + u * 3)
            c.draw.rounded_rectangle(t.box, radius=t.w * 0.25, fill=metal, outline=dark, width=1)
            hole = t.square(t.w * 0.36)
            c.draw.ellipse(
                Rect(hole.x0, t.y0 + t.w * 0.2, hole.x1, t.y0 + t.w * 0.56).box, fill=dark
            )
        else:
            ring = top * 0.28
            c.draw.line([(x, 0), (x, top - ring)], fill=dark, width=max(2, round(u)))
            box = (x - ring, top - ring * 1.5, x + ring, top + ring * 0.5)
            c.draw.ellipse(box, outline=metal, width=max(2, round(ring * 0.4)))
    c.draw.line([(0, top), (c.w, top)], fill=mix(fill, (0, 0, 0), 0.3), width=1)


def plate_hanging(c: Canvas, ctx: Ctx, content: str) -> None:
    """Draw a ceiling-hung room sign: hangers on top, a name band with a direction arrow."""
    name, english, icon = ROOMS[int(ctx.rng.integers(len(ROOMS)))]
    pal = ctx.pal
    u = unit(c)
    back = pal.panel if ctx.chance(0.5) else mix(pal.primary, (0, 0, 0), 0.55)
    c.draw.rectangle(c.rect.box, fill=back)
    top = c.h * ctx.uniform(0.15, 0.22)
    band = Rect(u * 3, top, c.w - u * 3, c.h - u * 3)
    fill = pal.primary
    c.draw.rounded_rectangle(band.box, radius=u * 3, fill=fill)
    _hangers(c, ctx, top, back)
    fg = readable_on(fill, pal.on_primary)
    inner = band.inset(u * 7, u * 6)
    direction = ctx.choice(("left", "right", "up"))
    side = direction if direction != "up" else ctx.choice(("left", "right"))
    split = inner.left if side == "left" else inner.right
    arrow, inner = split(inner.h * 0.8, u * 4)
    _arrow(c, arrow.square(), direction, fg)
    sep = arrow.x1 + u * 2 if side == "left" else arrow.x0 - u * 2
    c.draw.line([(sep, inner.y0), (sep, inner.y1)], fill=mix(fg, fill, 0.5), width=max(1, round(u)))
    if ctx.chance(0.3):
        other = inner.right if side == "left" else inner.left
        ic, inner = other(inner.h * 0.8, u * 4)
        s = ic.square()
        c.draw.ellipse(s.box, fill=fg)
        draw_icon(c, icon, s.inset(s.w * 0.2), fill, fg)
    inner = inner.inset(u * 2, 0)
    second = english if ctx.chance(0.55) else None
    _room_name(c, ctx, inner, name, second, fg, mix(fg, fill, 0.25), cap=0.75)
