"""Other signs of health facilities: room plates, pictograms, campaigns, tables, notices."""

from __future__ import annotations

import math
from collections.abc import Callable
from itertools import pairwise

from datasets.synth.media.components import (
    WHITE,
    Ctx,
    choose_cols,
    head_split,
    item_list,
    logo_row,
    marker,
    paint_background,
    photo_block,
    title_block,
    unit,
)
from datasets.synth.media.draw import (
    Canvas,
    Rect,
    draw_lines,
    fit_many,
    fit_stack,
    fit_text,
    mix,
    readable_on,
    rgba,
    text_box,
    wrap,
)
from datasets.synth.media.fonts import load_font
from datasets.synth.media.icons import (
    draw_facility_logo,
    draw_icon,
    draw_kemenkes_like,
    draw_qr,
)
from datasets.synth.media.janji import shape_of
from datasets.synth.media.palettes import Color
from datasets.synth.media.wording import city, date_text, facility, person_name, pick

GenericLayout = Callable[[Canvas, Ctx, str], None]

SIGN_ASPECTS: dict[str, tuple[float, float]] = {
    "room_plate": (2.2, 5.0),
    "no_smoking": (0.65, 1.6),
    "toilet": (0.7, 2.4),
    "exit_sign": (1.6, 2.6),
    "apar": (0.6, 1.4),
    "jadwal_dokter": (1.2, 1.8),
    "tarif": (0.7, 1.4),
    "queue_display": (1.4, 2.2),
    "qris_stand": (0.62, 0.8),
}
"""Width/height range of each content when drawn as a small sign."""

ROOMS = (
    ("PENDAFTARAN", "REGISTRATION", "id_card"),
    ("APOTEK", "PHARMACY", "pill"),
    ("LOKET 1", "COUNTER 1", "people"),
    ("LOKET 2", "COUNTER 2", "people"),
    ("LABORATORIUM", "LABORATORY", "drop"),
    ("RUANG TUNGGU", "WAITING ROOM", "clock"),
    ("RADIOLOGI", "RADIOLOGY", "person"),
    ("INFORMASI", "INFORMATION", "chat"),
    ("POLI UMUM", "GENERAL CLINIC", "cross"),
    ("POLI GIGI", "DENTAL CLINIC", "smile"),
    ("KASIR", "CASHIER", "money"),
    ("IGD", "EMERGENCY", "cross"),
    ("RUANG TINDAKAN", "TREATMENT ROOM", "bed"),
    ("POLI KIA", "MATERNAL & CHILD", "heart"),
    ("RUANG LAKTASI", "LACTATION ROOM", "heart"),
    ("REKAM MEDIS", "MEDICAL RECORDS", "document"),
)
PICTOS: dict[str, tuple[str, tuple[str, ...], Color]] = {
    "no_smoking": (
        "no_smoking",
        ("DILARANG MEROKOK", "KAWASAN TANPA ROKOK", "NO SMOKING"),
        (200, 30, 30),
    ),
    "toilet": ("toilet", ("TOILET", "TOILET PRIA / WANITA", "WC"), (30, 80, 160)),
    "exit_sign": ("exit", ("KELUAR", "EXIT", "JALUR EVAKUASI", "PINTU DARURAT"), (0, 140, 70)),
    "apar": ("apar", ("APAR", "ALAT PEMADAM API RINGAN", "FIRE EXTINGUISHER"), (200, 30, 30)),
}
CAMPAIGNS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "hand_washing": (
        ("CUCI TANGAN PAKAI SABUN", "6 LANGKAH CUCI TANGAN", "AYO CUCI TANGAN!"),
        (
            "Basahi tangan dengan air mengalir dan beri sabun",
            "Gosok kedua telapak tangan",
            "Gosok punggung tangan dan sela-sela jari",
            "Gosok sela-sela jari dengan jari saling mengunci",
            "Gosok ibu jari secara berputar",
            "Gosok ujung jari, bilas dengan air dan keringkan",
        ),
        ("hand", "drop", "hand", "hand", "hand", "drop"),
    ),
    "stunting": (
        ("CEGAH STUNTING", "CEGAH STUNTING ITU PENTING", "STOP STUNTING"),
        (
            "Penuhi gizi ibu hamil",
            "ASI eksklusif 6 bulan",
            "MP-ASI bergizi seimbang",
            "Pantau tumbuh kembang di Posyandu",
            "Akses air bersih dan sanitasi",
            "Imunisasi dasar lengkap",
        ),
        ("heart", "heart", "pill", "calendar", "drop", "syringe"),
    ),
    "imunisasi": (
        ("IMUNISASI LENGKAP", "AYO IMUNISASI", "BULAN IMUNISASI ANAK NASIONAL"),
        (
            "Hepatitis B (0-24 jam)",
            "BCG dan Polio 1 (1 bulan)",
            "DPT-HB-Hib dan Polio (2-4 bulan)",
            "Campak Rubela (9 bulan)",
            "Bawa Buku KIA setiap kunjungan",
            "Gratis di Puskesmas dan Posyandu",
        ),
        ("syringe", "syringe", "syringe", "syringe", "document", "heart"),
    ),
    "dbd_3m": (
        ("3M PLUS CEGAH DBD", "BERANTAS SARANG NYAMUK", "AWAS DEMAM BERDARAH"),
        (
            "Menguras tempat penampungan air",
            "Menutup rapat tempat penampungan air",
            "Mendaur ulang barang bekas",
            "Plus: gunakan lotion anti nyamuk",
            "Plus: tanam tanaman pengusir nyamuk",
        ),
        ("drop", "drop", "check", "hand", "heart"),
    ),
    "tb_campaign": (
        ("AYO TEMUKAN TBC, OBATI SAMPAI SEMBUH", "KENALI GEJALA TBC", "TOSS TBC"),
        (
            "Batuk lebih dari 2 minggu",
            "Demam dan berkeringat malam hari",
            "Berat badan turun tanpa sebab",
            "Segera periksa ke Puskesmas",
            "Pengobatan TBC gratis sampai sembuh",
        ),
        ("chat", "clock", "person", "building", "pill"),
    ),
    "vaksinasi_banner": (
        ("VAKSINASI", "AYO VAKSIN!", "LAYANAN VAKSINASI"),
        (
            "Bawa KTP / Kartu Keluarga",
            "Dalam kondisi sehat",
            "Gunakan masker",
            "Senin - Jumat, 08.00 - 12.00 WIB",
            "Lokasi: Aula Lantai 2",
        ),
        ("id_card", "heart", "person", "calendar", "map"),
    ),
}
MEMO_SENTENCES = (
    "Sehubungan dengan adanya kegiatan pemeliharaan sistem informasi, pelayanan pendaftaran "
    "dialihkan sementara ke loket 3.",
    "Diberitahukan kepada seluruh pengunjung bahwa jam besuk pasien rawat inap adalah pukul "
    "11.00 - 13.00 dan 17.00 - 19.00.",
    "Pengunjung diharapkan menjaga kebersihan dan ketertiban selama berada di lingkungan "
    "fasilitas kesehatan.",
    "Setiap pasien wajib membawa kartu identitas dan surat rujukan apabila diperlukan.",
    "Anak di bawah usia 12 tahun tidak diperkenankan berkunjung ke ruang rawat inap.",
    "Atas perhatian dan kerja samanya kami ucapkan terima kasih.",
    "Pelayanan poli spesialis pada hari Sabtu dimulai pukul 08.00 sampai dengan selesai.",
    "Dimohon untuk tidak meninggalkan barang berharga tanpa pengawasan.",
)
POLIS = (
    "Poli Umum",
    "Poli Gigi",
    "Poli Anak",
    "Poli Dalam",
    "Poli Kandungan",
    "Poli Mata",
    "Poli Bedah",
    "Poli Saraf",
    "Poli THT",
    "Poli KIA",
)
DAYS = (
    "Senin",
    "Selasa",
    "Rabu",
    "Kamis",
    "Jumat",
    "Sabtu",
    "Senin - Kamis",
    "Senin - Jumat",
    "Selasa & Kamis",
)
SERVICES = (
    "Pemeriksaan Umum",
    "Cabut Gigi",
    "Tambal Gigi",
    "Cek Gula Darah",
    "Cek Kolesterol",
    "Cek Asam Urat",
    "Rawat Luka",
    "Surat Keterangan Sehat",
    "Nebulizer",
    "EKG",
    "Rontgen Thorax",
    "Pemeriksaan Darah Lengkap",
    "Khitan",
    "Konsultasi Gizi",
    "USG",
    "Jahit Luka",
)

TABLE_NOTES = {
    "tarif": (
        "* Tarif berlaku untuk pasien umum",
        "* Sesuai Peraturan Daerah tentang Retribusi Pelayanan Kesehatan",
        "* Peserta JKN dilayani sesuai ketentuan BPJS Kesehatan",
    ),
    "jadwal_dokter": (
        "* Jadwal dapat berubah sewaktu-waktu",
        "* Pendaftaran ditutup 30 menit sebelum praktik berakhir",
        "* Pasien JKN wajib membawa surat rujukan dari FKTP",
    ),
}
"""Footnotes under printed tables, by content."""


def _arrow(c: Canvas, a: Rect, direction: str, fill: Color) -> None:
    """Draw a block arrow pointing ``right``, ``left`` or ``up`` inside the square ``a``."""
    pts = [
        (a.x0, a.y0 + a.h * 0.35),
        (a.cx, a.y0 + a.h * 0.35),
        (a.cx, a.y0),
        (a.x1, a.cy),
        (a.cx, a.y1),
        (a.cx, a.y1 - a.h * 0.35),
        (a.x0, a.y1 - a.h * 0.35),
    ]
    if direction == "left":
        pts = [(a.x0 + a.x1 - x, y) for x, y in pts]
    elif direction == "up":
        pts = [(a.cx + y - a.cy, a.cy - x + a.cx) for x, y in pts]
    c.draw.polygon(pts, fill=fill)


def _room_name(
    c: Canvas,
    ctx: Ctx,
    r: Rect,
    name: str,
    english: str | None,
    fg: Color,
    fg2: Color,
    align: str = "center",
    cap: float | None = None,
) -> None:
    """Draw a room name in ``r``, its English name (if any) under it, at most ``cap`` x as big."""
    if english is None:
        text_box(c, r, name, ctx.fonts.title, fg, r.h * 0.7, align, "center", 1.05)
        return
    top, bot = r.top(r.h * 0.65, r.h * 0.05)
    size, _ = text_box(c, top, name, ctx.fonts.title, fg, top.h * 0.95, align, "center", 1.05)
    sub = bot.h * 0.8 if cap is None else min(bot.h * 0.8, size * cap)
    text_box(c, bot, english, ctx.fonts.regular, fg2, sub, align, "center", 1.05)


def plate_simple(c: Canvas, ctx: Ctx, content: str) -> None:
    """Draw a room name plate: solid or bordered, big name, optional English line and arrow."""
    name, english, _ = ROOMS[int(ctx.rng.integers(len(ROOMS)))]
    pal = ctx.pal
    u = unit(c)
    solid = ctx.chance(0.6)
    fill = pal.primary if solid else WHITE
    c.draw.rectangle(c.rect.box, fill=fill)
    if not solid:
        c.draw.rectangle(c.rect.inset(u * 3).box, outline=pal.primary, width=max(2, round(u * 2)))
    fg = readable_on(fill, pal.on_primary if solid else pal.primary)
    inner = c.rect.inset(u * 10, u * 8)
    if ctx.chance(0.35):
        arrow, inner = inner.right(inner.h * 0.8, u * 4)
        _arrow(c, arrow.square(), "right", fg)
    _room_name(c, ctx, inner, name, english if ctx.chance(0.5) else None, fg, fg)
    if ctx.chance(0.5):
        c.draw.rectangle((0, c.h - u * 6, c.w, c.h), fill=pal.accent)


def plate_icon(c: Canvas, ctx: Ctx, content: str) -> None:
    """Draw a two-tone room plate: icon block on one side, name (and English) on the other."""
    name, english, icon = ROOMS[int(ctx.rng.integers(len(ROOMS)))]
    pal = ctx.pal
    u = unit(c)
    c.draw.rectangle(c.rect.box, fill=pal.panel)
    blk, rest = c.rect.left(c.h * ctx.uniform(0.9, 1.2))
    if ctx.chance(0.5):
        blk, rest = c.rect.right(c.h * ctx.uniform(0.9, 1.2))
    c.draw.rectangle(blk.box, fill=pal.primary)
    draw_icon(c, icon, blk.inset(blk.w * 0.2), readable_on(pal.primary, WHITE), pal.primary)
    inner = rest.inset(u * 8, u * 10)
    top, bot = inner.top(inner.h * 0.62, inner.h * 0.06)
    text_box(c, top, name, ctx.fonts.title, pal.panel_text, top.h, "left", "center", 1.05)
    text_box(
        c,
        bot,
        english,
        ctx.fonts.regular,
        mix(pal.panel_text, WHITE, 0.3),
        bot.h * 0.8,
        "left",
        "center",
        1.05,
    )


def _hangers(c: Canvas, ctx: Ctx, top: float, fill: Color) -> None:
    """Draw two metal hanger tabs, or two cords with rings, above the height ``top``."""
    u = unit(c)
    metal, dark = (178, 180, 184), (85, 88, 92)
    f = ctx.uniform(0.1, 0.22)
    tabs = ctx.chance(0.5)
    for x in (c.w * f, c.w * (1 - f)):
        if tabs:
            t = Rect(x - top * 0.4, 0, x + top * 0.4, top + u * 3)
            c.draw.rounded_rectangle(t.box, radius=t.w * 0.25, fill=metal, outline=dark, width=1)
            hole = t.square(t.w * 0.36)
            c.draw.ellipse(
                Rect(hole.x0, t.y0 + t.w * 0.2, hole.x1, t.y0 + t.w * 0.56).box, fill=dark
            )
        else:
            ring = top * 0.28
            c.draw.line([(x, 0), (x, top - ring)], fill=dark, width=max(2, round(u)))
            box = (x - ring, top - ring * 1.5, x + ring, top + ring * 0.5)
            c.draw.ellipse(box, outline=metal, width=max(2, round(ring * 0.4)))
    c.draw.line([(0, top), (c.w, top)], fill=mix(fill, (0, 0, 0), 0.3), width=1)


def plate_hanging(c: Canvas, ctx: Ctx, content: str) -> None:
    """Draw a ceiling-hung room sign: hangers on top, a name band with a direction arrow."""
    name, english, icon = ROOMS[int(ctx.rng.integers(len(ROOMS)))]
    pal = ctx.pal
    u = unit(c)
    back = pal.panel if ctx.chance(0.5) else mix(pal.primary, (0, 0, 0), 0.55)
    c.draw.rectangle(c.rect.box, fill=back)
    top = c.h * ctx.uniform(0.15, 0.22)
    band = Rect(u * 3, top, c.w - u * 3, c.h - u * 3)
    fill = pal.primary
    c.draw.rounded_rectangle(band.box, radius=u * 3, fill=fill)
    _hangers(c, ctx, top, back)
    fg = readable_on(fill, pal.on_primary)
    inner = band.inset(u * 7, u * 6)
    direction = ctx.choice(("left", "right", "up"))
    side = direction if direction != "up" else ctx.choice(("left", "right"))
    split = inner.left if side == "left" else inner.right
    arrow, inner = split(inner.h * 0.8, u * 4)
    _arrow(c, arrow.square(), direction, fg)
    sep = arrow.x1 + u * 2 if side == "left" else arrow.x0 - u * 2
    c.draw.line([(sep, inner.y0), (sep, inner.y1)], fill=mix(fg, fill, 0.5), width=max(1, round(u)))
    if ctx.chance(0.3):
        other = inner.right if side == "left" else inner.left
        ic, inner = other(inner.h * 0.8, u * 4)
        s = ic.square()
        c.draw.ellipse(s.box, fill=fg)
        draw_icon(c, icon, s.inset(s.w * 0.2), fill, fg)
    inner = inner.inset(u * 2, 0)
    second = english if ctx.chance(0.55) else None
    _room_name(c, ctx, inner, name, second, fg, mix(fg, fill, 0.25), cap=0.75)


def picto_round(c: Canvas, ctx: Ctx, content: str) -> None:
    """Draw a pictogram sign: big symbol in a circle, caption below (or beside on wide signs)."""
    icon, captions, color = PICTOS[content]
    u = unit(c)
    bg = WHITE if ctx.chance(0.6) else (250, 245, 225)
    c.draw.rectangle(c.rect.box, fill=bg)
    c.draw.rectangle(c.rect.inset(u * 2).box, outline=color, width=max(2, round(u * 1.5)))
    inner = c.rect.inset(u * 8)
    if inner.w > inner.h * 1.3:
        sym, cap = inner.left(inner.h, u * 5)
    else:
        sym, cap = inner.top(inner.h * 0.7, u * 3)
    s = sym.square()
    if icon != "no_smoking":
        c.draw.ellipse(s.box, fill=color)
        draw_icon(c, icon, s.inset(s.w * 0.18), WHITE, color)
    else:
        draw_icon(c, icon, s, color, bg)
    text_box(
        c,
        cap,
        pick(ctx.rng, captions),
        ctx.fonts.title,
        color if content != "toilet" else (20, 20, 20),
        cap.h * 0.6,
        "center",
        "center",
        1.05,
    )


def picto_panel(c: Canvas, ctx: Ctx, content: str) -> None:
    """Draw a coloured panel sign: white symbol on colour with caption and a thin frame."""
    icon, captions, color = PICTOS[content]
    u = unit(c)
    c.draw.rectangle(c.rect.box, fill=color)
    c.draw.rectangle(c.rect.inset(u * 3).box, outline=WHITE, width=max(2, round(u)))
    inner = c.rect.inset(u * 8)
    if inner.w > inner.h * 1.2:
        sym, cap = inner.left(inner.h * 0.9, u * 4)
    else:
        sym, cap = inner.top(inner.h * 0.62, u * 3)
    s = sym.square()
    c.draw.rounded_rectangle(s.box, radius=s.w * 0.1, fill=WHITE)
    draw_icon(c, icon, s.inset(s.w * 0.12), color, WHITE)
    text_box(
        c,
        cap,
        pick(ctx.rng, captions),
        ctx.fonts.title,
        WHITE,
        cap.h * 0.55,
        "center",
        "center",
        1.05,
    )


def picto_square(c: Canvas, ctx: Ctx, content: str) -> None:
    """Draw a pictogram tile sign: symbol in a square tile, caption panel beside or below it."""
    icon, captions, color = PICTOS[content]
    u = unit(c)
    bg = WHITE if ctx.chance(0.7) else (236, 236, 232)
    c.draw.rectangle(c.rect.box, fill=bg)
    inner = c.rect.inset(u * ctx.uniform(4, 7))
    gap = u * ctx.uniform(2, 4)
    if inner.w > inner.h * 1.6:
        split = inner.left if ctx.chance(0.7) else inner.right
        tile, cap = split(inner.h, gap)
    else:
        tile, cap = inner.top(min(inner.w, inner.h * 0.64), gap)
        tile = tile.square()
    light = icon in ("no_smoking", "apar")  # drawn in their own colours on white
    if light:
        c.draw.rectangle(tile.box, fill=WHITE, outline=color, width=max(3, round(tile.w * 0.05)))
    else:
        c.draw.rectangle(tile.box, fill=color)
    draw_icon(
        c, icon, tile.inset(tile.w * 0.14), color if light else WHITE, WHITE if light else color
    )
    panel = ctx.choice(("color", "dark", "deep"))
    fill = {"color": color, "dark": (32, 32, 36), "deep": mix(color, (0, 0, 0), 0.35)}[panel]
    c.draw.rectangle(cap.box, fill=fill)
    order = ctx.rng.permutation(len(captions))
    main, sub = captions[int(order[0])], captions[int(order[1])]
    ci = cap.inset(min(cap.w, cap.h) * 0.1)
    if ctx.chance(0.5):
        text_box(c, ci, main, ctx.fonts.title, WHITE, ci.h * 0.5, "center", "center", 1.1)
        return
    tr, sr = ci.top(ci.h * 0.62, ci.h * 0.06)
    size, _ = text_box(c, tr, main, ctx.fonts.title, WHITE, tr.h * 0.6, "center", "center", 1.1)
    c.draw.line(
        [(ci.x0, tr.y1), (ci.x1, tr.y1)], fill=mix(fill, WHITE, 0.5), width=max(1, round(u * 0.4))
    )
    text_box(
        c,
        sr,
        sub,
        ctx.fonts.regular,
        mix(fill, WHITE, 0.85),
        min(sr.h * 0.7, size * 0.7),
        "center",
        "center",
        1.1,
    )


def _campaign_text(ctx: Ctx, content: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    titles, items, icons = CAMPAIGNS[content]
    return pick(ctx.rng, titles), items, icons


def campaign_steps(c: Canvas, ctx: Ctx, content: str) -> None:
    """Health campaign: title band and a grid of numbered steps with icons."""
    title, items, icons = _campaign_text(ctx, content)
    pal = ctx.pal
    paint_background(c, ctx)
    u = unit(c)
    shape = shape_of(c)
    hh = c.h * {"tall": 0.16, "portrait": 0.18, "landscape": 0.24, "wide": 0.33}[shape]
    band = Rect(0, 0, c.w, hh)
    c.draw.rectangle(band.box, fill=pal.secondary)
    inner = band.inset(u * 4, u * 2.5)
    lg, tr = head_split(inner, 0.3, 0.05)
    from_kemenkes = ctx.choice(
        ("Kementerian Kesehatan", "Dinas Kesehatan Kota " + city(ctx.rng), "GERMAS")
    )
    logo_row(c, lg, ctx, from_kemenkes, readable_on(pal.secondary, WHITE))
    title_block(
        c,
        tr,
        ctx,
        title,
        from_kemenkes if ctx.chance(0.4) else None,
        readable_on(pal.secondary, WHITE),
    )
    body = Rect(u * 5, hh + u * 4, c.w - u * 5, c.h - u * 5)
    n = len(items)
    cols = choose_cols(body, n, 1.1, 6)
    rows = math.ceil(n / cols)
    cells = body.grid(rows, cols, u * 2)
    text = readable_on(pal.bg, pal.text)
    ih = cells[0].h * 0.5
    size = fit_stack(
        [max(items, key=len)],
        ctx.fonts.regular,
        cells[0].w * 0.9,
        cells[0].h - ih - u * 2,
        0.2,
        cells[0].h * 0.12,
    )
    for i, cell in enumerate(cells[:n]):
        c.draw.rounded_rectangle(cell.box, radius=u * 2, fill=rgba(pal.primary, 30))
        ir, tr2 = cell.inset(u).top(ih, u)
        s = ir.square()
        c.draw.ellipse(s.box, fill=pal.primary)
        draw_icon(
            c,
            icons[i % len(icons)],
            s.inset(s.w * 0.2),
            readable_on(pal.primary, WHITE),
            pal.primary,
        )
        label = f"{i + 1}. {items[i]}" if ctx.chance(0.7) else items[i]
        draw_lines(
            c,
            tr2,
            wrap(label, load_font(ctx.fonts.regular, size), tr2.w * 0.95),
            ctx.fonts.regular,
            size,
            text,
            "center",
        )


def campaign_hero(c: Canvas, ctx: Ctx, content: str) -> None:
    """Health campaign: a big illustration, a huge slogan and a few bullet points."""
    title, items, icons = _campaign_text(ctx, content)
    pal = ctx.pal
    paint_background(c, ctx, style="gradient")
    u = unit(c)
    shape = shape_of(c)
    page = c.rect.inset(u * 5)
    if shape in ("wide", "landscape"):
        hero, rest = page.left(page.w * 0.35, u * 3)
    else:
        hero, rest = page.top(page.h * 0.35, u * 3)
    if ctx.chance(0.5):
        photo_block(c, hero, ctx, int(ctx.rng.integers(1, 4)))
    else:
        s = hero.square()
        c.draw.ellipse(s.box, fill=pal.accent)
        draw_icon(c, icons[0], s.inset(s.w * 0.2), readable_on(pal.accent, WHITE), pal.accent)
    tr, lst = rest.top(rest.h * 0.3, u * 2)
    text_box(
        c,
        tr,
        title,
        ctx.fonts.title,
        readable_on(pal.bg, pal.primary),
        tr.h * 0.5,
        "center",
        "center",
        1.05,
    )
    k = int(ctx.rng.integers(3, len(items) + 1))
    item_list(
        c,
        lst,
        ctx,
        items[:k],
        icons,
        ctx.choice(("check", "bullet", "icon")),
        readable_on(pal.bg, pal.text),
        pal.primary,
        readable_on(pal.primary, WHITE),
    )


def _ministry_footer(c: Canvas, ctx: Ctx, r: Rect, color: Color) -> None:
    """Draw a ministry-style footer: a rule, a roundel with wordmark, the issuer and a tag."""
    c.draw.line([(r.x0, r.y0), (r.x1, r.y0)], fill=color, width=max(1, round(r.h * 0.05)))
    body = r.inset(0, r.h * 0.12).bottom(r.h * 0.76)[0]
    one_row = body.w > body.h * 12
    row = body if one_row else body.top(body.h * 0.6)[0]
    mark, rest = row.left(row.h * 4.4, row.h * 0.6)
    draw_kemenkes_like(c, mark, color, color, ctx.fonts.bold)
    issuer = ctx.choice(
        (
            "Kementerian Kesehatan Republik Indonesia",
            "Dinas Kesehatan Kota " + city(ctx.rng),
            "Direktorat Promosi Kesehatan dan Pemberdayaan Masyarakat",
        )
    )
    if one_row:
        tag, rest = rest.right(rest.w * 0.28, row.h * 0.6)
    else:
        tag = body.bottom(body.h * 0.36)[0]
    text_box(c, rest, issuer, ctx.fonts.bold, color, row.h * 0.62, "left", "center", 1.1)
    hashtag = ctx.choice(("#GERMAS", "#AyoSehat", "www.kemkes.go.id", "Ayo Hidup Sehat!"))
    text_box(c, tag, hashtag, ctx.fonts.regular, color, tag.h * 0.8, "right", "center", 1.1)


_Slot = tuple[Rect, Rect, Rect, str, str]


def _path_slots(r: Rect, n: int, gap: float, zig: float, mode: str) -> list[_Slot]:
    """Lay ``n`` points out along ``r``: number circle, icon spot, text zone and its alignment.

    Modes: ``across`` (left to right, texts alternately below and above the line), ``side``
    (top to bottom near the left edge, icon and text to the right) and ``centre`` (top to
    bottom in the middle, texts alternately left and right).
    """
    slots: list[_Slot] = []
    for i, cell in enumerate(r.cols(n, gap) if mode == "across" else r.rows(n, gap)):
        sign = 1 if i % 2 else -1
        if mode == "across":
            d = min(cell.w * 0.4, r.h * 0.2)
            y = cell.cy + d * zig * sign
            dot = Rect(cell.cx, y, cell.cx, y).inset(-d / 2)
            above = Rect(cell.x0, r.y0, cell.x1, dot.y0 - d * 0.2)
            below = Rect(cell.x0, dot.y1 + d * 0.2, cell.x1, r.y1)
            if i % 2 == 0:
                spot = above.bottom(min(above.h * 0.9, cell.w * 0.45))[0]
                slots.append((dot, spot, below, "center", "top"))
            else:
                spot = below.top(min(below.h * 0.9, cell.w * 0.45))[0]
                slots.append((dot, spot, above, "center", "bottom"))
            continue
        d = min(cell.h * 0.78, r.w * 0.15)
        x = (r.cx if mode == "centre" else r.x0 + d * (0.5 + zig)) + d * zig * sign
        dot = Rect(x, cell.cy, x, cell.cy).inset(-d / 2)
        left = Rect(r.x0, cell.y0, dot.x0 - d * 0.2, cell.y1)
        right = Rect(dot.x1 + d * 0.2, cell.y0, r.x1, cell.y1)
        side = min(cell.h * 0.8, d)
        if mode == "side":
            spot, zone = right.left(side, gap * 1.5)
            slots.append((dot, spot, zone, "left", "center"))
        elif i % 2 == 0:
            slots.append((dot, right.left(side)[0], left, "right", "center"))
        else:
            slots.append((dot, left.right(side)[0], right, "left", "center"))
    return slots


def _point_path(
    c: Canvas, ctx: Ctx, r: Rect, items: tuple[str, ...], icons: tuple[str, ...]
) -> None:
    """Draw numbered circles joined by a straight or zig-zag line, each with an icon and text."""
    pal = ctx.pal
    zig = 0.4 if ctx.chance(0.6) else 0.0
    mode = "across" if r.w > r.h * 1.6 else "side"
    if mode == "side" and r.w > r.h * 0.6 and ctx.chance(0.5):
        mode = "centre"
    slots = _path_slots(r, len(items), unit(c) * 2, zig, mode)
    width = max(2, round(slots[0][0].w * 0.08))
    c.draw.line(
        [(d.cx, d.cy) for d, *_ in slots], fill=readable_on(pal.bg, pal.secondary), width=width
    )
    zw, zh = min(z.w for _, _, z, _, _ in slots), min(z.h for _, _, z, _, _ in slots)
    size = fit_many(items, ctx.fonts.regular, zw, zh, min(zh * 0.3, max(c.w, c.h) * 0.03))
    font = load_font(ctx.fonts.regular, size)
    ink, disc = readable_on(pal.bg, pal.text), mix(pal.bg, pal.primary, 0.15)
    for i, (dot, spot, zone, align, valign) in enumerate(slots):
        icon = icons[i % len(icons)]
        marker(c, spot, ctx, "icon", i, icon, disc, readable_on(disc, pal.primary))
        c.draw.ellipse(dot.inset(-dot.w * 0.06).box, fill=pal.bg)
        marker(c, dot, ctx, "number", i, icon, pal.primary, readable_on(pal.primary, WHITE))
        lines = wrap(items[i], font, zone.w)
        draw_lines(c, zone, lines, ctx.fonts.regular, size, ink, align, valign)


def campaign_infographic(c: Canvas, ctx: Ctx, content: str) -> None:
    """Health campaign infographic: title, numbered points on a line, a ministry footer."""
    title, items, icons = _campaign_text(ctx, content)
    pal = ctx.pal
    paint_background(c, ctx, style=ctx.choice(("flat", "flat", "gradient", "dots")))
    u = unit(c)
    page = c.rect.inset(u * 5)
    spanduk = c.w > c.h * 2
    foot, page = page.bottom(page.h * (0.13 if spanduk else 0.05), u * 2)
    if spanduk:
        head, body = page.left(page.w * 0.24, u * 4)
    else:
        head, body = page.top(page.h * 0.17, u * 3)
    tint = readable_on(pal.bg, pal.primary)
    sub = ctx.choice(
        ("Gerakan Masyarakat Hidup Sehat", "Lindungi Keluarga Anda", "Sehat Itu Mudah")
    )
    with_sub = ctx.chance(0.5)
    if not with_sub and not spanduk:
        bar, head = head.bottom(u * 1.2, u * 2)
        c.draw.rectangle((bar.cx - u * 8, bar.y0, bar.cx + u * 8, bar.y1), fill=pal.accent)
    ink = readable_on(pal.bg, pal.text)
    title_block(c, head, ctx, title, sub if with_sub else None, tint, ink)
    k = int(ctx.rng.integers(4, len(items) + 1))
    _point_path(c, ctx, body, items[:k], icons)
    _ministry_footer(c, ctx, foot, ink)


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


GENERIC_LAYOUTS: dict[str, GenericLayout] = {
    "plate_simple": plate_simple,
    "plate_icon": plate_icon,
    "plate_hanging": plate_hanging,
    "picto_round": picto_round,
    "picto_panel": picto_panel,
    "picto_square": picto_square,
    "campaign_steps": campaign_steps,
    "campaign_hero": campaign_hero,
    "campaign_infographic": campaign_infographic,
    "table_sheet": table_sheet,
    "table_board": table_board,
    "table_striped": table_striped,
    "memo_sheet": memo_sheet,
    "welcome_spanduk": welcome_spanduk,
    "queue_display": queue_display,
    "qris_stand": qris_stand,
}
