from __future__ import annotations

import pytest

from vision.janji_text import (
    MatchSettings,
    decide,
    match_text,
    normalize,
    read_janji,
    substring_similarity,
)
from vision.results import VerificationStatus

FKRTL = [
    "JANJI LAYANAN JKN",
    "1. Menerima NIK/KTP/KIS Digital untuk pendaftaran pelayanan",
    "2. Tidak meminta dokumen fotokopi kepada Peserta sebagai syarat pendaftaran pelayanan",
    "3. Memberikan pelayanan tanpa biaya tambahan di luar ketentuan",
    "4. Tidak melakukan pembatasan hari rawat Pasien (sesuai indikasi medis)",
    "5. Memberikan pelayanan obat yang dibutuhkan dan tidak membebankan Peserta untuk",
    "mencari obat jika terdapat kekosongan obat",
    "6. Melayani Peserta dengan ramah tanpa diskriminasi",
]
FKTP = [
    "JANJI LAYANAN JKN",
    "Manajemen Puskesmas Sukamaju beserta jajaran mendukung transformasi mutu layanan yang",
    "mudah, cepat dan setara kepada peserta JKN dengan:",
    "1. Menerima NIK/KTP/KIS",
    "2. Tidak meminta fotokopi",
    "3. Tanpa biaya tambahan",
    "4. Melayani peserta di luar wilayah FKTP terdaftarnya sesuai ketentuan",
    "5. Tidak ada kekosongan obat",
    "6. Melayani Konsultasi Online",
    "7. Ramah tanpa diskriminasi",
]
MAKLUMAT = [
    "MAKLUMAT PELAYANAN",
    "Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar",
    "pelayanan yang telah ditetapkan dan apabila tidak menepati janji ini kami siap",
    "menerima sanksi sesuai peraturan perundang-undangan yang berlaku. Janji layanan kami",
]


def test_normalize_drops_case_spaces_punctuation_and_accents() -> None:
    assert normalize("Menerima NIK/KTP/KIS  Digital!") == "menerimanikktpkisdigital"
    assert normalize("Pelayanan ÉLITE — 165") == "pelayananelite165"
    assert normalize("") == ""


def test_substring_similarity_exact_missing_and_misspelled() -> None:
    text = normalize("xx Tidak meminta dokumen fotokopi kepada peserta yy")
    assert substring_similarity("dokumenfotokopi", text) == 1.0
    # one letter wrong in 15 -> 14/15
    assert substring_similarity("dokumenfotokopi", "xxdokumenfotocopiyy") == pytest.approx(
        1 - 1 / 15
    )
    assert substring_similarity("dokumenfotokopi", "hakdankewajiban") < 0.5
    assert substring_similarity("abc", "") == 0.0


def test_fkrtl_exact_text_confirms_all_six_promises() -> None:
    decision = read_janji(FKRTL)
    assert decision.status is VerificationStatus.CONFIRMED
    assert decision.promises == (1, 2, 3, 4, 5, 6)
    assert decision.variant == "fkrtl"


def test_fkrtl_with_spaces_dropped_and_ocr_typos_still_confirms() -> None:
    lines = [
        "JANJILAYANANJKN",
        "2.TidakmemintadokumenfotokopikepadaPesertasebagaisyarat",
        "3.Memberikanpelayanantanpabiayatambahandiluarketentuan",
        "4.Tidakmelakukanpembatasanharirawatpasien(sesuaiindikasimedls)",
        "6.Melayanipesertadenganramahtanpadiskrimlnasi",
    ]
    decision = read_janji(lines)
    assert decision.status is VerificationStatus.CONFIRMED
    assert decision.promises == (2, 3, 4, 6)
    assert decision.variant == "fkrtl"


def test_misspelled_promises_without_title_confirm() -> None:
    lines = ["Tidak memlnta dokumen fotokopl", "pelayanan tanpa blaya tambahan"]
    decision = read_janji(lines)
    assert decision.status is VerificationStatus.CONFIRMED
    assert decision.promises == (2, 3)


def test_fktp_variant_uses_its_own_numbering() -> None:
    decision = read_janji(FKTP)
    assert decision.status is VerificationStatus.CONFIRMED
    assert decision.variant == "fktp"
    assert decision.promises == (1, 2, 3, 4, 5, 6, 7)


def test_title_plus_one_promise_confirms_but_title_alone_does_not() -> None:
    assert read_janji(["JANJI LAYANAN JKN", "Melayani dengan ramah tanpa diskriminasi"]).status is (
        VerificationStatus.CONFIRMED
    )
    alone = read_janji(["JANJI LAYANAN JKN", "RSUD Kota"])
    assert alone.status is VerificationStatus.UNREADABLE


def test_words_janji_and_layanan_alone_never_confirm_a_maklumat() -> None:
    decision = read_janji(MAKLUMAT)
    assert decision.status is VerificationStatus.REJECTED
    assert decision.identified_as == "maklumat_pelayanan"
    assert decision.promises == ()


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["HAK DAN KEWAJIBAN PESERTA", "Mendapatkan kartu peserta"], "hak_kewajiban"),
        (["ALURPELAYANAN", "Pendaftaran", "Poli"], "alur_pelayanan"),
        (["Ambil Antrean Online di Mobile JKN"], "antrean_online"),
        (["PENGADUAN", "BPJS Kesehatan CARE CENTER 165"], "care_center_165"),
    ],
)
def test_lookalike_titles_reject_and_name_the_poster(lines: list[str], expected: str) -> None:
    decision = read_janji(lines)
    assert decision.status is VerificationStatus.REJECTED
    assert decision.identified_as == expected


def test_lookalike_footer_on_a_janji_poster_does_not_reject_it() -> None:
    lines = [*FKRTL[:3], "Pengaduan: Care Center 165"]
    decision = read_janji(lines)
    assert decision.status is VerificationStatus.CONFIRMED
    assert decision.identified_as is None


def test_plenty_of_unrelated_text_rejects_little_text_is_unreadable() -> None:
    menu = ["Daftar menu kantin: nasi goreng, mie ayam, soto betawi, es teh manis"] * 3
    assert read_janji(menu).status is VerificationStatus.REJECTED
    assert read_janji(["nasi goreng"]).status is VerificationStatus.UNREADABLE
    assert read_janji([]).status is VerificationStatus.UNREADABLE


def test_match_settings_are_validated_and_used() -> None:
    with pytest.raises(ValueError, match="min_similarity"):
        MatchSettings(min_similarity=1.5)
    strict = MatchSettings(min_promises=3, min_promises_with_title=3)
    match = match_text(FKRTL[:3])  # title + promises 1, 2
    assert decide(match).status is VerificationStatus.CONFIRMED
    assert decide(match, strict).status is VerificationStatus.UNREADABLE


def test_peserta_title_counts_as_a_janji_title() -> None:
    """FKTP posters titled "Janji Layanan Peserta JKN" (read with OCR slips)."""
    decision = read_janji(["JANJI LAYANAN PESERTA JKN", "7. Ramah tanpa diskriminasi"])
    assert decision.status is VerificationStatus.CONFIRMED
    # Title read, body garbled: never rejected as "plenty of text with no Janji evidence".
    garbled = ["JANJILAYANANPESERTA JKN", "Manein Psemus Samuabeseta jrn mendng dongen"] * 4
    assert read_janji(garbled).status is VerificationStatus.UNREADABLE


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (  # title split over two lines; one line shared with promise 5 of the FKTP list
            [
                "HAK",
                "1 Mendapakan idetitas peseta",
                "Menyampaikan keluhan/pengaduan, kritik dan saran",
                "Mendapatkan pelayanan obat dan bahan medis habis pakai",
                "KEWAJIBAN",
            ],
            "hak_kewajiban",
        ),
        (
            [
                "2 Unduh aplikasi Mobile JKN",
                "Pilih menu Pendaftaran Pelayanan (Antrean)",
                "Simpan nomor antrean dan estimasi jam pelayanan",
            ],
            "antrean_online",
        ),
        (
            [
                "Kami berjanji dan sanggup:",
                "1. Memberikan pelayanan dengan cepat, tepat dan akurat",
                "3. Bersikap sopan, santun dan profesional",
            ],
            "maklumat_pelayanan",
        ),
        (["Loket Pendaftaran", "Verifikasi Kepesertaan", "Pemeriksaan Dokter"], "alur_pelayanan"),
        (  # a complaint-channel footer does not name the poster when its body does
            ["Menunggu Panggilan", "Pengambilan Obat", "Care Center 165"],
            "alur_pelayanan",
        ),
    ],
)
def test_lookalike_body_lines_reject_without_a_title(lines: list[str], expected: str) -> None:
    decision = read_janji(lines)
    assert decision.status is VerificationStatus.REJECTED
    assert decision.identified_as == expected


def test_lookalike_body_lines_never_outweigh_janji_evidence() -> None:
    footer = ["Unduh aplikasi Mobile JKN", "Simpan nomor antrean Anda"]
    assert read_janji([*FKRTL, *footer]).status is VerificationStatus.CONFIRMED
    assert read_janji(["JANJI LAYANAN JKN", *footer]).status is VerificationStatus.UNREADABLE
    one_line = read_janji(["Unduh aplikasi Mobile JKN", "Tanpa biaya tambahan"])
    assert one_line.status is VerificationStatus.UNREADABLE
    with pytest.raises(ValueError, match="min_lookalike_phrases"):
        MatchSettings(min_lookalike_phrases=0)
