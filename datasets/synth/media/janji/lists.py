"""Janji layouts that are a title and a list: header band, ribbon, official letter, panel."""

from __future__ import annotations

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
from datasets.synth.media.draw import Canvas, Rect, mix, readable_on, rgba, text_box
from datasets.synth.media.janji.common import foot_signature, intro_and_list, regions, shape_of
from datasets.synth.media.wording import JanjiText


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
    intro_and_list(c, body, ctx, jt, kind, text, pal.primary, pal.on_primary)
    foot_signature(c, reg.foot, ctx, jt, text)
    if reg.strip is not None:
        strip = Rect(0, reg.strip.y0, c.w, c.h)
        channel_strip(c, strip, ctx, jt.channels, pal.secondary, readable_on(pal.secondary, WHITE))


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
    intro_and_list(
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
    foot_signature(c, reg.foot, ctx, jt, text)
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
    intro_and_list(c, body, ctx, jt, kind, ink, ink, WHITE)
    foot_signature(c, reg.foot, ctx, jt, ink)
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
    intro_and_list(
        c, inner, ctx, jt, kind, pal.panel_text, pal.primary, readable_on(pal.primary, WHITE)
    )
    if foot is not None:
        foot_signature(c, foot, ctx, jt, pal.panel_text)
    elif reg.foot is not None:
        c.draw.rounded_rectangle(reg.foot.box, radius=u * 3, fill=pal.panel)
        foot_signature(c, reg.foot.inset(u * 2), ctx, jt, pal.panel_text)
    if reg.strip is not None:
        channel_strip(c, reg.strip, ctx, jt.channels, None, on)
