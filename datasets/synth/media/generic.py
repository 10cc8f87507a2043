"""Other signs of health facilities: room plates, pictograms, campaigns, tables, notices."""

from __future__ import annotations

import math
from collections.abc import Callable

from datasets.synth.media.components import (
    WHITE,
    Ctx,
    choose_cols,
    head_split,
    item_list,
    logo_row,
    paint_background,
    photo_block,
    title_block,
    unit,
)
from datasets.synth.media.draw import (
    Canvas,
    Rect,
    draw_lines,
    fit_stack,
    fit_text,
    mix,
    readable_on,
    rgba,
    text_box,
    wrap,
)
from datasets.synth.media.fonts import load_font
from datasets.synth.media.icons import draw_facility_logo, draw_icon, draw_qr
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
        a = arrow.square()
        c.draw.polygon(
            [
                (a.x0, a.y0 + a.h * 0.35),
                (a.cx, a.y0 + a.h * 0.35),
                (a.cx, a.y0),
                (a.x1, a.cy),
                (a.cx, a.y1),
                (a.cx, a.y1 - a.h * 0.35),
                (a.x0, a.y1 - a.h * 0.35),
            ],
            fill=fg,
        )
    if ctx.chance(0.5):
        top, bot = inner.top(inner.h * 0.65, inner.h * 0.05)
        text_box(c, top, name, ctx.fonts.title, fg, top.h * 0.95, "center", "center", 1.05)
        text_box(c, bot, english, ctx.fonts.regular, fg, bot.h * 0.8, "center", "center", 1.05)
    else:
        text_box(c, inner, name, ctx.fonts.title, fg, inner.h * 0.7, "center", "center", 1.05)
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
    size = int(
        min(
            rh * 0.5,
            min(
                fit_text(h, ctx.fonts.bold, (xs[i + 1] - xs[i]) * 0.9, rh * 0.8, rh * 0.5)[0]
                for i, h in enumerate(head)
            ),
        )
    )
    for row in rows:
        for i, cell in enumerate(row):
            size = min(
                size,
                fit_text(cell, ctx.fonts.regular, (xs[i + 1] - xs[i]) * 0.92, rh * 0.9, rh * 0.5)[
                    0
                ],
            )
    for ri in range(n):
        y0 = r.y0 + ri * rh
        cells = head if ri == 0 else rows[ri - 1]
        if ri == 0:
            c.draw.rectangle((r.x0, y0, r.x1, y0 + rh), fill=head_fill)
        elif ri % 2 == 0:
            c.draw.rectangle((r.x0, y0, r.x1, y0 + rh), fill=stripe)
        for i, cell in enumerate(cells):
            cr = Rect(xs[i] + rh * 0.15, y0, xs[i + 1] - rh * 0.1, y0 + rh)
            path = ctx.fonts.bold if ri == 0 else ctx.fonts.regular
            col = readable_on(head_fill, WHITE) if ri == 0 else text
            lines = wrap(cell, load_font(path, size), cr.w)
            draw_lines(c, cr, lines, path, size, col, "left", "center", 1.1)
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
    "picto_round": picto_round,
    "picto_panel": picto_panel,
    "campaign_steps": campaign_steps,
    "campaign_hero": campaign_hero,
    "table_sheet": table_sheet,
    "table_board": table_board,
    "memo_sheet": memo_sheet,
    "welcome_spanduk": welcome_spanduk,
    "queue_display": queue_display,
    "qris_stand": qris_stand,
}
