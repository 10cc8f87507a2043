"""BPJS-branded lookalikes: same palettes, logos, fonts and layout vocabulary as Janji media."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
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
    fit_many,
    fit_stack,
    mix,
    readable_on,
    rgba,
    stands_out,
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


def _surface(ctx: Ctx, text: Color) -> Color:
    """Return the colour under body text from ``page_header``: its panel or the background."""
    return ctx.pal.panel if text == ctx.pal.panel_text else ctx.pal.bg


def _corner_marks(c: Canvas, r: Rect, color: Color, lw: int, arm: float) -> None:
    """Draw L-shaped marks ``arm`` pixels long at the four corners of ``r``."""
    for x, dx in ((r.x0, 1), (r.x1, -1)):
        for y, dy in ((r.y0, 1), (r.y1, -1)):
            c.draw.line([(x + dx * arm, y), (x, y), (x, y + dy * arm)], fill=color, width=lw)


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
        _sub(ctx),
        0.16,
    )
    body = body if body.w > body.h * 8 else _bpjs_strip(c, ctx, body)
    u, pal = unit(c), ctx.pal
    fill = pal.panel if ctx.chance(0.7) else _surface(ctx, text)
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


def _chevron(c: Canvas, r: Rect, fill: Color, tip: float, down: bool, notch: bool) -> None:
    """Draw an arrow-shaped block filling ``r`` pointing right (or down), notched at its back."""
    n = tip if notch else 0.0
    if down:
        pts = [(r.x0, r.y0), (r.cx, r.y0 + n), (r.x1, r.y0), (r.x1, r.y1 - tip), (r.cx, r.y1)]
        pts.append((r.x0, r.y1 - tip))
    else:
        pts = [(r.x0, r.y0), (r.x1 - tip, r.y0), (r.x1, r.cy), (r.x1 - tip, r.y1), (r.x0, r.y1)]
        pts.append((r.x0 + n, r.cy))
    c.draw.polygon(pts, fill=fill)


def _chevron_band(
    c: Canvas, ctx: Ctx, r: Rect, n: int, down: bool, surface: Color
) -> tuple[list[Rect], list[Color], float]:
    """Draw ``n`` nested chevrons across (or down) ``r``; return boxes, fills and tip depth."""
    pal, g = ctx.pal, unit(c) * 0.8
    step = (r.h if down else r.w) / n
    tip = min(step * 0.3, (r.w if down else r.h) * (0.14 if down else 0.4))
    cells = r.rows(n, g - tip) if down else r.cols(n, g - tip)
    a = stands_out(surface, pal.primary, pal.secondary, pal.accent, diff=0.2)
    b = stands_out(surface, pal.secondary, pal.accent, pal.primary, diff=0.2)
    if b == a:
        b = mix(a, readable_on(surface, (20, 20, 20)), 0.35)
    blend = ctx.chance(0.5)
    fills = [mix(a, b, i / max(1, n - 2)) if blend else (a, b)[i % 2] for i in range(n - 1)]
    fills.append(stands_out(surface, pal.accent, b, diff=0.2))
    for i, (cell, fill) in enumerate(zip(cells, fills, strict=True)):
        _chevron(c, cell, fill, tip, down, i > 0)
    return cells, fills, tip


def _chevron_inner(b: Rect, tip: float, down: bool) -> Rect:
    """The part of a chevron box that text may use (clear of its notch and point)."""
    if down:
        return Rect(b.x0 + b.w * 0.1, b.y0 + tip, b.x1 - b.w * 0.1, b.y1 - tip * 0.9)
    return Rect(b.x0 + tip * 0.9, b.y0 + b.h * 0.12, b.x1 - tip * 0.6, b.y1 - b.h * 0.12)


_ALUR_ICONS = ("id_card", "check", "clock", "person", "syringe", "pill", "smile")


def _step_icon(c: Canvas, r: Rect, fill: Color, step: str) -> Rect:
    """Draw a flow step's icon in a circle at the top of ``r``; return the space under it."""
    group = next((g for g, opts in enumerate(ALUR_STEPS) if step in opts), len(ALUR_STEPS))
    ic, rest = r.top(min(r.w * 0.45, r.h * 0.38), r.h * 0.06)
    circ = ic.square()
    c.draw.ellipse(circ.box, fill=fill)
    draw_icon(c, _ALUR_ICONS[group], circ.inset(circ.w * 0.22), readable_on(fill, WHITE), fill)
    return rest


def alur_chevrons(c: Canvas, ctx: Ctx, content: str) -> None:
    """Service flow as a band of chevrons: across on wide media, pointing down on tall ones."""
    body, text = page_header(
        c,
        ctx,
        ctx.choice(("ALUR PELAYANAN PESERTA JKN", "ALUR PELAYANAN PASIEN JKN", "Alur Pelayanan")),
        _sub(ctx),
        0.17,
    )
    body = _bpjs_strip(c, ctx, body)
    u = unit(c)
    steps = [*_alur_steps(ctx), f"{ALUR_ENDS[0]} / {ctx.choice(ALUR_ENDS[1:])}"]
    n = len(steps)
    down = body.w < body.h * 1.2
    side = down and ctx.chance(0.5)  # narrow chevrons, step text beside them
    below = not down and body.h > body.w / n * 1.3  # chevrons across, icons and text under them
    bh = min(body.h * (0.32 if below else 1.0), body.w / n * 0.8)
    th = min(body.h - bh - u * 2, bh * 1.5) if below else -u * 2
    if side:
        band = body.left(min(body.w * 0.3, body.h / n * 1.6))[0]
    elif down:
        band = body
    else:
        band = body.inset(0, (body.h - bh - th - u * 2) / 2).top(bh)[0]
    cells, fills, tip = _chevron_band(c, ctx, band, n, down, _surface(ctx, text))
    inner = [_chevron_inner(b, tip, down) for b in cells]
    colors = [readable_on(f, WHITE) for f in fills]
    labels = list(steps)
    if side or below:
        for i, (r, on) in enumerate(zip(inner, colors, strict=True)):
            text_box(c, r, str(i + 1), ctx.fonts.title, on, r.h * 0.8, "center", "center", 1.0)
        colors = [text] * n
        if side:
            inner = [Rect(band.x1 + u * 3, b.y0 + tip / 2, body.x1, b.y1 - tip / 2) for b in cells]
        else:
            y0 = band.y1 + u * 2
            under = [Rect(b.x0 + tip / 2, y0, b.x1 - tip / 2, y0 + th) for b in cells]
            inner = [_step_icon(c, r, f, s) for r, f, s in zip(under, fills, steps, strict=True)]
    elif ctx.chance(0.4):
        labels = [f"{i + 1}. {s}" for i, s in enumerate(steps)]
    path = ctx.fonts.bold
    cap = min(inner[0].h * 0.4, max(u * 5, inner[0].h * 0.25))
    size = fit_many(labels, path, inner[0].w, inner[0].h, cap)
    for label, r, on in zip(labels, inner, colors, strict=True):
        lines = wrap(label, load_font(path, size), r.w)
        align = "left" if side else "center"
        draw_lines(c, r, lines, path, size, on, align, "top" if below else "center")


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


def _qr_card(c: Canvas, ctx: Ctx, r: Rect, text: Color, mark: Color) -> None:
    """Draw a QR-like block on a white card with scan-frame corners and a caption under it."""
    u = unit(c)
    cap, q = r.bottom(min(r.h * 0.16, u * 7), u * 1.5)
    sq = q.square(min(q.w, q.h) * 0.9)
    c.draw.rounded_rectangle(sq.box, radius=sq.w * 0.05, fill=WHITE)
    _corner_marks(c, sq.inset(-sq.w * 0.04), mark, max(2, round(sq.w * 0.025)), sq.w * 0.2)
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
        _sub(ctx),
        0.15,
    )
    u = unit(c)
    shape = shape_of(c)
    surface = _surface(ctx, text)
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


def _bubble(c: Canvas, r: Rect, fill: Color, tail_right: bool) -> Rect:
    """Draw a speech bubble (rounded box, tail under one end) filling ``r``; return its box."""
    t = min(r.h * 0.2, r.w * 0.18)
    box = Rect(r.x0, r.y0, r.x1, r.y1 - t)
    rad = min(box.w, box.h) * 0.28
    c.draw.rounded_rectangle(box.box, radius=rad, fill=fill)
    off = max(box.w * 0.2, rad + t * 0.6)
    bx = box.x1 - off if tail_right else box.x0 + off
    tip = bx + t * (0.9 if tail_right else -0.9)
    c.draw.polygon(
        [(bx - t * 0.55, box.y1 - 1), (bx + t * 0.55, box.y1 - 1), (tip, r.y1)], fill=fill
    )
    return box


def _care_165(c: Canvas, ctx: Ctx, box: Rect, fill: Color) -> None:
    """Fill the big bubble: a phone icon, a Care Center label and a huge ``165``."""
    on = readable_on(fill, WHITE)
    inner = box.inset(min(box.w, box.h) * 0.12)
    across = inner.w > inner.h * 1.5
    if across:
        ic, rest = inner.left(min(inner.h * 0.75, inner.w * 0.25), inner.w * 0.04)
    else:
        ic, rest = inner.top(inner.h * 0.3, inner.h * 0.04)
    circ = ic.square()
    c.draw.ellipse(circ.box, fill=on)
    draw_icon(c, "phone", circ.inset(circ.w * 0.22), fill, on)
    lab, num = rest.top(rest.h * 0.3)
    align = "left" if across else "center"
    label = ctx.choice(("Care Center", "BPJS Kesehatan Care Center", "Layanan 24 Jam Care Center"))
    text_box(c, lab, label, ctx.fonts.bold, on, lab.h * 0.8, align, "center")
    text_box(c, num, "165", ctx.fonts.title, on, num.h * 0.95, align, "center", 1.0)


def _bubble_parts(
    boxes: list[Rect], labels: list[str], path: str, u: float
) -> tuple[list[tuple[Rect, Rect]], int, bool]:
    """Split bubbles into icon and text, side by side or stacked, whichever fits larger text."""
    best: tuple[list[tuple[Rect, Rect]], int, bool] = ([], 0, False)
    for stacked in (False, True):
        inner = [b.inset(min(b.w, b.h) * 0.16) for b in boxes]
        parts = [
            r.top(min(r.h * 0.4, r.w * 0.3), u * 1.5)
            if stacked
            else r.left(min(r.h * 0.68, r.w * 0.25), u * 1.5)
            for r in inner
        ]
        t = parts[0][1]
        size = fit_many(labels, path, t.w, t.h, t.h * (0.3 if stacked else 0.4))
        if size > best[1]:
            best = (parts, size, stacked)
    return best


def care_bubbles(c: Canvas, ctx: Ctx, content: str) -> None:
    """Complaint channels in speech bubbles, Care Center 165 in one large bubble."""
    body, text = page_header(
        c,
        ctx,
        ctx.choice(("SAMPAIKAN KELUHAN ANDA", "LAYANAN PENGADUAN PESERTA JKN", "Ada Keluhan?")),
        ctx.choice(("BPJS Kesehatan Care Center 165", "Kami siap mendengar", "Peserta JKN")),
        0.16,
    )
    u, pal = unit(c), ctx.pal
    surface = _surface(ctx, text)
    big_fill = stands_out(surface, pal.primary, pal.secondary, pal.accent)
    lead = pal.accent if ctx.chance(0.5) else pal.secondary
    small_fill = stands_out(surface, lead, pal.secondary)
    if small_fill == big_fill:
        small_fill = mix(big_fill, surface, 0.35)
    if body.w > body.h * 1.2:
        big, rest = body.left(min(body.w * 0.38, body.h * 1.6), u * 4)
    else:
        big, rest = body.top(body.h * 0.34, u * 4)
    _care_165(c, ctx, _bubble(c, big, big_fill, ctx.chance(0.5)), big_fill)
    chans = list(CARE_CHANNELS[1 : 1 + int(ctx.rng.integers(3, len(CARE_CHANNELS)))])
    cols = choose_cols(rest, len(chans), 2.6, 3)
    cells = rest.grid(math.ceil(len(chans) / cols), cols, u * 3)
    on = readable_on(small_fill, WHITE)
    boxes = [_bubble(c, cell, small_fill, i % 2 == 1) for i, cell in enumerate(cells[: len(chans)])]
    path = ctx.fonts.bold
    parts, size, stacked = _bubble_parts(boxes, [t for _, t in chans], path, u)
    align = "center" if stacked else "left"
    for (icon, label), (ic, tr) in zip(chans, parts, strict=True):
        draw_icon(c, icon, ic, on, small_fill)
        lines = wrap(label, load_font(path, size), tr.w)
        draw_lines(c, tr, lines, path, size, on, align, "center")


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
    _corner_marks(c, r.inset(u * 1.2), mark, max(2, round(u * 0.7)), arm)
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
    "hak_table": hak_table,
    "alur_chevrons": alur_chevrons,
    "antrean_qr_center": antrean_qr_center,
    "care_bubbles": care_bubbles,
    "maklumat_framed": maklumat_framed,
}
