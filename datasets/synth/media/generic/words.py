"""What generic signs say: room names, pictogram captions, campaign points, memo and table words."""

from __future__ import annotations

from datasets.synth.media.palettes import Color

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
