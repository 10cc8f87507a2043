"""BPJS lookalikes drawn as lists, rows and cards: the shapes Janji Layanan media take too.

Facilities print Hak dan Kewajiban, Alur Pelayanan, Antrean Online, Care Center 165 and Maklumat
Pelayanan posters with the same vocabulary as their Janji Layanan poster: a header with logos, a
numbered or ticked list, rows, cards, a signature. These families (training pool) are each
lookalike's list- and card-shaped forms, apart from the held-out pools' families.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from datasets.synth.media.components import (
    WHITE,
    Ctx,
    choose_cols,
    item_list,
    marker,
    signature_block,
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
from datasets.synth.media.icons import draw_icon, draw_qr
from datasets.synth.media.janji import shape_of
from datasets.synth.media.lookalikes.common import LookalikeLayout, page_header
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

_STEP_ICONS = ("id_card", "check", "clock", "person", "syringe", "pill", "smile")


def _subtitle(ctx: Ctx) -> str:
    if ctx.chance(0.6):
        return facility(ctx.rng, ctx.choice(("fktp", "fkrtl"))).name
    return ctx.choice(("BPJS Kesehatan", "Program Jaminan Kesehatan Nasional"))


def _signed_foot(c: Canvas, ctx: Ctx, body: Rect, text: Color) -> Rect:
    """Sometimes keep a signature block at the bottom right of ``body``; return the rest."""
    if not ctx.chance(0.45) or shape_of(c) == "wide":
        return body
    u = unit(c)
    foot, rest = body.bottom(body.h * 0.2, u * 2)
    sig = Rect(foot.x1 - foot.w * 0.5, foot.y0, foot.x1, foot.y1)
    fac = facility(ctx.rng, ctx.choice(("fktp", "fkrtl")))
    signature_block(
        c,
        sig,
        ctx,
        f"{fac.name.split(' ')[-1]}, {date_text(ctx.rng)}",
        fac.head_title,
        person_name(ctx.rng),
        text,
    )
    return rest


def _header(c: Canvas, ctx: Ctx, titles: tuple[str, ...], frac: float) -> tuple[Rect, Color]:
    """Draw a header with one of ``titles``; return the body below it and its text colour."""
    return page_header(c, ctx, ctx.choice(titles), _subtitle(ctx), frac)


def _rows_of(
    c: Canvas, ctx: Ctx, r: Rect, items: Sequence[str], fills: tuple[Color, Color]
) -> None:
    """Draw ``items`` as full-width rows with alternating fills and a square number badge."""
    u = unit(c)
    n = len(items)
    gap = u * 0.8
    rows = r.rows(n, gap)
    badge = min(rows[0].h * 0.7, u * 9)
    size = fit_stack(
        [max(items, key=len)], ctx.fonts.regular, r.w - badge * 2.2, rows[0].h * 0.9, 0.2, u * 4.5
    )
    for i, (row, item) in enumerate(zip(rows, items, strict=True)):
        fill = fills[i % 2]
        c.draw.rectangle(row.box, fill=fill)
        mr = Rect(row.x0 + u, row.cy - badge / 2, row.x0 + u + badge, row.cy + badge / 2)
        dark = mix(fill, (0, 0, 0), 0.45)
        marker(c, mr, ctx, "square_number", i, "", dark, readable_on(dark, WHITE))
        tr = Rect(mr.x1 + u * 1.5, row.y0, row.x1 - u, row.y1)
        lines = wrap(item, load_font(ctx.fonts.regular, size), tr.w)
        draw_lines(
            c, tr, lines, ctx.fonts.regular, size, readable_on(fill, (20, 20, 20)), "left", "center"
        )


def hak_zebra(c: Canvas, ctx: Ctx, content: str) -> None:
    """HAK and KEWAJIBAN under coloured heading bars, items in zebra rows with number badges."""
    titles = ("HAK DAN KEWAJIBAN PESERTA JKN", "Hak & Kewajiban Peserta", "HAK DAN KEWAJIBAN")
    body, text = _header(c, ctx, titles, 0.17)
    body = _signed_foot(c, ctx, body, text)
    u = unit(c)
    wide = body.w > body.h * 1.2
    parts = body.cols(2, u * 3) if wide else body.rows(2, u * 2.5)
    for part, label, pool, fill in (
        (parts[0], "HAK PESERTA", HAK, ctx.pal.primary),
        (parts[1], "KEWAJIBAN PESERTA", KEWAJIBAN, ctx.pal.secondary),
    ):
        k = int(ctx.rng.integers(3, len(pool) + 1))
        items = pool[:k]
        head, rows = part.top(min(part.h * 0.16, u * 8), u)
        c.draw.rectangle(head.box, fill=fill)
        on = readable_on(fill, WHITE)
        text_box(
            c,
            head.inset(u * 2, head.h * 0.15),
            label,
            ctx.fonts.title,
            on,
            head.h * 0.7,
            "left",
            "center",
        )
        light = mix(fill, WHITE, 0.85)
        _rows_of(c, ctx, rows, items, (light, mix(fill, WHITE, 0.7)))


def _alur_items(ctx: Ctx) -> list[str]:
    steps = [pick(ctx.rng, options) for options in ALUR_STEPS]
    if ctx.chance(0.4):
        steps.pop(int(ctx.rng.integers(2, len(steps))))
    return [*steps, pick(ctx.rng, ALUR_ENDS)]


def alur_rows(c: Canvas, ctx: Ctx, content: str) -> None:
    """Alur Pelayanan as rounded rows, number left, icon right, small arrows between rows."""
    titles = ("ALUR PELAYANAN PASIEN JKN", "Alur Pelayanan", "ALUR PELAYANAN RAWAT JALAN")
    body, _ = _header(c, ctx, titles, 0.17)
    u = unit(c)
    pal = ctx.pal
    steps = _alur_items(ctx)
    n = len(steps)
    cols = 2 if body.w > body.h * 1.1 else 1
    per = math.ceil(n / cols)
    fill = pal.panel if ctx.chance(0.5) else mix(pal.primary, WHITE, 0.85)
    ink = readable_on(fill, pal.panel_text if fill == pal.panel else (20, 20, 20))
    size = 0
    for ci, col in enumerate(body.cols(cols, u * 4)):
        chunk = steps[ci * per : (ci + 1) * per]
        gap = u * 3
        rows = col.rows(per, gap)
        if not size:
            size = fit_stack(
                [max(steps, key=len)], ctx.fonts.bold, col.w * 0.62, rows[0].h * 0.8, 0.2, u * 5
            )
        for j, (row, step) in enumerate(zip(rows, chunk, strict=False)):
            i = ci * per + j
            c.draw.rounded_rectangle(row.box, radius=row.h * 0.3, fill=fill)
            num = row.inset(u * 1.2).square(row.h * 0.72)
            num = Rect(row.x0 + u * 1.5, num.y0, row.x0 + u * 1.5 + num.w, num.y1)
            marker(c, num, ctx, "number", i, "", pal.primary, readable_on(pal.primary, WHITE))
            ic = Rect(row.x1 - u * 1.5 - num.w, num.y0, row.x1 - u * 1.5, num.y1)
            draw_icon(c, _STEP_ICONS[i % len(_STEP_ICONS)], ic, pal.secondary, fill)
            tr = Rect(num.x1 + u * 2, row.y0, ic.x0 - u * 2, row.y1)
            lines = wrap(step, load_font(ctx.fonts.bold, size), tr.w)
            draw_lines(c, tr, lines, ctx.fonts.bold, size, ink, "left", "center")
            if j < len(chunk) - 1:
                ax, ay = row.cx, row.y1 + gap * 0.15
                s = gap * 0.7
                c.draw.polygon([(ax - s, ay), (ax + s, ay), (ax, ay + s)], fill=pal.accent)


def antrean_cards(c: Canvas, ctx: Ctx, content: str) -> None:
    """Antrean Online steps as a grid of cards with a ``LANGKAH n`` tab; a QR card at the end."""
    titles = ("CARA AMBIL ANTREAN ONLINE", "ANTREAN ONLINE MOBILE JKN", "Daftar Antrean dari Rumah")
    body, text = _header(c, ctx, titles, 0.17)
    body = _signed_foot(c, ctx, body, text)
    u = unit(c)
    pal = ctx.pal
    steps = list(ANTREAN_STEPS[: int(ctx.rng.integers(4, len(ANTREAN_STEPS) + 1))])
    qr = ctx.chance(0.5)
    n = len(steps) + int(qr)
    cols = choose_cols(body, n, 1.3, 3)
    rows = math.ceil(n / cols)
    cells = body.grid(rows, cols, u * 2.2)
    outline = ctx.chance(0.5)
    tab_h = min(cells[0].h * 0.2, u * 7)
    size = fit_stack(
        [max(steps, key=len)],
        ctx.fonts.regular,
        cells[0].w * 0.88,
        cells[0].h - tab_h - u * 3,
        0.2,
        u * 4,
    )
    for i, cell in enumerate(cells[:n]):
        c.draw.rounded_rectangle(
            cell.box,
            radius=u * 2,
            fill=pal.panel,
            outline=pal.primary if outline else None,
            width=max(1, round(u * 0.4)),
        )
        if i == len(steps):
            draw_qr(c, cell.inset(u * 2), ctx.rng, (20, 20, 20), WHITE)
            continue
        tab, rest = cell.top(tab_h, u)
        c.draw.rounded_rectangle(tab.box, radius=u * 2, fill=pal.primary)
        on = readable_on(pal.primary, WHITE)
        text_box(
            c,
            tab.inset(u * 1.5, tab.h * 0.15),
            f"LANGKAH {i + 1}",
            ctx.fonts.title,
            on,
            tab.h * 0.7,
            "center",
            "center",
        )
        lines = wrap(steps[i], load_font(ctx.fonts.regular, size), rest.w * 0.88)
        draw_lines(
            c,
            rest.inset(rest.w * 0.06, u),
            lines,
            ctx.fonts.regular,
            size,
            pal.panel_text,
            "center",
            "center",
        )


def care_list(c: Canvas, ctx: Ctx, content: str) -> None:
    """A big ``165`` badge, then the complaint channels as an icon list with rules."""
    titles = (
        "LAYANAN PENGADUAN PESERTA JKN",
        "Pengaduan & Informasi",
        "BPJS KESEHATAN CARE CENTER",
    )
    body, text = _header(c, ctx, titles, 0.16)
    u = unit(c)
    pal = ctx.pal
    wide = body.w > body.h * 1.1
    badge, rest = body.left(body.w * 0.32, u * 3) if wide else body.top(body.h * 0.24, u * 3)
    disc = badge.square(min(badge.w, badge.h) * 0.92)
    c.draw.ellipse(disc.box, fill=pal.primary)
    on = readable_on(pal.primary, WHITE)
    text_box(
        c,
        disc.inset(disc.w * 0.16, disc.h * 0.22),
        "165",
        ctx.fonts.title,
        on,
        disc.h * 0.5,
        "center",
        "center",
        1.0,
    )
    k = int(ctx.rng.integers(4, len(CARE_CHANNELS) + 1))
    chosen = CARE_CHANNELS[:k]
    item_list(
        c,
        rest,
        ctx,
        [label for _, label in chosen],
        [icon for icon, _ in chosen],
        ctx.choice(("icon", "icon_plain")),
        text,
        pal.secondary,
        readable_on(pal.secondary, WHITE),
        cols=1,
        rules=pal.primary,
    )


def maklumat_bars(c: Canvas, ctx: Ctx, content: str) -> None:
    """Maklumat: the declaration in a quote box, the commitments on coloured bars, a signature."""
    fac = facility(ctx.rng, ctx.choice(("fktp", "fkrtl")))
    body, text = page_header(
        c, ctx, ctx.choice(("MAKLUMAT PELAYANAN", "Maklumat Pelayanan")), fac.name, 0.17
    )
    body = _signed_foot(c, ctx, body, text)
    u = unit(c)
    pal = ctx.pal
    quote, bars = body.top(body.h * 0.3, u * 2.5)
    c.draw.rectangle(
        quote.box, fill=rgba(pal.primary, 30), outline=pal.primary, width=max(1, round(u * 0.3))
    )
    c.draw.rectangle((quote.x0, quote.y0, quote.x0 + u * 1.2, quote.y1), fill=pal.accent)
    text_box(
        c,
        quote.inset(u * 3, u * 1.5),
        pick(ctx.rng, MAKLUMAT_PARAGRAPHS),
        ctx.fonts.regular,
        text,
        quote.h * 0.18,
        "left",
        "center",
        1.3,
    )
    points = MAKLUMAT_POINTS[: int(ctx.rng.integers(3, len(MAKLUMAT_POINTS) + 1))]
    rows = bars.rows(len(points), u * 1.5)
    size = fit_stack(
        [max(points, key=len)], ctx.fonts.bold, bars.w * 0.8, rows[0].h * 0.85, 0.2, u * 4.5
    )
    for i, (row, point) in enumerate(zip(rows, points, strict=True)):
        fill = pal.primary if i % 2 == 0 else pal.secondary
        c.draw.rounded_rectangle(row.box, radius=row.h * 0.5, fill=fill)
        ink = readable_on(fill, WHITE)
        ck = row.inset(row.h * 0.18).square(row.h * 0.64)
        ck = Rect(row.x0 + row.h * 0.25, ck.y0, row.x0 + row.h * 0.25 + ck.w, ck.y1)
        draw_icon(c, "check", ck, ink, fill)
        tr = Rect(ck.x1 + u * 2, row.y0, row.x1 - row.h * 0.4, row.y1)
        lines = wrap(point, load_font(ctx.fonts.bold, size), tr.w)
        draw_lines(c, tr, lines, ctx.fonts.bold, size, ink, "left", "center")


LIST_LOOKALIKE_LAYOUTS: dict[str, LookalikeLayout] = {
    "hak_zebra": hak_zebra,
    "alur_rows": alur_rows,
    "antrean_cards": antrean_cards,
    "care_list": care_list,
    "maklumat_bars": maklumat_bars,
}
