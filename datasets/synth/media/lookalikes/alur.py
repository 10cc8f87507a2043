"""Alur Pelayanan lookalikes: a flowchart of boxes, a snake grid of step circles, chevrons."""

from __future__ import annotations

import math
from itertools import pairwise

from datasets.synth.media.components import WHITE, Ctx, choose_cols, marker, unit
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
from datasets.synth.media.icons import draw_icon
from datasets.synth.media.lookalikes.common import body_surface, bpjs_strip, page_header, sub
from datasets.synth.media.palettes import Color
from datasets.synth.media.wording import ALUR_ENDS, ALUR_STEPS, pick


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
        sub(ctx),
        0.17,
    )
    body = bpjs_strip(c, ctx, body)
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
        c, ctx, ctx.choice(("ALUR PELAYANAN PESERTA JKN", "ALUR PELAYANAN")), sub(ctx), 0.17
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
        sub(ctx),
        0.17,
    )
    body = bpjs_strip(c, ctx, body)
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
    cells, fills, tip = _chevron_band(c, ctx, band, n, down, body_surface(ctx, text))
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
