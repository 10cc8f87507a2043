"""Notices: an A4 memo, a welcome spanduk, a queue-number display and a QRIS payment stand."""

from __future__ import annotations

from datasets.synth.media.components import WHITE, Ctx, paint_background, unit
from datasets.synth.media.draw import (
    Canvas,
    Rect,
    draw_lines,
    fit_stack,
    mix,
    readable_on,
    text_box,
    wrap,
)
from datasets.synth.media.fonts import load_font
from datasets.synth.media.generic.words import MEMO_SENTENCES
from datasets.synth.media.icons import draw_facility_logo, draw_qr
from datasets.synth.media.palettes import Color
from datasets.synth.media.wording import date_text, facility, person_name


def memo_sheet(c: Canvas, ctx: Ctx, content: str) -> None:
    """Draw an A4 notice: letterhead, ``PENGUMUMAN`` title, paragraphs, and a signature."""
    pal = ctx.pal
    c.draw.rectangle(c.rect.box, fill=WHITE)
    u = unit(c)
    ink = (20, 20, 20)
    page = c.rect.inset(u * 7, u * 6)
    fac = facility(ctx.rng, ctx.choice(("fktp", "fkrtl")))
    kop, rest = page.top(page.h * 0.1, u * 2)
    lg, kt = kop.left(kop.h, u * 2)
    draw_facility_logo(
        c, lg, fac.name, pal.primary, WHITE, ctx.fonts.bold, int(ctx.rng.integers(3))
    )
    text_box(c, kt, fac.name.upper(), ctx.fonts.bold, ink, kt.h * 0.45, "center", "center")
    c.draw.line([(page.x0, rest.y0), (page.x1, rest.y0)], fill=ink, width=max(2, round(u * 0.5)))
    tr, rest = rest.inset(0, u * 2).top(page.h * 0.08, u * 2)
    text_box(
        c,
        tr,
        ctx.choice(("PENGUMUMAN", "PEMBERITAHUAN", "INFORMASI")),
        ctx.fonts.title,
        ink,
        tr.h * 0.8,
        "center",
        "center",
    )
    sig, body = rest.bottom(rest.h * 0.2, u * 3)
    k = int(ctx.rng.integers(3, 6))
    idx = ctx.rng.permutation(len(MEMO_SENTENCES))[:k]
    paras = [MEMO_SENTENCES[int(i)] for i in idx]
    size = fit_stack(paras, ctx.fonts.regular, body.w, body.h, 1.0, u * 3.2)
    y = body.y0
    for ptxt in paras:
        lines = wrap(ptxt, load_font(ctx.fonts.regular, size), body.w)
        used = draw_lines(
            c, Rect(body.x0, y, body.x1, body.y1), lines, ctx.fonts.regular, size, ink
        )
        y = used.y1 + size
    sr = sig.right(sig.w * 0.45)[0]
    text_box(
        c,
        sr,
        f"{fac.city}, {date_text(ctx.rng)}\n{fac.head_title}\n\n\n{person_name(ctx.rng)}",
        ctx.fonts.regular,
        ink,
        sig.h * 0.14,
        "center",
        "top",
    )


def welcome_spanduk(c: Canvas, ctx: Ctx, content: str) -> None:
    """``SELAMAT DATANG`` spanduk with the facility name and a motto."""
    pal = ctx.pal
    paint_background(c, ctx, style=ctx.choice(("gradient", "waves", "flat")))
    u = unit(c)
    fac = facility(ctx.rng, ctx.choice(("fktp", "fkrtl")))
    page = c.rect.inset(u * 5)
    if c.h > c.w:
        lg, rest = page.top(page.w * 0.5, u * 4)
    else:
        lg, rest = page.left(page.h * 0.8, u * 4)
    draw_facility_logo(
        c, lg, fac.name, pal.primary, WHITE, ctx.fonts.bold, int(ctx.rng.integers(3))
    )
    t1, rest = rest.top(rest.h * 0.28)
    t2, t3 = rest.top(rest.h * 0.6)
    text = readable_on(pal.bg, pal.text)
    text_box(
        c,
        t1,
        "SELAMAT DATANG",
        ctx.fonts.title,
        readable_on(pal.bg, pal.primary),
        t1.h * 0.9,
        "center",
        "center",
    )
    text_box(c, t2, f"DI {fac.name.upper()}", ctx.fonts.title, text, t2.h * 0.8, "center", "center")
    motto = ctx.choice(
        (
            "Melayani dengan Sepenuh Hati",
            "Sehat Bersama, Melayani Sepenuh Hati",
            "Kesehatan Anda Prioritas Kami",
            "Cepat, Tepat, Ramah",
        )
    )
    text_box(c, t3, motto, ctx.fonts.regular, text, t3.h * 0.7, "center", "center")


def queue_display(c: Canvas, ctx: Ctx, content: str) -> None:
    """Draw a queue-number display: dark screen, ``NOMOR ANTREAN``, a big number and the counter."""
    u = unit(c)
    screen = (15, 20, 30) if ctx.chance(0.7) else mix(ctx.pal.primary, (0, 0, 0), 0.5)
    c.draw.rectangle(c.rect.box, fill=(60, 60, 65))
    scr = c.rect.inset(u * 4)
    c.draw.rectangle(scr.box, fill=screen)
    top, rest = scr.inset(u * 4).top(scr.h * 0.22)
    num, bot = rest.top(rest.h * 0.7)
    digits: list[Color] = [(255, 60, 40), (255, 200, 0), (60, 255, 120), (255, 255, 255)]
    digit = digits[int(ctx.rng.integers(len(digits)))]
    text_box(
        c,
        top,
        ctx.choice(("NOMOR ANTREAN", "ANTREAN", "NOMOR PANGGILAN")),
        ctx.fonts.bold,
        WHITE,
        top.h * 0.8,
        "center",
        "center",
    )
    number = f"{ctx.choice(('A', 'B', 'C', 'D'))} {int(ctx.rng.integers(1, 300)):03d}"
    text_box(c, num, number, ctx.fonts.title, digit, num.h * 0.95, "center", "center", 1.0)
    text_box(
        c,
        bot,
        f"LOKET {int(ctx.rng.integers(1, 9))}",
        ctx.fonts.bold,
        WHITE,
        bot.h * 0.8,
        "center",
        "center",
    )


def qris_stand(c: Canvas, ctx: Ctx, content: str) -> None:
    """Draw a QR payment stand: header, merchant name, a QR-like block and small print."""
    pal = ctx.pal
    u = unit(c)
    c.draw.rectangle(c.rect.box, fill=WHITE)
    head, rest = c.rect.top(c.h * 0.16)
    c.draw.rectangle(head.box, fill=(200, 20, 40) if ctx.chance(0.6) else pal.primary)
    text_box(
        c,
        head.inset(u * 5, u * 3),
        "QRIS",
        ctx.fonts.title,
        WHITE,
        head.h * 0.7,
        "center",
        "center",
    )
    fac = facility(ctx.rng, ctx.choice(("fktp", "fkrtl")))
    nm, rest = rest.inset(u * 6, u * 4).top(rest.h * 0.12)
    text_box(c, nm, fac.name.upper(), ctx.fonts.bold, (20, 20, 20), nm.h * 0.5, "center", "center")
    q, foot = rest.top(rest.h * 0.75, u * 3)
    draw_qr(c, q, ctx.rng, (10, 10, 10), WHITE)
    text_box(
        c,
        foot,
        "Scan di sini untuk pembayaran. Satu QRIS untuk semua aplikasi pembayaran.",
        ctx.fonts.regular,
        (40, 40, 40),
        foot.h * 0.3,
        "center",
        "center",
    )
