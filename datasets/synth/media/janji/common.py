"""What the Janji Layanan layouts share: their type, the page regions, the signature and the list.

Every Janji layout is a ``Layout``: it draws a whole poster, banner or spanduk face on the canvas
from a ``JanjiText``. Most adapt to the canvas shape (``shape_of``), split the page with
``regions``, draw the promises with ``intro_and_list`` and sign in the foot with
``foot_signature``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from datasets.synth.media.components import Ctx, item_list, signature_block
from datasets.synth.media.draw import Canvas, Rect, text_box
from datasets.synth.media.palettes import Color
from datasets.synth.media.wording import JanjiText

Layout = Callable[[Canvas, Ctx, JanjiText], None]


@dataclass(frozen=True)
class Regions:
    """The main areas of a page.

    Attributes:
        head: Title area.
        body: List area.
        foot: Signature area (``None`` on spanduk).
        strip: Complaint-channel strip (``None`` when left out).

    """

    head: Rect
    body: Rect
    foot: Rect | None
    strip: Rect | None


def shape_of(c: Canvas) -> str:
    """``tall`` (banner), ``portrait``, ``landscape`` or ``wide`` (spanduk) by the canvas aspect."""
    a = c.w / c.h
    if a < 0.55:
        return "tall"
    if a < 1.0:
        return "portrait"
    if a < 2.2:
        return "landscape"
    return "wide"


def regions(c: Canvas, ctx: Ctx, page: Rect, head_frac: float, strip: bool = True) -> Regions:
    """Split ``page`` into head, body, foot and strip areas suited to the canvas shape."""
    shape = shape_of(c)
    if shape == "wide":
        head, rest = page.top(page.h * max(0.26, head_frac * 1.6), page.h * 0.03)
        strip_r = None
        if strip and ctx.chance(0.5):
            strip_r, rest = rest.bottom(page.h * 0.13, page.h * 0.03)
        return Regions(head, rest, None, strip_r)
    if shape == "landscape":
        head, rest = page.top(page.h * max(0.18, head_frac), page.h * 0.02)
        strip_r = None
        if strip:
            strip_r, rest = rest.bottom(page.h * 0.07, page.h * 0.02)
        foot, body = rest.right(rest.w * 0.26, rest.w * 0.03)
        return Regions(head, body, foot, strip_r)
    foot_frac = 0.13 if shape == "tall" else 0.17
    head, rest = page.top(page.h * head_frac, page.h * 0.02)
    strip_r = None
    if strip:
        strip_r, rest = rest.bottom(page.h * (0.04 if shape == "tall" else 0.05), page.h * 0.015)
    foot, body = rest.bottom(page.h * foot_frac, page.h * 0.02)
    return Regions(head, body, foot, strip_r)


def foot_signature(c: Canvas, r: Rect | None, ctx: Ctx, jt: JanjiText, color: Color) -> None:
    """Draw the signature block in the foot area ``r`` (none when ``r`` is ``None``)."""
    if r is None:
        return
    shape = shape_of(c)
    if shape in ("landscape",):
        sig = r.bottom(r.h * 0.45)[0]
    else:
        w = r.w * (0.55 if shape == "portrait" else 0.8)
        align_right = ctx.chance(0.7)
        sig = (
            Rect(r.x1 - w, r.y0, r.x1, r.y1)
            if align_right
            else Rect(r.cx - w / 2, r.y0, r.cx + w / 2, r.y1)
        )
    signature_block(c, sig, ctx, jt.place_date, jt.signer_title, jt.signer_name, color)


def intro_and_list(
    c: Canvas,
    body: Rect,
    ctx: Ctx,
    jt: JanjiText,
    kind: str,
    text_color: Color,
    mark_fill: Color,
    mark_fg: Color,
    rules: Color | None = None,
) -> None:
    """Draw the intro sentence (if any) atop ``body``, then the promises as a ``kind`` list."""
    if jt.intro:
        frac = 0.2 if shape_of(c) in ("tall", "portrait") else 0.24
        ir, body = body.top(body.h * frac, body.h * 0.03)
        text_box(
            c,
            ir,
            jt.intro,
            ctx.fonts.regular,
            text_color,
            ir.h * 0.3,
            "center" if ctx.chance(0.5) else "left",
            "center",
        )
    item_list(c, body, ctx, jt.items, jt.icons, kind, text_color, mark_fill, mark_fg, rules=rules)


def intro(c: Canvas, body: Rect, ctx: Ctx, jt: JanjiText, color: Color, frac: float) -> Rect:
    """Draw the intro sentence (if any) centred atop ``body``; return the rest of ``body``."""
    if not jt.intro:
        return body
    ir, rest = body.top(body.h * frac, body.h * 0.03)
    size = min(ir.h * 0.3, body.w * 0.045)
    text_box(c, ir, jt.intro, ctx.fonts.regular, color, size, "center", "center")
    return rest
