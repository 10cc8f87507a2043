"""Hak dan Kewajiban Peserta lookalikes: two columns, stacked sections with icons, a ruled table."""

from __future__ import annotations

from collections.abc import Sequence

from datasets.synth.media.components import WHITE, Ctx, item_list, unit
from datasets.synth.media.draw import (
    Canvas,
    Rect,
    draw_lines,
    mix,
    readable_on,
    rgba,
    stands_out,
    text_box,
    wrap,
)
from datasets.synth.media.fonts import load_font
from datasets.synth.media.icons import draw_icon
from datasets.synth.media.janji import shape_of
from datasets.synth.media.lookalikes.common import body_surface, bpjs_strip, page_header, sub
from datasets.synth.media.palettes import Color
from datasets.synth.media.wording import HAK, KEWAJIBAN


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
        sub(ctx),
        0.18,
    )
    body = bpjs_strip(c, ctx, body)
    u = unit(c)
    a, b = body.rows(2, u * 3) if shape_of(c) == "tall" else body.cols(2, u * 3)
    card = ctx.chance(0.5)
    _section(c, ctx, a, "HAK PESERTA", HAK, ctx.pal.primary, text, card)
    _section(c, ctx, b, "KEWAJIBAN PESERTA", KEWAJIBAN, ctx.pal.secondary, text, card)


def hak_stacked(c: Canvas, ctx: Ctx, content: str) -> None:
    """HAK section above KEWAJIBAN, each with a side icon (side by side on wide media)."""
    body, text = page_header(
        c, ctx, ctx.choice(("HAK & KEWAJIBAN PESERTA JKN", "HAK DAN KEWAJIBAN")), sub(ctx), 0.16
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


def _row_h(row: tuple[str, ...], w: float, path: str, size: int) -> float:
    """Height in pixels of a table row whose cells wrap to ``w`` (padding included)."""
    font = load_font(path, size)
    return max(len(wrap(t, font, w - size)) for t in row) * size * 1.22 + size * 0.9


def _fit_rows(rows: Sequence[tuple[str, ...]], w: float, path: str, h: float, top: float) -> int:
    """Largest font size (pixels, at most ``top``) at which ``rows`` stack into ``h``."""
    lo, hi, best = 6, max(6, int(top)), 6
    while lo <= hi:
        mid = (lo + hi) // 2
        if sum(_row_h(row, w, path, mid) for row in rows) <= h:
            best, lo = mid, mid + 1
        else:
            hi = mid - 1
    return best


def _table(
    c: Canvas,
    ctx: Ctx,
    r: Rect,
    heads: tuple[str, ...],
    rows: Sequence[tuple[str, ...]],
    head_fill: Color,
    fill: Color,
) -> None:
    """Draw a ruled table in ``r``: coloured header row, a number column, rows and thin rules."""
    u = unit(c)
    head_h = min(r.h * 0.14, u * 9)
    num_w = min(r.w * 0.09, head_h * 1.4)
    col_w = (r.w - num_w) / len(heads)
    path = ctx.fonts.regular
    size = _fit_rows(rows, col_w, path, r.h - head_h, min(head_h * 0.5, u * 4.2))
    heights = [_row_h(row, col_w, path, size) for row in rows]
    extra = min((r.h - head_h - sum(heights)) / len(rows), size * 1.6)
    heights = [h + extra for h in heights]
    y0 = r.y0 + (r.h - head_h - sum(heights)) / 2
    table = Rect(r.x0, y0, r.x1, y0 + head_h + sum(heights))
    xs = [r.x0, r.x0 + num_w, *(r.x0 + num_w + col_w * (k + 1) for k in range(len(heads)))]
    ink = readable_on(fill, ctx.pal.panel_text)
    rule, lw = mix(fill, ink, 0.35), max(1, round(u * 0.2))
    zebra = mix(fill, head_fill, 0.12) if ctx.chance(0.6) else fill
    c.draw.rectangle(table.box, fill=fill)
    c.draw.rectangle((r.x0, y0, r.x1, y0 + head_h), fill=head_fill)
    for x0, x1, label in zip(xs[:-1], xs[1:], ("No", *heads), strict=True):
        cell = Rect(x0, y0, x1, y0 + head_h).inset(min(u * 0.8, (x1 - x0) * 0.1), head_h * 0.12)
        on = readable_on(head_fill, WHITE)
        text_box(c, cell, label, ctx.fonts.title, on, head_h * 0.55, "center", "center")
    y = y0 + head_h
    for i, (row, rh) in enumerate(zip(rows, heights, strict=True)):
        c.draw.rectangle((r.x0, y, r.x1, y + rh), fill=zebra if i % 2 else fill)
        for k, (x0, x1, t) in enumerate(zip(xs[:-1], xs[1:], (str(i + 1), *row), strict=True)):
            font = ctx.fonts.bold if k == 0 else path
            cell = Rect(x0 + size * 0.5, y, x1 - size * 0.5, y + rh)
            lines = wrap(t, load_font(font, size), cell.w)
            draw_lines(c, cell, lines, font, size, ink, "center" if k == 0 else "left", "center")
        if i:
            c.draw.line([(r.x0, y), (r.x1, y)], fill=rule, width=lw)
        y += rh
    for x in xs[1:-1]:
        c.draw.line([(x, y0 + head_h), (x, table.y1)], fill=rule, width=lw)
    c.draw.rectangle(table.box, outline=head_fill, width=max(2, round(u * 0.5)))


def hak_table(c: Canvas, ctx: Ctx, content: str) -> None:
    """Ruled table with a HAK | KEWAJIBAN header and numbered rows (two tables on tall banners)."""
    body, text = page_header(
        c,
        ctx,
        ctx.choice(("HAK DAN KEWAJIBAN PESERTA JKN", "TABEL HAK DAN KEWAJIBAN PESERTA")),
        sub(ctx),
        0.16,
    )
    body = body if body.w > body.h * 8 else bpjs_strip(c, ctx, body)
    u, pal = unit(c), ctx.pal
    fill = pal.panel if ctx.chance(0.7) else body_surface(ctx, text)
    first = stands_out(fill, pal.primary, pal.secondary, pal.accent)
    second = stands_out(fill, pal.secondary, pal.accent, pal.primary)
    if shape_of(c) == "tall":
        a, b = body.top(body.h * 0.47, u * 4)
        _table(c, ctx, a, ("HAK PESERTA",), [(t,) for t in HAK], first, fill)
        _table(c, ctx, b, ("KEWAJIBAN PESERTA",), [(t,) for t in KEWAJIBAN], second, fill)
        return
    n = max(len(HAK), len(KEWAJIBAN))
    pad = ("",) * n
    rows = list(zip((*HAK, *pad)[:n], (*KEWAJIBAN, *pad)[:n], strict=True))
    heads = ("HAK PESERTA", "KEWAJIBAN PESERTA")
    _table(c, ctx, body, heads, rows, first if ctx.chance(0.6) else second, fill)
