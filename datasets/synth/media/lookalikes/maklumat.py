"""Maklumat Pelayanan lookalikes: a declaration paragraph, a list of commitments, a framed page.

Each ends with a signature block of the facility's head.
"""

from __future__ import annotations

import math

from datasets.synth.media.components import (
    WHITE,
    Ctx,
    head_split,
    item_list,
    logo_row,
    paint_background,
    photo_block,
    signature_block,
    title_block,
    unit,
)
from datasets.synth.media.draw import Canvas, Rect, readable_on, stands_out, text_box
from datasets.synth.media.icons import draw_icon
from datasets.synth.media.janji import shape_of
from datasets.synth.media.lookalikes.common import corner_marks, page_header
from datasets.synth.media.palettes import Color
from datasets.synth.media.wording import (
    MAKLUMAT_PARAGRAPHS,
    MAKLUMAT_POINTS,
    date_text,
    facility,
    person_name,
    pick,
)


def _maklumat_head(c: Canvas, ctx: Ctx) -> tuple[Rect, Color, str]:
    fac = facility(ctx.rng, ctx.choice(("fktp", "fkrtl")))
    title = ctx.choice(("MAKLUMAT PELAYANAN", "MAKLUMAT PELAYANAN", "Maklumat Pelayanan"))
    body, text = page_header(c, ctx, title, fac.name, 0.17)
    if ctx.chance(0.4):
        u = unit(c)
        c.draw.rectangle(
            c.rect.inset(u * 1.5).box, outline=ctx.pal.accent, width=max(2, round(u * 0.8))
        )
    return body, text, fac.name


def _maklumat_sign(
    c: Canvas, ctx: Ctx, r: Rect, text: Color, fac_name: str, share: float | None = None
) -> None:
    w = r.w * (share or (0.5 if r.w < r.h * 3 else 0.3))
    sig = (
        Rect(r.x1 - w, r.y0, r.x1, r.y1)
        if ctx.chance(0.6)
        else Rect(r.cx - w / 2, r.y0, r.cx + w / 2, r.y1)
    )
    title = ctx.choice(("Kepala", "Direktur", "Pimpinan")) + " " + fac_name
    signature_block(
        c,
        sig,
        ctx,
        f"{pick(ctx.rng, ('Bandung', 'Medan', 'Padang', 'Bogor'))}, {date_text(ctx.rng)}",
        title,
        person_name(ctx.rng),
        text,
    )


def maklumat_paragraph(c: Canvas, ctx: Ctx, content: str) -> None:
    """Title, one declaration paragraph in big type, and a signature block."""
    body, text, fac_name = _maklumat_head(c, ctx)
    u = unit(c)
    wide = body.w > body.h * 2
    sig, para = body.right(body.w * 0.3, u * 3) if wide else body.bottom(body.h * 0.3, u * 3)
    para_text = pick(ctx.rng, MAKLUMAT_PARAGRAPHS)
    if ctx.chance(0.3):
        photo_block(c, para.top(para.h * 0.3)[0], ctx, 3)
        para = para.top(para.h * 0.3, u * 2)[1]
    text_box(
        c,
        para.inset(para.w * 0.04, 0),
        para_text,
        ctx.fonts.regular if ctx.chance(0.5) else ctx.fonts.bold,
        text,
        para.h * 0.12,
        ctx.choice(("center", "left")),
        "center",
        1.35,
    )
    _maklumat_sign(c, ctx, sig, text, fac_name)


def maklumat_list(c: Canvas, ctx: Ctx, content: str) -> None:
    """Title, a short numbered list of commitments, the declaration and a signature block."""
    body, text, fac_name = _maklumat_head(c, ctx)
    u = unit(c)
    wide = body.w > body.h * 2
    sig, rest = body.right(body.w * 0.25, u * 3) if wide else body.bottom(body.h * 0.22, u * 3)
    intro, rest = rest.top(rest.h * 0.14, u)
    text_box(
        c,
        intro,
        ctx.choice(("Kami berjanji dan sanggup:", "Dengan ini kami berkomitmen untuk:")),
        ctx.fonts.bold,
        text,
        intro.h * 0.5,
        "left",
        "center",
    )
    lst, para = rest.top(rest.h * 0.62, u * 2)
    pts = list(MAKLUMAT_POINTS[: int(ctx.rng.integers(3, len(MAKLUMAT_POINTS) + 1))])
    item_list(
        c,
        lst,
        ctx,
        pts,
        ("check",),
        ctx.choice(("number", "plain_number", "check")),
        text,
        ctx.pal.primary,
        readable_on(ctx.pal.primary, WHITE),
    )
    text_box(
        c,
        para,
        pick(ctx.rng, MAKLUMAT_PARAGRAPHS),
        ctx.fonts.regular,
        text,
        para.h * 0.2,
        "center",
        "center",
    )
    _maklumat_sign(c, ctx, sig, text, fac_name)


def _framed_page(c: Canvas, ctx: Ctx) -> tuple[Rect, Color]:
    """Paint the background and a thick frame with a thin inner line; return the inside."""
    pal, u = ctx.pal, unit(c)
    paint_background(c, ctx, style=ctx.choice(("flat", "flat", "gradient", "noise", "dots")))
    fw = u * ctx.uniform(2.2, 4.0)
    c.draw.rectangle(c.rect.box, outline=pal.primary, width=max(3, round(fw)))
    line = c.rect.inset(fw + u * 0.9)
    thin = stands_out(pal.bg, pal.accent, pal.secondary, pal.primary)
    c.draw.rectangle(line.box, outline=thin, width=max(1, round(u * 0.4)))
    if ctx.chance(0.6):
        for x in (line.x0, line.x1):
            for y in (line.y0, line.y1):
                d = u * 1.6
                c.draw.polygon([(x - d, y), (x, y - d), (x + d, y), (x, y + d)], fill=thin)
    return line.inset(u * 3.5), readable_on(pal.bg, pal.text)


def _declaration_box(c: Canvas, ctx: Ctx, r: Rect, text: Color) -> None:
    """Draw the declaration centred in a box with decorative corner marks."""
    pal, u = ctx.pal, unit(c)
    fill = pal.panel if ctx.chance(0.5) else pal.bg
    ink = readable_on(fill, pal.panel_text if fill == pal.panel else text)
    line = stands_out(fill, pal.primary, pal.secondary)
    c.draw.rectangle(r.box, fill=fill, outline=line, width=max(1, round(u * 0.3)))
    mark = stands_out(fill, pal.accent, pal.primary, pal.secondary)
    arm = min(r.w, r.h) * 0.14
    corner_marks(c, r.inset(u * 1.2), mark, max(2, round(u * 0.7)), arm)
    font = ctx.fonts.regular if ctx.chance(0.6) else ctx.fonts.bold
    para = pick(ctx.rng, MAKLUMAT_PARAGRAPHS)
    inner = r.inset(max(u * 4, r.w * 0.07), max(u * 3, r.h * 0.1))
    cap = r.h * (0.11 if r.w < r.h * 2 else 0.2)
    text_box(c, inner, para, font, ink, cap, "center", "center", 1.35)


def _emblem(c: Canvas, ctx: Ctx, r: Rect) -> None:
    """Draw a round seal-like emblem: star-burst edge, ring, icon and a short motto."""
    pal = ctx.pal
    s = r.square()
    pts = []
    for k in range(48):
        a, rad = math.pi * k / 24, s.w / 2 * (1.0 if k % 2 == 0 else 0.9)
        pts.append((s.cx + rad * math.cos(a), s.cy + rad * math.sin(a)))
    c.draw.polygon(pts, fill=stands_out(pal.primary, pal.accent, pal.secondary, diff=0.15))
    disc = s.inset(s.w * 0.1)
    c.draw.ellipse(disc.box, fill=pal.primary)
    on = readable_on(pal.primary, WHITE)
    c.draw.ellipse(disc.inset(s.w * 0.04).box, outline=on, width=max(1, round(s.w * 0.015)))
    icon, motto = disc.inset(s.w * 0.13).top(s.w * 0.28, s.w * 0.03)
    words = ctx.choice(("PELAYANAN PRIMA", "SIAP MELAYANI", "JKN"))
    if s.w < 110:  # too small for a readable motto: the icon fills the disc
        icon, words = disc.inset(s.w * 0.2), ""
    draw_icon(c, ctx.choice(("check", "heart", "smile")), icon, on, pal.primary)
    if words:
        motto = motto.inset(0, s.w * 0.02)
        text_box(c, motto, words, ctx.fonts.title, on, s.w * 0.09, "center", "top", 1.05)


def maklumat_framed(c: Canvas, ctx: Ctx, content: str) -> None:
    """Framed declaration: thick frame, centred title, cornered text box, emblem and signature."""
    page, text = _framed_page(c, ctx)
    u = unit(c)
    fac = facility(ctx.rng, ctx.choice(("fktp", "fkrtl")))
    shape = shape_of(c)
    frac = {"tall": 0.16, "portrait": 0.2, "landscape": 0.25, "wide": 0.36}[shape]
    head, body = page.top(page.h * frac, u * 3)
    logos, title = head_split(head, 0.3, 0.05)
    logo_row(c, logos, ctx, fac.name, text)
    heading = ctx.choice(("MAKLUMAT PELAYANAN", "MAKLUMAT PELAYANAN", "Maklumat Pelayanan"))
    title_block(c, title, ctx, heading, fac.name, readable_on(ctx.pal.bg, ctx.pal.primary), text)
    if shape == "wide":
        em, rest = body.left(body.h, u * 4)
        sig, box = rest.right(rest.w * 0.24, u * 4)
    else:
        box, foot = body.top(body.h * 0.64, u * 4)
        if foot.w > foot.h * 1.5:
            em, sig = foot.left(min(foot.h, foot.w * 0.3), u * 4)
        else:
            em, sig = foot.top(foot.h * 0.4, u * 2)
    _declaration_box(c, ctx, box, text)
    _emblem(c, ctx, em)
    _maklumat_sign(c, ctx, sig, text, fac.name, 1.0 if shape == "wide" else 0.8)
