"""Printed tables (doctor schedules, price lists): a ruled sheet, a board, zebra stripes."""

from __future__ import annotations

from itertools import pairwise

from datasets.synth.media.components import WHITE, Ctx, title_block, unit
from datasets.synth.media.draw import (
    Canvas,
    Rect,
    draw_lines,
    fit_text,
    mix,
    readable_on,
    text_box,
    wrap,
)
from datasets.synth.media.fonts import load_font
from datasets.synth.media.generic.words import DAYS, POLIS, SERVICES, TABLE_NOTES
from datasets.synth.media.palettes import Color
from datasets.synth.media.wording import date_text, facility, person_name, pick


def _table_rows(ctx: Ctx, content: str) -> tuple[str, list[str], list[list[str]]]:
    if content == "jadwal_dokter":
        title = ctx.choice(
            ("JADWAL PRAKTIK DOKTER", "JADWAL DOKTER SPESIALIS", "JADWAL PELAYANAN POLIKLINIK")
        )
        head = ["Poli", "Dokter", "Hari", "Jam"]
        rows = []
        for _ in range(int(ctx.rng.integers(4, 9))):
            h0 = int(ctx.rng.integers(7, 14))
            rows.append(
                [
                    pick(ctx.rng, POLIS),
                    person_name(ctx.rng),
                    pick(ctx.rng, DAYS),
                    f"{h0:02d}.00 - {h0 + int(ctx.rng.integers(2, 6)):02d}.00",
                ]
            )
        return title, head, rows
    title = ctx.choice(("DAFTAR TARIF PELAYANAN", "TARIF LAYANAN PASIEN UMUM", "DAFTAR HARGA"))
    head = ["No", "Jenis Layanan", "Tarif (Rp)"]
    rows = []
    for i in range(int(ctx.rng.integers(5, 11))):
        price = int(ctx.rng.integers(2, 80)) * 5000
        rows.append([str(i + 1), pick(ctx.rng, SERVICES), f"{price:,}".replace(",", ".")])
    return title, head, rows


def _table(
    c: Canvas,
    ctx: Ctx,
    r: Rect,
    head: list[str],
    rows: list[list[str]],
    head_fill: Color,
    text: Color,
    stripe: Color,
    line: Color | None,
    aligns: tuple[str, ...] | None = None,
    radius: float = 0,
) -> None:
    weights = [1.0] * len(head)
    if head[0] == "No":
        weights = [0.4, 2.4, 1.2]
    elif head[0] == "Poli":
        weights = [1.1, 1.9, 1.1, 1.1]
    tot = sum(weights)
    xs = [r.x0]
    for wgt in weights:
        xs.append(xs[-1] + r.w * wgt / tot)
    n = len(rows) + 1
    rh = r.h / n
    spans = [
        (x0 + min(rh * 0.15, (x1 - x0) * 0.1), x1 - min(rh * 0.1, (x1 - x0) * 0.06))
        for x0, x1 in pairwise(xs)
    ]
    size = int(rh * 0.5)
    for ri, cells in enumerate([head, *rows]):
        path = ctx.fonts.bold if ri == 0 else ctx.fonts.regular
        for (x0, x1), cell in zip(spans, cells, strict=True):
            size = min(size, fit_text(cell, path, x1 - x0, rh * 0.88, rh * 0.5, 1.1)[0])
    for ri in range(n):
        y0 = r.y0 + ri * rh
        cells = head if ri == 0 else rows[ri - 1]
        if ri % 2 == 0:  # the header, then every other row
            fill = head_fill if ri == 0 else stripe
            c.draw.rounded_rectangle((r.x0, y0, r.x1, y0 + rh), radius=radius, fill=fill)
        for i, cell in enumerate(cells):
            cr = Rect(spans[i][0], y0, spans[i][1], y0 + rh)
            path = ctx.fonts.bold if ri == 0 else ctx.fonts.regular
            col = readable_on(head_fill, WHITE) if ri == 0 else text
            lines = wrap(cell, load_font(path, size), cr.w)
            align = aligns[i] if aligns else "left"
            draw_lines(c, cr, lines, path, size, col, align, "center", 1.1)
        if line is not None:
            c.draw.line([(r.x0, y0 + rh), (r.x1, y0 + rh)], fill=line, width=1)
    if line is not None:
        for x in xs:
            c.draw.line([(x, r.y0), (x, r.y1)], fill=line, width=1)
        c.draw.rectangle(r.box, outline=line, width=2)


def table_sheet(c: Canvas, ctx: Ctx, content: str) -> None:
    """Draw a printed table sheet (doctor schedule or price list) with a title and a ruled table."""
    pal = ctx.pal
    c.draw.rectangle(c.rect.box, fill=WHITE)
    u = unit(c)
    page = c.rect.inset(u * 5)
    title, head, rows = _table_rows(ctx, content)
    fac = facility(ctx.rng, ctx.choice(("fktp", "fkrtl")))
    tr, body = page.top(page.h * (0.16 if page.h > page.w * 0.8 else 0.22), u * 3)
    title_block(c, tr, ctx, title, fac.name, readable_on(WHITE, pal.primary), (40, 40, 40))
    foot, body = body.bottom(body.h * 0.06, u * 2)
    _table(
        c,
        ctx,
        body,
        head,
        rows,
        pal.primary,
        (25, 25, 25),
        mix(pal.primary, WHITE, 0.88),
        (120, 120, 120),
    )
    text_box(
        c,
        foot,
        f"Berlaku mulai {date_text(ctx.rng)}",
        ctx.fonts.regular,
        (60, 60, 60),
        foot.h * 0.7,
        "right",
        "center",
    )


def table_board(c: Canvas, ctx: Ctx, content: str) -> None:
    """Draw a board-like table: dark or coloured board, rounded rows, big type."""
    pal = ctx.pal
    board = mix(pal.primary, (0, 0, 0), 0.45)
    c.draw.rectangle(c.rect.box, fill=board)
    u = unit(c)
    page = c.rect.inset(u * 5)
    title, head, rows = _table_rows(ctx, content)
    tr, body = page.top(page.h * 0.15, u * 3)
    text_box(c, tr, title, ctx.fonts.title, WHITE, tr.h * 0.6, "center", "center")
    _table(c, ctx, body, head, rows, pal.accent, WHITE, mix(board, WHITE, 0.12), None)


def table_striped(c: Canvas, ctx: Ctx, content: str) -> None:
    """Draw a striped table: title with an accent bar, solid header bar, zebra rows, footnote."""
    pal = ctx.pal
    paper = pal.panel if ctx.chance(0.5) else WHITE
    c.draw.rectangle(c.rect.box, fill=paper)
    u = unit(c)
    page = c.rect.inset(u * 6, u * 5)
    title, head, rows = _table_rows(ctx, content)
    ink = readable_on(paper, pal.text)
    tall = page.h > page.w * 0.8
    tr, body = page.top(page.h * (0.12 if tall else 0.2), u * 3)
    bar, tr = tr.left(u * 1.6, u * 3)
    c.draw.rectangle(bar.box, fill=pal.accent if ctx.chance(0.5) else pal.primary)
    fac = facility(ctx.rng, ctx.choice(("fktp", "fkrtl")))
    sub = fac.name if ctx.chance(0.6) else None
    title_block(c, tr, ctx, title, sub, readable_on(paper, pal.primary), ink, align="left")
    fh = max(body.h * 0.06, u * 4)
    body = body.top(min(body.h - fh - u * 2, (len(rows) + 1) * u * 10))[0]
    foot = Rect(body.x0, body.y1 + u * 2, body.x1, body.y1 + u * 2 + fh)
    numeric = (
        ("center", "left", "right") if content == "tarif" else ("left", "left", "left", "right")
    )
    _table(
        c,
        ctx,
        body,
        head,
        rows,
        pal.primary,
        ink,
        mix(pal.primary, paper, 0.88),
        None,
        aligns=numeric,
        radius=u * 1.5 if ctx.chance(0.5) else 0,
    )
    c.draw.line(
        [(body.x0, body.y1), (body.x1, body.y1)], fill=pal.primary, width=max(2, round(u * 0.5))
    )
    date, note = foot.right(foot.w * 0.3, u * 2)
    grey, small = mix(ink, paper, 0.35), foot.h * 0.75
    updated = f"Update: {date_text(ctx.rng)}"
    text_box(c, date, updated, ctx.fonts.regular, grey, small, "right", "center")
    text_box(
        c, note, ctx.choice(TABLE_NOTES[content]), ctx.fonts.regular, grey, small, "left", "center"
    )
