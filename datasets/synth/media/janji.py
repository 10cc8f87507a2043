"""Layout families of Janji Layanan JKN media; each adapts to poster, banner and spanduk aspects."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from datasets.synth.media.components import (
    WHITE,
    Ctx,
    channel_strip,
    choose_cols,
    head_split,
    item_list,
    logo_row,
    marker,
    paint_background,
    photo_block,
    signature_block,
    title_block,
    unit,
    watermark,
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
    rgba,
    stands_out,
    text_box,
    text_width,
    wrap,
)
from datasets.synth.media.fonts import load_font
from datasets.synth.media.icons import draw_icon
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


def _foot(c: Canvas, r: Rect | None, ctx: Ctx, jt: JanjiText, color: Color) -> None:
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


def _intro_and_list(
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


def header_list(c: Canvas, ctx: Ctx, jt: JanjiText) -> None:
    """Header band with logos and title, then a numbered (or bulleted) promise list."""
    pal = ctx.pal
    paint_background(c, ctx)
    if ctx.chance(0.4):
        watermark(c, c.rect, ctx)
    u = unit(c)
    shape = shape_of(c)
    band_h = c.h * {"tall": 0.17, "portrait": 0.2, "landscape": 0.27, "wide": 0.34}[shape]
    band = Rect(0, 0, c.w, band_h)
    c.draw.rectangle(band.box, fill=pal.primary)
    if ctx.chance(0.5):
        c.draw.rectangle((0, band_h, c.w, band_h + u * 1.2), fill=pal.accent)
    on = pal.on_primary
    inner = band.inset(u * 4, u * 2.5)
    logos, title_r = head_split(inner, 0.3, 0.05)
    logo_row(c, logos, ctx, jt.facility.name, on)
    title_block(c, title_r, ctx, jt.title, jt.facility.name, on)
    page = Rect(u * 5, band_h + u * 4, c.w - u * 5, c.h - u * 3)
    reg = regions(c, ctx, Rect(page.x0, page.y0 - 1, page.x1, page.y1), 0.0)
    body = Rect(page.x0, page.y0, reg.body.x1, reg.body.y1)
    text = readable_on(pal.bg, pal.text)
    kind = ctx.choice(
        (
            "number",
            "number",
            "square_number",
            "plain_number",
            "icon",
            "icon_plain",
            "bullet",
            "dash",
        )
    )
    _intro_and_list(c, body, ctx, jt, kind, text, pal.primary, pal.on_primary)
    _foot(c, reg.foot, ctx, jt, text)
    if reg.strip is not None:
        strip = Rect(0, reg.strip.y0, c.w, c.h)
        channel_strip(c, strip, ctx, jt.channels, pal.secondary, readable_on(pal.secondary, WHITE))


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
    _foot(c, reg.foot, ctx, jt, text)
    if reg.strip is not None:
        channel_strip(c, reg.strip, ctx, jt.channels, pal.primary, readable_on(pal.primary, WHITE))


def ribbon_check(c: Canvas, ctx: Ctx, jt: JanjiText) -> None:
    """Ribbon-shaped title banner, then a check-mark list."""
    pal = ctx.pal
    paint_background(c, ctx)
    u = unit(c)
    page = c.rect.inset(u * 5)
    reg = regions(c, ctx, page, 0.2)
    head = reg.head
    lg, rib = head.top(head.h * 0.3, head.h * 0.06)
    logo_row(c, lg, ctx, jt.facility.name, readable_on(pal.bg, pal.text))
    rib_main, sub = rib.top(rib.h * 0.7, rib.h * 0.04)
    fold = rib_main.h * 0.35
    x0, y0, x1, y1 = rib_main.box
    c.draw.polygon(
        [
            (x0 - fold, y0 + fold * 0.5),
            (x0 + fold, y0 + fold * 0.5),
            (x0 + fold, y1 + fold * 0.5),
            (x0 - fold, y1 + fold * 0.5),
            (x0 - fold * 0.3, (y0 + y1) / 2 + fold * 0.5),
        ],
        fill=mix(pal.primary, (0, 0, 0), 0.3),
    )
    c.draw.polygon(
        [
            (x1 + fold, y0 + fold * 0.5),
            (x1 - fold, y0 + fold * 0.5),
            (x1 - fold, y1 + fold * 0.5),
            (x1 + fold, y1 + fold * 0.5),
            (x1 + fold * 0.3, (y0 + y1) / 2 + fold * 0.5),
        ],
        fill=mix(pal.primary, (0, 0, 0), 0.3),
    )
    c.draw.rectangle(rib_main.box, fill=pal.primary)
    text_box(
        c,
        rib_main.inset(fold * 1.2, rib_main.h * 0.12),
        jt.title,
        ctx.fonts.title,
        pal.on_primary,
        rib_main.h * 0.55,
        "center",
        "center",
        1.1,
    )
    text_box(
        c,
        sub,
        jt.facility.name,
        ctx.fonts.bold,
        readable_on(pal.bg, pal.secondary),
        sub.h * 0.7,
        "center",
        "center",
    )
    text = readable_on(pal.bg, pal.text)
    kind = ctx.choice(("check", "check", "tick", "icon"))
    _intro_and_list(
        c,
        reg.body,
        ctx,
        jt,
        kind,
        text,
        pal.accent if kind != "icon" else pal.primary,
        readable_on(pal.accent, WHITE),
        rules=pal.primary if ctx.chance(0.4) else None,
    )
    _foot(c, reg.foot, ctx, jt, text)
    if reg.strip is not None:
        channel_strip(c, reg.strip, ctx, jt.channels, None, readable_on(pal.bg, pal.primary))


def letter(c: Canvas, ctx: Ctx, jt: JanjiText) -> None:
    """Plain official letter: letterhead (kop) with logo and address, black text on white."""
    u = unit(c)
    ink = (15, 15, 15) if ctx.chance(0.7) else readable_on(WHITE, ctx.pal.primary)
    c.draw.rectangle(c.rect.box, fill=WHITE if ctx.chance(0.8) else (250, 248, 240))
    page = c.rect.inset(u * 6, u * 5)
    shape = shape_of(c)
    kop_h = page.h * {"tall": 0.1, "portrait": 0.12, "landscape": 0.17, "wide": 0.26}[shape]
    kop, rest = page.top(kop_h, u * 1.5)
    logo_r, ktext = kop.left(kop.h, u * 2)
    from datasets.synth.media.icons import draw_facility_logo

    draw_facility_logo(
        c,
        logo_r,
        jt.facility.name,
        ctx.pal.primary,
        WHITE,
        ctx.fonts.bold,
        int(ctx.rng.integers(3)),
    )
    if ctx.chance(0.5):
        ktext, lg2 = ktext.right(kop.h * 2.6, u)
        from datasets.synth.media.icons import draw_bpjs_logo

        draw_bpjs_logo(
            c, lg2.inset(0, kop.h * 0.2), (0, 140, 70), (0, 95, 170), ink, ctx.fonts.bold
        )
    nm, addr = ktext.top(ktext.h * 0.6)
    text_box(c, nm, jt.facility.name.upper(), ctx.fonts.bold, ink, nm.h * 0.55, "center", "center")
    street = ctx.choice(
        ("Jl. Merdeka", "Jl. Sudirman", "Jl. Ahmad Yani", "Jl. Diponegoro", "Jl. Pahlawan")
    )
    text_box(
        c,
        addr,
        f"{street} No. {int(ctx.rng.integers(1, 200))}, {jt.facility.city} "
        f"Telp. (0{int(ctx.rng.integers(21, 99))}) {int(ctx.rng.integers(100000, 999999))}",
        ctx.fonts.regular,
        ink,
        addr.h * 0.5,
        "center",
        "center",
    )
    c.draw.line([(page.x0, rest.y0), (page.x1, rest.y0)], fill=ink, width=max(2, round(u * 0.5)))
    c.draw.line(
        [(page.x0, rest.y0 + u * 0.8), (page.x1, rest.y0 + u * 0.8)],
        fill=ink,
        width=max(1, round(u * 0.2)),
    )
    rest = Rect(rest.x0, rest.y0 + u * 3, rest.x1, rest.y1)
    reg = regions(c, ctx, rest, 0.08 if shape != "wide" else 0.16, strip=ctx.chance(0.5))
    text_box(c, reg.head, jt.title, ctx.fonts.title, ink, reg.head.h * 0.7, "center", "center")
    kind = ctx.choice(("plain_number", "plain_number", "bullet"))
    body = reg.body.inset(reg.body.w * 0.02, 0)
    _intro_and_list(c, body, ctx, jt, kind, ink, ink, WHITE)
    _foot(c, reg.foot, ctx, jt, ink)
    if reg.strip is not None:
        text_box(
            c,
            reg.strip,
            "Pengaduan: " + " / ".join(jt.channels),
            ctx.fonts.regular,
            ink,
            reg.strip.h * 0.4,
            "center",
            "center",
        )


def panel(c: Canvas, ctx: Ctx, jt: JanjiText) -> None:
    """Big coloured background (gradient) with a white rounded panel holding the list."""
    pal = ctx.pal
    u = unit(c)
    bg_pal = ctx.pal
    paint_background(c, ctx, style="gradient")
    c.draw.rectangle(c.rect.box, fill=rgba(bg_pal.primary, 190))
    if ctx.chance(0.5):
        s = c.w * 0.5
        c.draw.ellipse((c.w - s, -s * 0.5, c.w + s, s * 0.5), fill=rgba(bg_pal.secondary, 120))
    page = c.rect.inset(u * 5)
    reg = regions(c, ctx, page, 0.19)
    on = readable_on(pal.primary, pal.on_primary)
    lg, tr = head_split(reg.head, 0.3, 0.05)
    logo_row(c, lg, ctx, jt.facility.name, on)
    title_block(c, tr, ctx, jt.title, jt.facility.name, on)
    body = reg.body
    if reg.foot is not None and shape_of(c) != "landscape":
        body = Rect(body.x0, body.y0, body.x1, reg.foot.y1)
    c.draw.rounded_rectangle(body.box, radius=u * 4, fill=pal.panel)
    inner = body.inset(u * 4, u * 4)
    foot = None
    if reg.foot is not None and shape_of(c) != "landscape":
        foot, inner = inner.bottom(reg.foot.h * 0.95, u * 2)
    kind = ctx.choice(("number", "check", "icon", "square_number"))
    _intro_and_list(
        c, inner, ctx, jt, kind, pal.panel_text, pal.primary, readable_on(pal.primary, WHITE)
    )
    if foot is not None:
        _foot(c, foot, ctx, jt, pal.panel_text)
    elif reg.foot is not None:
        c.draw.rounded_rectangle(reg.foot.box, radius=u * 3, fill=pal.panel)
        _foot(c, reg.foot.inset(u * 2), ctx, jt, pal.panel_text)
    if reg.strip is not None:
        channel_strip(c, reg.strip, ctx, jt.channels, None, on)


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
    _intro_and_list(c, lst, ctx, jt, kind, text, pal.secondary, readable_on(pal.secondary, WHITE))
    _foot(c, reg.foot, ctx, jt, text)
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
    _intro_and_list(c, reg.body, ctx, jt, kind, text, pal.primary, readable_on(pal.primary, WHITE))
    _foot(c, reg.foot, ctx, jt, text)
    if reg.strip is not None:
        channel_strip(
            c, reg.strip, ctx, jt.channels, pal.secondary, readable_on(pal.secondary, WHITE)
        )


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
    _foot(c, reg.foot, ctx, jt, text)
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
    _foot(c, reg.foot, ctx, jt, text)
    if reg.strip is not None:
        channel_strip(c, reg.strip, ctx, jt.channels, pal.primary, readable_on(pal.primary, WHITE))


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
    _foot(c, foot, ctx, jt, text)


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


def _intro(c: Canvas, body: Rect, ctx: Ctx, jt: JanjiText, color: Color, frac: float) -> Rect:
    """Draw the intro sentence (if any) centred atop ``body``; return the rest of ``body``."""
    if not jt.intro:
        return body
    ir, rest = body.top(body.h * frac, body.h * 0.03)
    size = min(ir.h * 0.3, body.w * 0.045)
    text_box(c, ir, jt.intro, ctx.fonts.regular, color, size, "center", "center")
    return rest


def _diamond(c: Canvas, x: float, y: float, r: float, fill: Color) -> None:
    """Draw a filled diamond of radius ``r`` centred at ``x, y``."""
    c.draw.polygon([(x, y - r), (x + r, y), (x, y + r), (x - r, y)], fill=fill)


def _divider(c: Canvas, cx: float, cy: float, w: float, r: float, color: Color) -> None:
    """Draw an ornamental rule ``w`` pixels long: two lines with a diamond of radius ``r``."""
    lw = max(1, round(r * 0.3))
    c.draw.line([(cx - w / 2, cy), (cx - r * 2, cy)], fill=color, width=lw)
    c.draw.line([(cx + r * 2, cy), (cx + w / 2, cy)], fill=color, width=lw)
    _diamond(c, cx, cy, r, color)


def _ornate_frame(c: Canvas, ctx: Ctx) -> Rect:
    """Draw a certificate border (double rule, with a patterned band or not); return its inside."""
    pal, u = ctx.pal, unit(c)
    line = stands_out(pal.bg, pal.primary, pal.secondary, diff=0.2)
    orn = stands_out(pal.bg, pal.accent, pal.secondary, pal.primary, diff=0.2)
    outer = c.rect.inset(u * ctx.uniform(2.0, 3.5))
    band = u * ctx.uniform(1.6, 2.6)
    inner = outer.inset(band)
    c.draw.rectangle(outer.box, outline=line, width=max(2, round(u * ctx.uniform(0.6, 1.2))))
    c.draw.rectangle(inner.box, outline=line, width=max(1, round(u * 0.3)))
    mid = outer.inset(band / 2)
    corners = [(mid.x0, mid.y0), (mid.x1, mid.y0), (mid.x1, mid.y1), (mid.x0, mid.y1)]
    style = ctx.choice(("double", "diamonds", "dots"))
    for (ax, ay), (bx, by) in zip(corners, corners[1:] + corners[:1], strict=True):
        n = max(2, round(math.hypot(bx - ax, by - ay) / (band * 1.6)))
        for k in range(1, n if style != "double" else 1):
            x, y = ax + (bx - ax) * k / n, ay + (by - ay) * k / n
            if style == "diamonds":
                _diamond(c, x, y, band * 0.32, orn)
            else:
                c.draw.ellipse(Rect(x, y, x, y).inset(-band * 0.2).box, orn)
    for x, y in corners:
        c.draw.rectangle(Rect(x, y, x, y).inset(-band * 0.7).box, line)
        _diamond(c, x, y, band * 0.45, orn if style == "double" else pal.bg)
    return inner.inset(u * 2.5)


def _seal(c: Canvas, r: Rect, ctx: Ctx) -> None:
    """Draw a round rosette seal (with ribbon tails or not) inside the square of ``r``."""
    pal = ctx.pal
    fill = stands_out(pal.bg, pal.accent, pal.primary, diff=0.2)
    fg = readable_on(fill, WHITE)
    s = r.square()
    rad = s.w * 0.4
    cx, cy = s.cx, s.y0 + rad * 1.05
    if ctx.chance(0.6):
        tail = mix(fill, (0, 0, 0), 0.25)
        for sx in (-1, 1):
            x = cx + sx * rad * 0.45
            tip = [(x - rad * 0.3, s.y1), (x, s.y1 - rad * 0.25), (x + rad * 0.3, s.y1)]
            c.draw.polygon([(cx, cy), *tip], fill=tail)
    n = 24
    pts = [
        (
            cx + rad * (1.0 if k % 2 == 0 else 0.88) * math.cos(math.pi * k / n),
            cy + rad * (1.0 if k % 2 == 0 else 0.88) * math.sin(math.pi * k / n),
        )
        for k in range(2 * n)
    ]
    c.draw.polygon(pts, fill=fill)
    ring = Rect(cx - rad * 0.72, cy - rad * 0.72, cx + rad * 0.72, cy + rad * 0.72)
    c.draw.ellipse(ring.box, outline=fg, width=max(1, round(rad * 0.05)))
    label = ctx.choice(("JKN", "JKN", "BPJS\nKESEHATAN", "JANJI\nLAYANAN")) if rad > 55 else "JKN"
    text_box(
        c, ring.inset(rad * 0.16), label, ctx.fonts.title, fg, rad * 0.5, "center", "center", 1.0
    )


def _centred_items(
    c: Canvas, r: Rect, ctx: Ctx, items: tuple[str, ...], cols: int, color: Color, orn: Color
) -> None:
    """Draw promises as centred lines in ``cols`` columns, numbered or parted by small diamonds."""
    numbered = ctx.chance(0.5)
    texts = [f"{i + 1}. {t}" if numbered else t for i, t in enumerate(items)]
    ends = [round(len(texts) * k / cols) for k in range(cols + 1)]
    chunks = [texts[ends[k] : ends[k + 1]] for k in range(cols)]
    col_rects = r.cols(cols, r.w * 0.05)
    gap = 0.9 if numbered else 1.6
    path = ctx.fonts.bold if ctx.chance(0.25) else ctx.fonts.regular
    size = min(
        fit_stack(ch, path, cr.w * 0.92, cr.h, gap, min(cr.h / len(ch) / 1.6, cr.w * 0.05))
        for ch, cr in zip(chunks, col_rects, strict=True)
    )
    font = load_font(path, size)
    for chunk, cr in zip(chunks, col_rects, strict=True):
        blocks = [wrap(t, font, cr.w * 0.92) for t in chunk]
        text_h = sum(len(b) for b in blocks) * size * 1.22
        spare = max(0.0, cr.h - text_h - gap * size * (len(chunk) - 1))
        step = gap * size + min(spare / max(1, len(chunk) - 1), size * 1.2)
        y = cr.y0 + (cr.h - text_h - step * (len(chunk) - 1)) / 2
        for k, lines in enumerate(blocks):
            h = len(lines) * size * 1.22
            draw_lines(c, Rect(cr.x0, y, cr.x1, y + h), lines, path, size, color, "center")
            y += h + step
            if not numbered and k < len(blocks) - 1:
                _divider(c, cr.cx, y - step / 2, min(cr.w * 0.3, size * 6), size * 0.22, orn)


def certificate(c: Canvas, ctx: Ctx, jt: JanjiText) -> None:
    """Certificate ("piagam"): ornate border, centred title and promises, seal and signature."""
    pal = ctx.pal
    paint_background(c, ctx, style=ctx.choice(("flat", "flat", "gradient", "noise")))
    if ctx.chance(0.3):
        watermark(c, c.rect, ctx)
    u = unit(c)
    shape = shape_of(c)
    page = _ornate_frame(c, ctx)
    head_f, foot_f = {
        "tall": (0.19, 0.14),
        "portrait": (0.21, 0.17),
        "landscape": (0.25, 0.22),
        "wide": (0.34, 0.0),
    }[shape]
    head, body = page.top(page.h * head_f, u * 1.5)
    title_c = readable_on(pal.bg, pal.primary)
    text_c = readable_on(pal.bg, pal.text)
    orn = stands_out(pal.bg, pal.accent, pal.secondary, pal.primary, diff=0.2)
    lg, tr = head_split(head, 0.26, 0.06)
    logo_row(c, lg, ctx, jt.facility.name, text_c)
    tt, rest = tr.top(tr.h * 0.56)
    size, used = text_box(c, tt, jt.title, ctx.fonts.title, title_c, tt.h * 0.8, "center", "bottom")
    dy = used.y1 + max(size * 0.3, rest.h * 0.08)
    _divider(c, tr.cx, dy, min(tr.w * 0.6, size * 9), rest.h * 0.07, orn)
    fr = Rect(tr.x0, dy + rest.h * 0.1, tr.x1, tr.y1)
    fsize = min(fr.h * 0.8, size * 0.6)
    text_box(c, fr, jt.facility.name, ctx.fonts.bold, text_c, fsize, "center", "top")
    foot = None
    if foot_f:
        foot, body = body.bottom(page.h * foot_f, u * 3)
        if ctx.chance(0.5):
            strip, body = body.bottom(page.h * 0.04, u * 2)
            channel_strip(c, strip, ctx, jt.channels, None, text_c)
    body = _intro(c, body, ctx, jt, text_c, 0.2 if shape in ("tall", "portrait") else 0.24)
    if shape == "wide":
        seal_r, body = body.right(min(body.h, body.w * 0.14), u * 2)
        _seal(c, seal_r, ctx)
    cols = {"wide": 3 if body.w > body.h * 5 else 2, "landscape": 1 + ctx.chance(0.5)}
    _centred_items(c, body, ctx, jt.items, cols.get(shape, 1), text_c, orn)
    if foot is None:
        return
    seal_left = ctx.chance(0.7)
    side = min(foot.h, foot.w * 0.3)
    seal_r, sig = foot.left(side, u * 2) if seal_left else foot.right(side, u * 2)
    _seal(c, seal_r, ctx)
    sig_w = min(sig.w, foot.w * 0.55)
    sig = Rect(sig.x1 - sig_w, sig.y0, sig.x1, sig.y1) if seal_left else sig.left(sig_w)[0]
    signature_block(
        c, sig, ctx, jt.place_date, jt.signer_title, jt.signer_name, text_c, stamp=False
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
    body = _intro(c, body, ctx, jt, text, 0.17 if shape in ("tall", "portrait") else 0.22)
    short = max(map(len, jt.items)) < 45
    cols = 2 if shape in ("landscape", "wide") or (short and shape == "portrait") else 1
    _pills(c, body, ctx, jt, cols)
    _foot(c, reg.foot, ctx, jt, text)
    if reg.strip is not None:
        channel_strip(c, reg.strip, ctx, jt.channels, None, readable_on(pal.bg, pal.primary))


JANJI_LAYOUTS: dict[str, Layout] = {
    "janji_header_list": header_list,
    "janji_card_grid": card_grid,
    "janji_ribbon_check": ribbon_check,
    "janji_letter": letter,
    "janji_panel": panel,
    "janji_two_column": two_column,
    "janji_photo": photo,
    "janji_stripes": stripes,
    "janji_sidebar": sidebar,
    "janji_timeline": timeline,
    "janji_hexagon": hexagon,
    "janji_certificate": certificate,
    "janji_diagonal": diagonal,
}
