"""Pictogram signs (no smoking, toilet, exit, fire extinguisher): round, panel or tile."""

from __future__ import annotations

from datasets.synth.media.components import WHITE, Ctx, unit
from datasets.synth.media.draw import Canvas, mix, text_box
from datasets.synth.media.generic.words import PICTOS
from datasets.synth.media.icons import draw_icon
from datasets.synth.media.wording import pick


def picto_round(c: Canvas, ctx: Ctx, content: str) -> None:
    """Draw a pictogram sign: big symbol in a circle, caption below (or beside on wide signs)."""
    icon, captions, color = PICTOS[content]
    u = unit(c)
    bg = WHITE if ctx.chance(0.6) else (250, 245, 225)
    c.draw.rectangle(c.rect.box, fill=bg)
    c.draw.rectangle(c.rect.inset(u * 2).box, outline=color, width=max(2, round(u * 1.5)))
    inner = c.rect.inset(u * 8)
    if inner.w > inner.h * 1.3:
        sym, cap = inner.left(inner.h, u * 5)
    else:
        sym, cap = inner.top(inner.h * 0.7, u * 3)
    s = sym.square()
    if icon != "no_smoking":
        c.draw.ellipse(s.box, fill=color)
        draw_icon(c, icon, s.inset(s.w * 0.18), WHITE, color)
    else:
        draw_icon(c, icon, s, color, bg)
    text_box(
        c,
        cap,
        pick(ctx.rng, captions),
        ctx.fonts.title,
        color if content != "toilet" else (20, 20, 20),
        cap.h * 0.6,
        "center",
        "center",
        1.05,
    )


def picto_panel(c: Canvas, ctx: Ctx, content: str) -> None:
    """Draw a coloured panel sign: white symbol on colour with caption and a thin frame."""
    icon, captions, color = PICTOS[content]
    u = unit(c)
    c.draw.rectangle(c.rect.box, fill=color)
    c.draw.rectangle(c.rect.inset(u * 3).box, outline=WHITE, width=max(2, round(u)))
    inner = c.rect.inset(u * 8)
    if inner.w > inner.h * 1.2:
        sym, cap = inner.left(inner.h * 0.9, u * 4)
    else:
        sym, cap = inner.top(inner.h * 0.62, u * 3)
    s = sym.square()
    c.draw.rounded_rectangle(s.box, radius=s.w * 0.1, fill=WHITE)
    draw_icon(c, icon, s.inset(s.w * 0.12), color, WHITE)
    text_box(
        c,
        cap,
        pick(ctx.rng, captions),
        ctx.fonts.title,
        WHITE,
        cap.h * 0.55,
        "center",
        "center",
        1.05,
    )


def picto_square(c: Canvas, ctx: Ctx, content: str) -> None:
    """Draw a pictogram tile sign: symbol in a square tile, caption panel beside or below it."""
    icon, captions, color = PICTOS[content]
    u = unit(c)
    bg = WHITE if ctx.chance(0.7) else (236, 236, 232)
    c.draw.rectangle(c.rect.box, fill=bg)
    inner = c.rect.inset(u * ctx.uniform(4, 7))
    gap = u * ctx.uniform(2, 4)
    if inner.w > inner.h * 1.6:
        split = inner.left if ctx.chance(0.7) else inner.right
        tile, cap = split(inner.h, gap)
    else:
        tile, cap = inner.top(min(inner.w, inner.h * 0.64), gap)
        tile = tile.square()
    light = icon in ("no_smoking", "apar")  # drawn in their own colours on white
    if light:
        c.draw.rectangle(tile.box, fill=WHITE, outline=color, width=max(3, round(tile.w * 0.05)))
    else:
        c.draw.rectangle(tile.box, fill=color)
    draw_icon(
        c, icon, tile.inset(tile.w * 0.14), color if light else WHITE, WHITE if light else color
    )
    panel = ctx.choice(("color", "dark", "deep"))
    fill = {"color": color, "dark": (32, 32, 36), "deep": mix(color, (0, 0, 0), 0.35)}[panel]
    c.draw.rectangle(cap.box, fill=fill)
    order = ctx.rng.permutation(len(captions))
    main, sub = captions[int(order[0])], captions[int(order[1])]
    ci = cap.inset(min(cap.w, cap.h) * 0.1)
    if ctx.chance(0.5):
        text_box(c, ci, main, ctx.fonts.title, WHITE, ci.h * 0.5, "center", "center", 1.1)
        return
    tr, sr = ci.top(ci.h * 0.62, ci.h * 0.06)
    size, _ = text_box(c, tr, main, ctx.fonts.title, WHITE, tr.h * 0.6, "center", "center", 1.1)
    c.draw.line(
        [(ci.x0, tr.y1), (ci.x1, tr.y1)], fill=mix(fill, WHITE, 0.5), width=max(1, round(u * 0.4))
    )
    text_box(
        c,
        sr,
        sub,
        ctx.fonts.regular,
        mix(fill, WHITE, 0.85),
        min(sr.h * 0.7, size * 0.7),
        "center",
        "center",
        1.1,
    )
