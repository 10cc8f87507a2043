"""Antrean Online lookalikes: a phone mock-up by the steps, step cards, a QR block in the centre."""

from __future__ import annotations

import math

from datasets.synth.media.components import WHITE, Ctx, choose_cols, item_list, marker, unit
from datasets.synth.media.draw import (
    Canvas,
    Rect,
    draw_lines,
    fit_many,
    fit_stack,
    mix,
    readable_on,
    stands_out,
    text_box,
    wrap,
)
from datasets.synth.media.fonts import load_font
from datasets.synth.media.icons import draw_qr
from datasets.synth.media.janji import shape_of
from datasets.synth.media.lookalikes.common import (
    body_surface,
    bpjs_strip,
    corner_marks,
    page_header,
    sub,
)
from datasets.synth.media.palettes import Color
from datasets.synth.media.wording import ANTREAN_STEPS


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
        sub(ctx),
        0.16,
    )
    body = bpjs_strip(c, ctx, body)
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
        sub(ctx),
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


def _qr_card(c: Canvas, ctx: Ctx, r: Rect, text: Color, mark: Color) -> None:
    """Draw a QR-like block on a white card with scan-frame corners and a caption under it."""
    u = unit(c)
    cap, q = r.bottom(min(r.h * 0.16, u * 7), u * 1.5)
    sq = q.square(min(q.w, q.h) * 0.9)
    c.draw.rounded_rectangle(sq.box, radius=sq.w * 0.05, fill=WHITE)
    corner_marks(c, sq.inset(-sq.w * 0.04), mark, max(2, round(sq.w * 0.025)), sq.w * 0.2)
    draw_qr(c, sq.inset(sq.w * 0.08), ctx.rng, (15, 15, 15), WHITE)
    label = ctx.choice(("Scan untuk unduh Mobile JKN", "SCAN DI SINI", "Pindai kode QR"))
    text_box(c, cap, label, ctx.fonts.bold, text, cap.h * 0.7, "center", "center")


def _store_mark(c: Canvas, r: Rect, play: bool) -> None:
    """Draw a small play-triangle or apple-like mark in the square ``r``."""
    s = r.square()
    if play:
        a, b, tip, m = (s.x0, s.y0), (s.x0, s.y1), (s.x1, s.cy), (s.x0 + s.w * 0.45, s.cy)
        c.draw.polygon([a, m, tip], fill=(52, 168, 83))
        c.draw.polygon([m, b, tip], fill=(234, 67, 53))
        c.draw.polygon([a, b, m], fill=(66, 133, 244))
        k = s.x1 - s.w * 0.3
        c.draw.polygon([(k, s.cy - s.h * 0.15), (k, s.cy + s.h * 0.15), tip], fill=(251, 188, 5))
        return
    body = Rect(s.x0 + s.w * 0.08, s.y0 + s.h * 0.25, s.x1 - s.w * 0.08, s.y1)
    c.draw.ellipse(body.box, fill=WHITE)
    c.draw.ellipse(body.inset(-s.w * 0.05).left(s.w * 0.3)[0].box, fill=WHITE)
    c.draw.ellipse(
        (s.x1 - s.w * 0.22, s.cy - s.h * 0.05, s.x1 + s.w * 0.1, s.cy + s.h * 0.3),
        fill=(18, 18, 18),
    )
    c.draw.ellipse((s.cx, s.y0, s.cx + s.w * 0.22, s.y0 + s.h * 0.22), fill=WHITE)


def _store_badges(c: Canvas, ctx: Ctx, r: Rect) -> None:
    """Draw two app-store-like badges (dark plate, mark, two lines) centred in ``r``."""
    stacked = r.h > r.w * 0.5
    bh = min(r.h / 2.3, r.w / 3.4) if stacked else min(r.h, r.w / 7.0)
    bw, gap = bh * 3.2, bh * 0.35
    if stacked:
        y = r.cy - bh - gap / 2
        boxes = [
            Rect(r.cx - bw / 2, y + k * (bh + gap), r.cx + bw / 2, y + k * (bh + gap) + bh)
            for k in range(2)
        ]
    else:
        x = r.cx - bw - gap / 2
        boxes = [
            Rect(x + k * (bw + gap), r.cy - bh / 2, x + k * (bw + gap) + bw, r.cy + bh / 2)
            for k in range(2)
        ]
    id_ = ctx.chance(0.5)
    words = (("TERSEDIA DI", "Google Play"), ("Unduh di", "App Store"))
    if not id_:
        words = (("GET IT ON", "Google Play"), ("Download on the", "App Store"))
    for k, (box, (small, big)) in enumerate(zip(boxes, words, strict=True)):
        c.draw.rounded_rectangle(
            box.box,
            radius=bh * 0.18,
            fill=(18, 18, 18),
            outline=(150, 150, 150),
            width=max(1, round(bh * 0.03)),
        )
        m, t = box.inset(bh * 0.16).left(bh * 0.62, bh * 0.14)
        _store_mark(c, m, k == 0)
        top, bot = t.top(t.h * 0.36)
        text_box(c, top, small, ctx.fonts.regular, WHITE, top.h, "left", "center", 1.0)
        text_box(c, bot, big, ctx.fonts.bold, WHITE, bot.h, "left", "center", 1.0)


def _step_columns(
    c: Canvas, ctx: Ctx, cols: list[Rect], chunks: list[list[str]], text: Color, fill: Color
) -> None:
    """Draw numbered steps split over ``cols`` at one common size, the numbering carried on."""
    u = unit(c)
    per = max(len(ch) for ch in chunks)
    gap = u * 2
    row_h = (cols[0].h - gap * (per - 1)) / per
    mk = min(row_h * 0.75, cols[0].w * 0.14, u * 7)
    path = ctx.fonts.regular
    size = fit_many([s for ch in chunks for s in ch], path, cols[0].w - mk * 1.35, row_h, mk * 0.7)
    start = 0
    for col, chunk in zip(cols, chunks, strict=True):
        for k, (row, step) in enumerate(zip(col.rows(per, gap), chunk, strict=False)):
            m, t = row.left(mk, mk * 0.35)
            m = Rect(m.x0, m.cy - mk / 2, m.x1, m.cy + mk / 2)
            marker(c, m, ctx, "number", start + k, "", fill, readable_on(fill, WHITE))
            draw_lines(
                c, t, wrap(step, load_font(path, size), t.w), path, size, text, "left", "center"
            )
        start += len(chunk)


def antrean_qr_center(c: Canvas, ctx: Ctx, content: str) -> None:
    """Big QR-like block in the centre, steps around or below it, store badges at the bottom."""
    body, text = page_header(
        c,
        ctx,
        ctx.choice(
            ("ANTREAN ONLINE MOBILE JKN", "Antrean Online Mobile JKN", "AMBIL ANTREAN ONLINE")
        ),
        sub(ctx),
        0.15,
    )
    u = unit(c)
    shape = shape_of(c)
    surface = body_surface(ctx, text)
    mark = stands_out(surface, ctx.pal.accent, ctx.pal.primary, ctx.pal.secondary)
    fill = stands_out(surface, ctx.pal.primary, ctx.pal.secondary, ctx.pal.accent)
    if shape == "wide":
        badges, body = body.right(min(body.w * 0.15, body.h * 1.5), u * 3)
    else:
        badges, body = body.bottom(min(body.h * 0.1, body.w / 7.5), u * 3)
    _store_badges(c, ctx, badges)
    steps = list(ANTREAN_STEPS[: int(ctx.rng.integers(4, len(ANTREAN_STEPS) + 1))])
    k = math.ceil(len(steps) / 2)
    if body.w > body.h * 1.15:
        qw = min(body.h, body.w * 0.3)
        left, rest = body.left((body.w - qw) / 2 - u * 3, u * 3)
        mid, right = rest.left(qw, u * 3)
        _qr_card(c, ctx, mid, text, mark)
        _step_columns(c, ctx, [left, right], [steps[:k], steps[k:]], text, fill)
        return
    qr, rest = body.top(min(body.h * 0.42, body.w * 0.7), u * 3)
    _qr_card(c, ctx, qr, text, mark)
    if shape == "portrait":
        _step_columns(c, ctx, rest.cols(2, u * 4), [steps[:k], steps[k:]], text, fill)
    else:
        _step_columns(c, ctx, [rest], [steps], text, fill)
