"""Bahasa Indonesia text of every medium: promises, facility and person names, places, dates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

FKRTL_PROMISES = (
    "Menerima NIK/KTP/KIS Digital untuk pendaftaran pelayanan",
    "Tidak meminta dokumen fotokopi kepada Peserta sebagai syarat pendaftaran pelayanan",
    "Memberikan pelayanan tanpa biaya tambahan di luar ketentuan",
    "Tidak melakukan pembatasan hari rawat Pasien (sesuai indikasi medis)",
    "Memberikan pelayanan obat yang dibutuhkan dan tidak membebankan Peserta untuk mencari obat "
    "jika terdapat kekosongan obat",
    "Melayani Peserta dengan ramah tanpa diskriminasi",
)
FKRTL_ICONS = ("id_card", "document", "money", "bed", "pill", "smile")

FKTP_POINTS: tuple[tuple[str, ...], ...] = (
    (
        "Menerima NIK/KTP/KIS",
        "Menerima NIK/KTP/KIS Digital",
        "Menerima NIK/KTP/KIS Digital untuk pendaftaran",
    ),
    ("Tidak meminta fotokopi", "Tidak meminta fotokopi dokumen"),
    ("Tanpa biaya tambahan", "Tanpa biaya tambahan di luar ketentuan"),
    ("Melayani peserta di luar wilayah FKTP terdaftarnya sesuai ketentuan",),
    (
        "Memberikan pelayanan obat dan tidak membebankan peserta jika terjadi kekosongan obat",
        "Memberikan pelayanan obat dan tidak membebankan peserta jika terjadi kekosongan obat",
    ),
    ("Melayani Konsultasi Online", "Melayani konsultasi online"),
    ("Ramah tanpa diskriminasi", "Melayani dengan ramah tanpa diskriminasi"),
)
FKTP_ICONS = ("id_card", "document", "money", "map", "pill", "chat", "smile")

JANJI_TITLES_FKRTL = (
    "JANJI LAYANAN JKN",
    "JANJI LAYANAN JAMINAN KESEHATAN NASIONAL (JKN)",
    "JANJI LAYANAN JKN",
    "Janji Layanan JKN",
)
JANJI_TITLES_FKTP = (
    "JANJI LAYANAN JKN",
    "JANJI LAYANAN JKN",
    "Janji Layanan JKN",
    "JANJI LAYANAN PESERTA JKN",
)

_PLACES = (
    "Sukamaju",
    "Cibeunying",
    "Kedungmundu",
    "Tanjung Priok",
    "Sei Agul",
    "Pasir Kaliki",
    "Kebon Jeruk",
    "Mergangsan",
    "Tegalrejo",
    "Banyumanik",
    "Sumbersari",
    "Kota Baru",
    "Ciputat",
    "Mampang",
    "Pakualaman",
    "Sidomulyo",
    "Karang Anyar",
    "Tamalanrea",
    "Batu Ampar",
    "Gondokusuman",
    "Jatinegara",
    "Margahayu",
    "Rawamangun",
    "Lowokwaru",
)
_CITIES = (
    "Bandung",
    "Semarang",
    "Surabaya",
    "Medan",
    "Makassar",
    "Palembang",
    "Yogyakarta",
    "Denpasar",
    "Banjarmasin",
    "Pontianak",
    "Padang",
    "Malang",
    "Bekasi",
    "Bogor",
    "Depok",
    "Kupang",
    "Manado",
    "Jambi",
    "Pekanbaru",
    "Mataram",
    "Ambon",
    "Kendari",
    "Palu",
    "Serang",
    "Cirebon",
    "Tasikmalaya",
    "Surakarta",
    "Balikpapan",
    "Samarinda",
    "Jember",
    "Garut",
)
_KLINIK = (
    "Sehat Bersama",
    "Medika Utama",
    "Husada Mandiri",
    "Pratama Sentosa",
    "Bhakti Mulia",
    "Sehat Sejahtera",
    "Permata Medika",
    "Harapan Keluarga",
    "Cahaya Medika",
    "Anugrah Sehat",
)
_RS_NAMES = (
    "Harapan Bunda",
    "Mitra Sehat",
    "Permata Hati",
    "Medika Nusantara",
    "Bhakti Husada",
    "Citra Medika",
    "Kasih Ibu",
    "Sentosa",
    "Al-Ikhlas",
    "Budi Mulia",
    "Cahaya Kasih",
)
_FIRST = (
    "Andi",
    "Budi",
    "Siti",
    "Dewi",
    "Agus",
    "Rina",
    "Hendra",
    "Sri",
    "Wahyu",
    "Yuliana",
    "Bambang",
    "Ratna",
    "Eko",
    "Fitri",
    "Joko",
    "Nurul",
    "Rudi",
    "Indah",
    "Teguh",
    "Lestari",
    "Ahmad",
    "Made",
    "Ketut",
    "Putu",
    "Yohanes",
    "Maria",
    "Rizky",
    "Dian",
    "Hasan",
    "Ayu",
)
_LAST = (
    "Santoso",
    "Wijaya",
    "Rahmawati",
    "Saputra",
    "Hidayat",
    "Kurniawan",
    "Pratama",
    "Susanti",
    "Nugroho",
    "Siregar",
    "Nasution",
    "Simanjuntak",
    "Setiawan",
    "Halim",
    "Suryani",
    "Purnomo",
    "Wibowo",
    "Lubis",
    "Hakim",
    "Utami",
    "Manurung",
    "Tanjung",
    "Sembiring",
    "Rahman",
)
_MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def pick(rng: np.random.Generator, options: Sequence[str]) -> str:
    """Return one of ``options`` chosen uniformly."""
    return options[int(rng.integers(len(options)))]


def person_name(rng: np.random.Generator, doctor: bool = True) -> str:
    """Return an invented Indonesian name, with academic titles when ``doctor``."""
    name = f"{pick(rng, _FIRST)} {pick(rng, _LAST)}"
    if not doctor:
        return name
    prefix = pick(rng, ("dr.", "dr.", "drg.", "Dr. dr."))
    suffix = pick(rng, ("", ", M.Kes", ", MARS", ", Sp.PD", ", M.K.M", ", Sp.A", ", MPH"))
    return f"{prefix} {name}{suffix}"


def city(rng: np.random.Generator) -> str:
    """Return an Indonesian city name."""
    return pick(rng, _CITIES)


def date_text(rng: np.random.Generator) -> str:
    """Return a date such as ``2 Januari 2025``."""
    return f"{int(rng.integers(1, 29))} {pick(rng, _MONTHS)} {int(rng.integers(2023, 2027))}"


@dataclass(frozen=True)
class Facility:
    """A health facility.

    Attributes:
        name: Full name, e.g. ``Puskesmas Sukamaju``.
        head_title: Title of its head, e.g. ``Kepala Puskesmas Sukamaju``.
        kind: ``fktp`` (primary care) or ``fkrtl`` (hospital).
        city: City it is in.

    """

    name: str
    head_title: str
    kind: str
    city: str


def facility(rng: np.random.Generator, kind: str) -> Facility:
    """Return an invented facility of ``kind`` (``fktp`` or ``fkrtl``)."""
    town = city(rng)
    if kind == "fktp":
        k = int(rng.integers(4))
        if k <= 1:
            name = f"Puskesmas {pick(rng, _PLACES)}"
            head = f"Kepala {name}"
        elif k == 2:
            name = f"Klinik Pratama {pick(rng, _KLINIK)}"
            head = pick(rng, ("Penanggung Jawab Klinik", "Pimpinan Klinik", "Direktur Klinik"))
        else:
            name = f"Praktik Dokter Mandiri dr. {pick(rng, _FIRST)} {pick(rng, _LAST)}"
            head = "Dokter Penanggung Jawab"
    else:
        k = int(rng.integers(5))
        if k == 0:
            name = f"RSUD {town}"
        elif k == 1:
            name = f"RSUD Dr. {pick(rng, _FIRST)} {pick(rng, _LAST)}"
        elif k == 2:
            name = f"RS Islam {pick(rng, _RS_NAMES)}"
        elif k == 3:
            name = f"Rumah Sakit {pick(rng, _RS_NAMES)} {town}"
        else:
            name = f"RSIA {pick(rng, _RS_NAMES)}"
        head = f"Direktur {name}" if rng.random() < 0.5 else "Direktur Utama"
    return Facility(name=name, head_title=head, kind=kind, city=town)


def channels(rng: np.random.Generator, fac: Facility) -> tuple[str, ...]:
    """Return the complaint channels a poster lists."""
    phone = (
        f"08{int(rng.integers(11, 99))}-{int(rng.integers(1000, 9999))}-"
        f"{int(rng.integers(1000, 9999))}"
    )
    out = ["Care Center 165", "Aplikasi Mobile JKN"]
    if rng.random() < 0.6:
        out.append("PANDAWA 0811-8165-165")
    if rng.random() < 0.5:
        out.append(f"Pengaduan {fac.name.split(' ')[0]}: {phone}")
    if rng.random() < 0.4:
        out.append("www.bpjs-kesehatan.go.id")
    return tuple(out)


@dataclass(frozen=True)
class JanjiText:
    """Text of a list-style medium: Janji Layanan JKN, or a lookalike in a Janji-style layout.

    Attributes:
        title: Main title.
        facility: The facility that printed it.
        intro: Intro sentence (FKTP) or ``None``.
        items: The promises, in order.
        icons: Icon id per promise.
        place_date: ``City, date`` line.
        signer_title: Title of the head who signs.
        signer_name: Name of the head.
        channels: Complaint channels.

    """

    title: str
    facility: Facility
    intro: str | None
    items: tuple[str, ...]
    icons: tuple[str, ...]
    place_date: str
    signer_title: str
    signer_name: str
    channels: tuple[str, ...]


def janji_text(rng: np.random.Generator, content: str) -> JanjiText:
    """Return the text of a Janji medium for ``janji_fkrtl`` or ``janji_fktp`` content."""
    kind = "fktp" if content == "janji_fktp" else "fkrtl"
    fac = facility(rng, kind)
    if kind == "fkrtl":
        title = pick(rng, JANJI_TITLES_FKRTL)
        items: tuple[str, ...] = FKRTL_PROMISES
        icons: tuple[str, ...] = FKRTL_ICONS
        intro = None
        if rng.random() < 0.3:
            intro = f"{fac.name} berkomitmen memberikan pelayanan kepada Peserta JKN:"
    else:
        title = pick(rng, JANJI_TITLES_FKTP)
        items = tuple(pick(rng, opts) for opts in FKTP_POINTS)
        icons = FKTP_ICONS
        intro = (
            f"Manajemen {fac.name} beserta jajaran mendukung transformasi mutu layanan yang "
            "mudah, cepat dan setara kepada peserta JKN dengan:"
        )
    return _signed(rng, fac, title, intro, items, icons)


def _signed(
    rng: np.random.Generator,
    fac: Facility,
    title: str,
    intro: str | None,
    items: tuple[str, ...],
    icons: tuple[str, ...],
) -> JanjiText:
    """Complete a medium's text with place, date, signer and complaint channels."""
    return JanjiText(
        title=title,
        facility=fac,
        intro=intro,
        items=items,
        icons=icons,
        place_date=f"{fac.city}, {date_text(rng)}",
        signer_title=fac.head_title,
        signer_name=person_name(rng),
        channels=channels(rng, fac),
    )


HAK = (
    "Mendapatkan identitas peserta",
    "Memperoleh manfaat dan informasi tentang hak dan kewajiban serta prosedur pelayanan kesehatan",
    "Mendapatkan pelayanan kesehatan di fasilitas kesehatan yang bekerja sama dengan "
    "BPJS Kesehatan",
    "Menyampaikan keluhan/pengaduan, kritik dan saran",
    "Mendapatkan pelayanan obat dan bahan medis habis pakai sesuai kebutuhan medis",
)
KEWAJIBAN = (
    "Mendaftarkan dirinya dan anggota keluarganya sebagai peserta",
    "Membayar iuran tepat waktu",
    "Memberikan data dirinya dan anggota keluarganya secara lengkap dan benar",
    "Melaporkan perubahan data dirinya dan anggota keluarganya",
    "Menjaga kartu peserta agar tidak rusak, hilang atau dimanfaatkan oleh orang yang tidak berhak",
    "Menaati semua ketentuan dan tata cara pelayanan kesehatan",
)
ALUR_STEPS = (
    ("Pendaftaran", "Loket Pendaftaran", "Pendaftaran / Admisi"),
    ("Verifikasi Kepesertaan", "Cek Status Peserta JKN", "Verifikasi SEP"),
    ("Ruang Tunggu", "Antrean Poli", "Menunggu Panggilan"),
    ("Pemeriksaan Dokter", "Poli / Pemeriksaan", "Pelayanan di Poli"),
    ("Penunjang Medis (Lab/Radiologi)", "Laboratorium", "Pemeriksaan Penunjang"),
    ("Farmasi / Apotek", "Apotek", "Pengambilan Obat"),
)
ALUR_ENDS = ("Pulang", "Rujukan", "Rawat Inap", "Kontrol Ulang")
ANTREAN_STEPS = (
    "Unduh aplikasi Mobile JKN di Play Store / App Store",
    "Masuk (login) atau daftar akun Mobile JKN",
    "Pilih menu Pendaftaran Pelayanan (Antrean)",
    "Pilih peserta, fasilitas kesehatan, poli dan tanggal kunjungan",
    "Simpan nomor antrean dan estimasi jam pelayanan",
    "Datang ke faskes sesuai estimasi waktu dan tunjukkan nomor antrean",
)
CARE_CHANNELS = (
    ("phone", "Telepon Care Center 165"),
    ("chat", "Chat PANDAWA 0811-8165-165"),
    ("phone_app", "Aplikasi Mobile JKN"),
    ("globe", "www.bpjs-kesehatan.go.id"),
    ("people", "Petugas BPJS SATU! di rumah sakit"),
    ("building", "Kantor Cabang BPJS Kesehatan terdekat"),
)
MAKLUMAT_PARAGRAPHS = (
    "Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan "
    "yang telah ditetapkan dan apabila tidak menepati janji ini, kami siap menerima sanksi "
    "sesuai peraturan perundang-undangan yang berlaku.",
    "Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan "
    "yang telah ditetapkan dan memberikan layanan yang terbaik kepada masyarakat.",
    "Kami berjanji memberikan layanan sesuai standar pelayanan yang telah ditetapkan. Apabila "
    "kami tidak menepati, kami siap menerima sanksi sesuai ketentuan yang berlaku.",
)
MAKLUMAT_POINTS = (
    "Memberikan pelayanan dengan cepat, tepat dan akurat",
    "Memberikan informasi yang jelas dan mudah dipahami",
    "Bersikap sopan, santun dan profesional",
    "Menjaga kebersihan dan kenyamanan lingkungan pelayanan",
    "Menindaklanjuti setiap pengaduan masyarakat",
)


LOOKALIKE_TITLES: dict[str, tuple[str, ...]] = {
    "hak_kewajiban": (
        "HAK DAN KEWAJIBAN PESERTA JKN",
        "HAK & KEWAJIBAN PESERTA",
        "Hak dan Kewajiban Peserta JKN-KIS",
    ),
    "alur_pelayanan": (
        "ALUR PELAYANAN PESERTA JKN",
        "ALUR PELAYANAN PASIEN BPJS",
        "Alur Pelayanan Rawat Jalan",
    ),
    "antrean_online": (
        "ANTREAN ONLINE MOBILE JKN",
        "CARA AMBIL ANTREAN ONLINE",
        "Antrean Online via Mobile JKN",
    ),
    "care_center_165": (
        "BPJS KESEHATAN CARE CENTER 165",
        "LAYANAN PENGADUAN PESERTA JKN",
        "Sampaikan Pengaduan Anda",
    ),
    "maklumat_pelayanan": ("MAKLUMAT PELAYANAN", "MAKLUMAT PELAYANAN", "Maklumat Pelayanan"),
}
"""Titles of the BPJS lookalikes when they are printed in a Janji-style layout."""

_LOOKALIKE_ICONS = ("check", "document", "person", "clock", "heart", "building", "calendar")


def _lookalike_items(rng: np.random.Generator, content: str) -> tuple[str, ...]:
    """Return the list of a lookalike id the caller has checked."""
    if content == "hak_kewajiban":
        pool = HAK + KEWAJIBAN
        picks = rng.choice(len(pool), size=int(rng.integers(5, 8)), replace=False)
        return tuple(pool[int(i)] for i in sorted(picks))
    if content == "alur_pelayanan":
        steps = tuple(pick(rng, options) for options in ALUR_STEPS)
        return (*steps, pick(rng, ALUR_ENDS))
    if content == "antrean_online":
        return ANTREAN_STEPS
    if content == "care_center_165":
        return tuple(label for _, label in CARE_CHANNELS)
    return MAKLUMAT_POINTS  # maklumat_pelayanan


def lookalike_text(rng: np.random.Generator, content: str) -> JanjiText:
    """Return a lookalike's text shaped like a Janji medium's, for Janji-style layouts.

    Facilities print their other BPJS posters with the same template as their Janji Layanan
    poster: same header, logos, numbered list, signature and channels. Only the words differ.

    Args:
        rng: Random generator (advanced by this call).
        content: A lookalike id (``hak_kewajiban``, ``alur_pelayanan``, ``antrean_online``,
            ``care_center_165`` or ``maklumat_pelayanan``).

    Raises:
        ValueError: If ``content`` is not a lookalike id.

    """
    if content not in LOOKALIKE_TITLES:
        raise ValueError(f"not a lookalike content: {content!r}")
    fac = facility(rng, "fktp" if rng.random() < 0.5 else "fkrtl")
    items = _lookalike_items(rng, content)
    intro = pick(rng, MAKLUMAT_PARAGRAPHS) if content == "maklumat_pelayanan" else None
    icons = tuple(_LOOKALIKE_ICONS[i % len(_LOOKALIKE_ICONS)] for i in range(len(items)))
    if content == "care_center_165":
        icons = tuple(icon for icon, _ in CARE_CHANNELS)
    return _signed(rng, fac, pick(rng, LOOKALIKE_TITLES[content]), intro, items, icons)
