"""BPJS-branded lookalikes: same palettes, logos, fonts and layout vocabulary as Janji media."""

from __future__ import annotations

import math
from collections.abc import Callable
from itertools import pairwise

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
    fit_stack,
    mix,
    readable_on,
    rgba,
    text_box,
    wrap,
)
from datasets.synth.media.fonts import load_font
from datasets.synth.media.icons import draw_icon, draw_qr
from datasets.synth.media.janji import shape_of
from datasets.synth.media.palettes import Color
from datasets.synth.media.wording import (
    ALUR_ENDS,
    ALUR_STEPS,
    ANTREAN_STEPS,
    CARE_CHANNELS,
    HAK,
    KEWAJIBAN,
    MAKLUMAT_PARAGRAPHS,
    MAKLUMAT_POINTS,
    date_text,
    facility,
    person_name,
    pick,
)

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


def _bpjs_strip(c: Canvas, ctx: Ctx, body: Rect) -> Rect:
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


def _sub(ctx: Ctx) -> str | None:
    if ctx.chance(0.5):
        return facility(ctx.rng, ctx.choice(("fktp", "fkrtl"))).name
    return ctx.choice(("BPJS Kesehatan", "Peserta Jaminan Kesehatan Nasional", "Program JKN-KIS"))


def _section(
    c: Canvas,
    ctx: Ctx,
    r: Rect,
    label: str,
    items: tuple[str, ...],
    fill: Color,
    text: Color,
    card: bool,
) -> None:
    u = unit(c)
    lab, lst = r.top(min(r.h * 0.14, max(u * 6, r.w * 0.09)), u * 1.5)
    c.draw.rounded_rectangle(lab.box, radius=lab.h * 0.3, fill=fill)
    text_box(
        c,
        lab.inset(u * 2, lab.h * 0.15),
        label,
        ctx.fonts.title,
        readable_on(fill, WHITE),
        lab.h * 0.7,
        "center",
        "center",
    )
    if card:
        c.draw.rounded_rectangle(lst.box, radius=u * 2, fill=rgba(fill, 30))
        lst = lst.inset(u * 2)
    item_list(
        c,
        lst,
        ctx,
        items,
        ("check",),
        ctx.choice(("bullet", "check", "plain_number")),
        text,
        fill,
        readable_on(fill, WHITE),
        cols=1,
    )


def hak_two_column(c: Canvas, ctx: Ctx, content: str) -> None:
    """HAK and KEWAJIBAN lists side by side (stacked on tall banners)."""
    body, text = page_header(
        c,
        ctx,
        ctx.choice(
            (
                "HAK DAN KEWAJIBAN PESERTA JKN",
                "HAK DAN KEWAJIBAN PESERTA",
                "Hak dan Kewajiban Peserta JKN-KIS",
            )
        ),
        _sub(ctx),
        0.18,
    )
    body = _bpjs_strip(c, ctx, body)
    u = unit(c)
    a, b = body.rows(2, u * 3) if shape_of(c) == "tall" else body.cols(2, u * 3)
    card = ctx.chance(0.5)
    _section(c, ctx, a, "HAK PESERTA", HAK, ctx.pal.primary, text, card)
    _section(c, ctx, b, "KEWAJIBAN PESERTA", KEWAJIBAN, ctx.pal.secondary, text, card)


def hak_stacked(c: Canvas, ctx: Ctx, content: str) -> None:
    """HAK section above KEWAJIBAN, each with a side icon (side by side on wide media)."""
    body, text = page_header(
        c, ctx, ctx.choice(("HAK & KEWAJIBAN PESERTA JKN", "HAK DAN KEWAJIBAN")), _sub(ctx), 0.16
    )
    u = unit(c)
    parts = body.cols(2, u * 3) if body.w > body.h * 1.3 else body.rows(2, u * 3)
    for part, label, items, fill, icon in (
        (parts[0], "HAK", HAK, ctx.pal.primary, "id_card"),
        (parts[1], "KEWAJIBAN", KEWAJIBAN, ctx.pal.accent, "document"),
    ):
        c.draw.rounded_rectangle(part.box, radius=u * 3, outline=fill, width=max(2, round(u * 0.6)))
        side, rest = part.inset(u * 2).left(min(part.w * 0.22, part.h * 0.5), u * 2)
        circ = side.square(side.w)
        circ = Rect(circ.x0, side.y0, circ.x1, side.y0 + circ.h)
        c.draw.ellipse(circ.box, fill=fill)
        draw_icon(c, icon, circ.inset(circ.w * 0.2), readable_on(fill, WHITE), fill)
        lab, lst = rest.top(min(rest.h * 0.16, u * 8), u)
        text_box(
            c,
            lab,
            label,
            ctx.fonts.title,
            readable_on(ctx.pal.bg, fill) if text != ctx.pal.panel_text else fill,
            lab.h * 0.9,
            "left",
            "center",
        )
        item_list(c, lst, ctx, items, ("check",), "plain_number", text, fill, WHITE, cols=1)


def _arrow(c: Canvas, a: tuple[float, float], b: tuple[float, float], color: Color, w: int) -> None:
    c.draw.line([a, b], fill=color, width=w)
    ang = math.atan2(b[1] - a[1], b[0] - a[0])
    s = w * 3.2
    p1 = (b[0] - s * math.cos(ang - 0.5), b[1] - s * math.sin(ang - 0.5))
    p2 = (b[0] - s * math.cos(ang + 0.5), b[1] - s * math.sin(ang + 0.5))
    c.draw.polygon([b, p1, p2], fill=color)


def _alur_steps(ctx: Ctx) -> list[str]:
    steps = [pick(ctx.rng, opts) for opts in ALUR_STEPS]
    if ctx.chance(0.4):
        steps.pop(4)
    if ctx.chance(0.3):
        steps.pop(2)
    return steps


def alur_vertical(c: Canvas, ctx: Ctx, content: str) -> None:
    """Flowchart: boxes top to bottom (left to right on wide media) joined by arrows."""
    body, text = page_header(
        c,
        ctx,
        ctx.choice(
            (
                "ALUR PELAYANAN PESERTA JKN",
                "ALUR PELAYANAN PASIEN BPJS",
                "Alur Pelayanan Rawat Jalan",
            )
        ),
        _sub(ctx),
        0.17,
    )
    body = _bpjs_strip(c, ctx, body)
    u = unit(c)
    steps = _alur_steps(ctx)
    ends = [ALUR_ENDS[0], ALUR_ENDS[int(ctx.rng.integers(1, len(ALUR_ENDS)))]]
    pal = ctx.pal
    lw = max(2, round(u * 0.7))
    horizontal = body.w > body.h * 1.4
    n = len(steps) + 1
    cells = body.cols(n, u * 4) if horizontal else body.rows(n, u * 3)
    fills = [pal.primary, pal.secondary]
    rounded = ctx.chance(0.6)
    if horizontal:
        bw, bh = cells[0].w * 0.88, min(cells[0].h, cells[0].w) * 0.8 * 0.84
    else:
        bw, bh = body.w * 0.6 * 0.88, cells[0].h * 0.84
    size = min(
        fit_stack([f"{len(steps)}. {st}"], ctx.fonts.bold, bw, bh, 0.2, bh * 0.4) for st in steps
    )
    prev: Rect | None = None
    numbered = ctx.chance(0.4)
    for i, (cell, step) in enumerate(zip(cells, steps, strict=False)):
        if horizontal:
            box = Rect(
                cell.x0,
                cell.cy - min(cell.h, cell.w) * 0.4,
                cell.x1,
                cell.cy + min(cell.h, cell.w) * 0.4,
            )
        else:
            box = Rect(body.cx - body.w * 0.3, cell.y0, body.cx + body.w * 0.3, cell.y1)
        fill = fills[i % 2] if ctx.chance(0.8) else pal.accent
        if rounded:
            c.draw.rounded_rectangle(box.box, radius=min(box.w, box.h) * 0.25, fill=fill)
        else:
            c.draw.rectangle(box.box, fill=fill)
        label = f"{i + 1}. {step}" if numbered else step
        inner = box.inset(box.w * 0.06, box.h * 0.08)
        draw_lines(
            c,
            inner,
            wrap(label, load_font(ctx.fonts.bold, size), inner.w),
            ctx.fonts.bold,
            size,
            readable_on(fill, WHITE),
            "center",
            "center",
        )
        if prev is not None:
            if horizontal:
                _arrow(c, (prev.x1 + u * 0.5, prev.cy), (box.x0 - u * 0.5, box.cy), text, lw)
            else:
                _arrow(c, (prev.cx, prev.y1 + u * 0.3), (box.cx, box.y0 - u * 0.3), text, lw)
        prev = box
    last = cells[-1]
    halves = last.rows(2, u * 2) if horizontal else last.cols(2, u * 4)
    for half, end in zip(halves, ends, strict=True):
        fill = pal.accent
        c.draw.rounded_rectangle(half.inset(u).box, radius=u * 2, fill=fill)
        text_box(
            c,
            half.inset(u * 2),
            end,
            ctx.fonts.bold,
            readable_on(fill, WHITE),
            half.h * 0.4,
            "center",
            "center",
        )
        if prev is not None:
            start = (prev.x1, prev.cy) if horizontal else (prev.cx, prev.y1)
            end_pt = (half.x0, half.cy) if horizontal else (half.cx, half.y0)
            _arrow(c, start, end_pt, text, lw)


def alur_grid(c: Canvas, ctx: Ctx, content: str) -> None:
    """Snake-shaped grid of numbered step circles with arrows between them."""
    body, text = page_header(
        c, ctx, ctx.choice(("ALUR PELAYANAN PESERTA JKN", "ALUR PELAYANAN")), _sub(ctx), 0.17
    )
    u = unit(c)
    steps = [*_alur_steps(ctx), ctx.choice(ALUR_ENDS)]
    n = len(steps)
    cols = choose_cols(body, n, 1.0, 4)
    rows = math.ceil(n / cols)
    cells = body.grid(rows, cols, u * 3)
    order = []
    for r in range(rows):
        idx = list(range(r * cols, min(n, (r + 1) * cols)))
        order.extend(idx if r % 2 == 0 else [r * cols + cols - 1 - (k - r * cols) for k in idx])
    pal = ctx.pal
    cs = min(cells[0].w * 0.5, cells[0].h * 0.5)
    size = fit_stack(
        [max(steps, key=len)],
        ctx.fonts.bold,
        cells[0].w * 0.95,
        cells[0].h - cs - u * 2,
        0.2,
        cs * 0.3,
    )
    centers = []
    for i, step in enumerate(steps):
        cell = cells[order[i]] if order[i] < len(cells) else cells[i]
        circ = Rect(cell.cx - cs / 2, cell.y0, cell.cx + cs / 2, cell.y0 + cs)
        fill = [pal.primary, pal.secondary, pal.accent][i % 3]
        c.draw.ellipse(circ.box, fill=fill)
        marker(c, circ.inset(cs * 0.2), ctx, "plain_number", i, "", readable_on(fill, WHITE), fill)
        tr = Rect(cell.x0, circ.y1 + u, cell.x1, cell.y1)
        draw_lines(
            c,
            tr,
            wrap(step, load_font(ctx.fonts.bold, size), tr.w * 0.95),
            ctx.fonts.bold,
            size,
            text,
            "center",
        )
        centers.append(circ)
    for a, b in pairwise(centers):
        dx, dy = b.cx - a.cx, b.cy - a.cy
        d = max(1.0, math.hypot(dx, dy))
        rad = cs / 2 + u
        _arrow(
            c,
            (a.cx + dx / d * rad, a.cy + dy / d * rad),
            (b.cx - dx / d * rad, b.cy - dy / d * rad),
            pal.accent,
            max(2, round(u * 0.6)),
        )


def _phone_mockup(c: Canvas, ctx: Ctx, r: Rect) -> None:
    u = unit(c)
    ph_h = min(r.h, r.w * 2.0)
    ph = Rect(r.cx - ph_h / 4, r.cy - ph_h / 2, r.cx + ph_h / 4, r.cy + ph_h / 2)
    c.draw.rounded_rectangle(ph.box, radius=ph.w * 0.15, fill=(30, 30, 35))
    scr = ph.inset(ph.w * 0.07, ph.h * 0.06)
    c.draw.rectangle(scr.box, fill=(250, 250, 250))
    top, rest = scr.top(scr.h * 0.2)
    c.draw.rectangle(top.box, fill=ctx.pal.primary)
    text_box(
        c,
        top.inset(u),
        "Mobile JKN",
        ctx.fonts.bold,
        readable_on(ctx.pal.primary, WHITE),
        top.h * 0.4,
        "center",
        "center",
    )
    for cell in rest.inset(scr.w * 0.08).grid(3, 3, scr.w * 0.06):
        c.draw.rounded_rectangle(
            cell.box, radius=cell.w * 0.2, fill=mix(ctx.pal.secondary, WHITE, 0.2)
        )


def antrean_phone(c: Canvas, ctx: Ctx, content: str) -> None:
    """Phone mock-up and a QR-like block beside numbered steps."""
    body, text = page_header(
        c,
        ctx,
        ctx.choice(
            ("ANTREAN ONLINE MOBILE JKN", "DAFTAR ANTREAN ONLINE", "Antrean Online via Mobile JKN")
        ),
        _sub(ctx),
        0.16,
    )
    body = _bpjs_strip(c, ctx, body)
    u = unit(c)
    shape = shape_of(c)
    if shape == "tall":
        side, steps_r = body.top(body.h * 0.32, u * 3)
    else:
        side, steps_r = body.left(body.w * (0.34 if shape == "portrait" else 0.25), u * 3)
    ph, qr_r = side.rows(2, u * 2) if side.h > side.w * 1.3 else side.cols(2, u * 2)
    qr: Rect | None = qr_r
    if ctx.chance(0.5):
        ph, qr = side, None
    _phone_mockup(c, ctx, ph)
    if qr is not None:
        lab, q = qr.bottom(qr.h * 0.18)
        draw_qr(c, q, ctx.rng, (15, 15, 15), WHITE)
        text_box(c, lab, "Scan untuk unduh", ctx.fonts.bold, text, lab.h * 0.6, "center", "center")
    steps = list(ANTREAN_STEPS[: int(ctx.rng.integers(4, len(ANTREAN_STEPS) + 1))])
    item_list(
        c,
        steps_r,
        ctx,
        steps,
        ("phone_app",),
        ctx.choice(("number", "square_number")),
        text,
        ctx.pal.primary,
        readable_on(ctx.pal.primary, WHITE),
    )


def antrean_steps(c: Canvas, ctx: Ctx, content: str) -> None:
    """Numbered step cards in a grid, then a QR-like block with download text."""
    body, text = page_header(
        c,
        ctx,
        ctx.choice(("ANTREAN ONLINE MOBILE JKN", "CARA AMBIL ANTREAN ONLINE")),
        _sub(ctx),
        0.16,
    )
    u = unit(c)
    bottom, body = body.bottom(body.h * 0.2 if body.h > body.w else body.h * 0.3, u * 2)
    steps = list(ANTREAN_STEPS)
    cols = choose_cols(body, len(steps), 1.4, 3)
    rows = math.ceil(len(steps) / cols)
    cells = body.grid(rows, cols, u * 2)
    size = fit_stack(
        [max(steps, key=len)],
        ctx.fonts.regular,
        cells[0].w * 0.85,
        cells[0].h * 0.6,
        0.2,
        cells[0].h * 0.14,
    )
    for i, (cell, step) in enumerate(zip(cells, steps, strict=False)):
        c.draw.rounded_rectangle(
            cell.box,
            radius=u * 2,
            fill=ctx.pal.panel,
            outline=ctx.pal.primary,
            width=max(1, round(u * 0.4)),
        )
        nr, tr = cell.inset(u * 1.5).top(cell.h * 0.3)
        marker(
            c, nr, ctx, "square_number", i, "", ctx.pal.accent, readable_on(ctx.pal.accent, WHITE)
        )
        draw_lines(
            c,
            tr,
            wrap(step, load_font(ctx.fonts.regular, size), tr.w),
            ctx.fonts.regular,
            size,
            ctx.pal.panel_text,
            "center",
        )
    q, t = bottom.left(bottom.h, u * 3)
    draw_qr(c, q, ctx.rng, (15, 15, 15), WHITE)
    text_box(
        c,
        t,
        "Unduh aplikasi Mobile JKN di Google Play dan App Store. "
        "Daftar antrean tanpa harus datang lebih awal!",
        ctx.fonts.bold,
        text,
        t.h * 0.25,
        "left",
        "center",
    )


def care_big_number(c: Canvas, ctx: Ctx, content: str) -> None:
    """Draw a huge ``165`` with a phone icon, then complaint channels with icons."""
    title = ctx.choice(
        (
            "PENGADUAN",
            "LAYANAN PENGADUAN",
            "BPJS Kesehatan Care Center 165",
            "INFORMASI & PENGADUAN",
        )
    )
    body, text = page_header(
        c,
        ctx,
        title,
        ctx.choice(("BPJS Kesehatan Care Center", "Peserta JKN", "Layanan 24 Jam")),
        0.15,
    )
    u = unit(c)
    big, rest = (
        body.top(body.h * 0.3, u * 3) if body.h > body.w * 0.8 else body.left(body.w * 0.35, u * 3)
    )
    ic, num = big.left(min(big.h * 0.8, big.w * 0.3), u * 2)
    circ = ic.square()
    c.draw.ellipse(circ.box, fill=ctx.pal.accent)
    draw_icon(
        c, "phone", circ.inset(circ.w * 0.2), readable_on(ctx.pal.accent, WHITE), ctx.pal.accent
    )
    text_box(
        c,
        num,
        "165",
        ctx.fonts.title,
        readable_on(ctx.pal.bg, ctx.pal.primary) if text != ctx.pal.panel_text else ctx.pal.primary,
        num.h * 0.95,
        "center",
        "center",
        1.0,
    )
    chans = list(CARE_CHANNELS[: int(ctx.rng.integers(3, len(CARE_CHANNELS) + 1))])
    item_list(
        c,
        rest,
        ctx,
        [t for _, t in chans],
        [i for i, _ in chans],
        "icon",
        text,
        ctx.pal.primary,
        readable_on(ctx.pal.primary, WHITE),
    )


def care_channels(c: Canvas, ctx: Ctx, content: str) -> None:
    """Draw a grid of channel cards (icon + name) under a Care Center 165 title."""
    body, _ = page_header(
        c,
        ctx,
        ctx.choice(("BPJS Kesehatan Care Center 165", "SAMPAIKAN PENGADUAN ANDA")),
        ctx.choice(("Kami siap membantu", "Peserta JKN")),
        0.17,
    )
    u = unit(c)
    chans = list(CARE_CHANNELS)
    cols = choose_cols(body, len(chans), 1.1, 3)
    rows = math.ceil(len(chans) / cols)
    cells = body.grid(rows, cols, u * 2)
    size = fit_stack(
        [max((t for _, t in chans), key=len)],
        ctx.fonts.bold,
        cells[0].w * 0.9,
        cells[0].h * 0.35,
        0.2,
        cells[0].h * 0.12,
    )
    for i, (cell, (icon, label)) in enumerate(zip(cells, chans, strict=False)):
        fill = [ctx.pal.primary, ctx.pal.secondary][i % 2]
        c.draw.rounded_rectangle(cell.box, radius=u * 3, fill=fill)
        ir, tr = cell.inset(u * 1.5).top(cell.h * 0.55, u)
        draw_icon(c, icon, ir, readable_on(fill, WHITE), fill)
        draw_lines(
            c,
            tr,
            wrap(label, load_font(ctx.fonts.bold, size), tr.w),
            ctx.fonts.bold,
            size,
            readable_on(fill, WHITE),
            "center",
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


def _maklumat_sign(c: Canvas, ctx: Ctx, r: Rect, text: Color, fac_name: str) -> None:
    w = r.w * (0.5 if r.w < r.h * 3 else 0.3)
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


LOOKALIKE_LAYOUTS: dict[str, LookalikeLayout] = {
    "hak_two_column": hak_two_column,
    "hak_stacked": hak_stacked,
    "alur_vertical": alur_vertical,
    "alur_grid": alur_grid,
    "antrean_phone": antrean_phone,
    "antrean_steps": antrean_steps,
    "care_big_number": care_big_number,
    "care_channels": care_channels,
    "maklumat_paragraph": maklumat_paragraph,
    "maklumat_list": maklumat_list,
}
