"""What the BPJS lookalike layouts share: their type, the page header and small helpers.

Every lookalike layout is a ``LookalikeLayout``: it draws a whole poster, banner or spanduk face on
the canvas. Most start with ``page_header`` (the shared header styles, logos and title) and may end
with ``bpjs_strip`` (the BPJS channel strip at the bottom).
"""

from __future__ import annotations

from collections.abc import Callable

from datasets.synth.media.components import (
    WHITE,
    Ctx,
    channel_strip,
    head_split,
    logo_row,
    paint_background,
    title_block,
    unit,
    watermark,
)
from datasets.synth.media.draw import Canvas, Rect, readable_on, rgba
from datasets.synth.media.janji import shape_of
from datasets.synth.media.palettes import Color
from datasets.synth.media.wording import facility

LookalikeLayout = Callable[[Canvas, Ctx, str], None]


def page_header(
    c: Canvas, ctx: Ctx, title: str, subtitle: str | None, frac: float
) -> tuple[Rect, Color]:
    """Draw a header in one of the shared styles; return the area below it and its text colour."""
    pal = ctx.pal
    u = unit(c)
    shape = shape_of(c)
    scale = {"tall": 0.85, "portrait": 1.0, "landscape": 1.3, "wide": 1.8}[shape]
    hh = c.h * min(0.45, frac * scale)
    style = ctx.choice(("band", "band", "plain", "panel"))
    text = readable_on(pal.bg, pal.text)
    if style == "band":
        paint_background(c, ctx)
        band = Rect(0, 0, c.w, hh)
        c.draw.rectangle(band.box, fill=pal.primary)
        if ctx.chance(0.5):
            c.draw.rectangle((0, hh, c.w, hh + u * 1.2), fill=pal.accent)
        inner = band.inset(u * 4, u * 2.5)
        lg, tr = head_split(inner, 0.3, 0.05)
        logo_row(c, lg, ctx, subtitle or "BPJS", pal.on_primary)
        title_block(c, tr, ctx, title, subtitle, pal.on_primary)
    elif style == "plain":
        paint_background(c, ctx)
        if ctx.chance(0.4):
            watermark(c, c.rect, ctx)
        inner = Rect(u * 4, u * 3, c.w - u * 4, hh)
        lg, tr = head_split(inner, 0.3, 0.05)
        logo_row(c, lg, ctx, subtitle or "BPJS", text)
        title_block(c, tr, ctx, title, subtitle, readable_on(pal.bg, pal.primary), text)
    else:
        paint_background(c, ctx, style="gradient")
        c.draw.rectangle(c.rect.box, fill=rgba(pal.primary, 200))
        inner = Rect(u * 4, u * 3, c.w - u * 4, hh)
        lg, tr = head_split(inner, 0.3, 0.05)
        on = readable_on(pal.primary, pal.on_primary)
        logo_row(c, lg, ctx, subtitle or "BPJS", on)
        title_block(c, tr, ctx, title, subtitle, on)
        body = Rect(u * 4, hh + u * 3, c.w - u * 4, c.h - u * 4)
        c.draw.rounded_rectangle(body.box, radius=u * 4, fill=pal.panel)
        return body.inset(u * 3), pal.panel_text
    return Rect(u * 5, hh + u * 4, c.w - u * 5, c.h - u * 4), text


def bpjs_strip(c: Canvas, ctx: Ctx, body: Rect) -> Rect:
    """Optionally put a BPJS channel strip at the bottom of ``body``; return the rest."""
    if not ctx.chance(0.5):
        return body
    strip, rest = body.bottom(max(c.h * 0.045, body.h * 0.07), unit(c) * 1.5)
    items = ("Care Center 165", "Aplikasi Mobile JKN", "www.bpjs-kesehatan.go.id")
    channel_strip(
        c,
        Rect(strip.x0, strip.y0, strip.x1, strip.y1),
        ctx,
        items,
        ctx.pal.secondary,
        readable_on(ctx.pal.secondary, WHITE),
        label=False,
    )
    return rest


def sub(ctx: Ctx) -> str | None:
    """Return a subtitle for a header: a facility name or a BPJS programme name."""
    if ctx.chance(0.5):
        return facility(ctx.rng, ctx.choice(("fktp", "fkrtl"))).name
    return ctx.choice(("BPJS Kesehatan", "Peserta Jaminan Kesehatan Nasional", "Program JKN-KIS"))


def body_surface(ctx: Ctx, text: Color) -> Color:
    """Return the colour under body text from ``page_header``: its panel or the background."""
    return ctx.pal.panel if text == ctx.pal.panel_text else ctx.pal.bg


def corner_marks(c: Canvas, r: Rect, color: Color, lw: int, arm: float) -> None:
    """Draw L-shaped marks ``arm`` pixels long at the four corners of ``r``."""
    for x, dx in ((r.x0, 1), (r.x1, -1)):
        for y, dy in ((r.y0, 1), (r.y1, -1)):
            c.draw.line([(x + dx * arm, y), (x, y), (x, y + dy * arm)], fill=color, width=lw)
