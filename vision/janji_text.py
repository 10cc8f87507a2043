"""Tell Janji Layanan JKN text from other poster text (pure string logic, no OCR).

OCR of photographed posters often drops spaces and confuses a letter or two, so text is
normalised (lowercase, letters and digits only) and key phrases are matched fuzzily: a key
phrase is found when some substring of the text is within a small edit distance of it.

Janji is never accepted on the words "janji" or "layanan" alone (a Maklumat Pelayanan uses
them too): it takes two promise lines, or the title plus one promise line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np

from vision.results import VerificationStatus

# Key phrases, already normalised. Each promise lists a few distinctive phrases of its line;
# the line is read when any of them is found.
FKRTL_PROMISES: Final[dict[int, tuple[str, ...]]] = {
    1: ("menerimanikktpkis", "kisdigitaluntukpendaftaran", "ktpkisdigital"),
    2: ("tidakmemintadokumenfotokopi", "dokumenfotokopikepadapeserta", "memintadokumenfotokopi"),
    3: ("tanpabiayatambahan", "biayatambahandiluarketentuan"),
    4: ("pembatasanharirawat", "sesuaiindikasimedis", "tidakmelakukanpembatasan"),
    5: ("pelayananobatyangdibutuhkan", "jikaterdapatkekosonganobat", "untukmencariobat"),
    6: ("ramahtanpadiskriminasi", "pesertadenganramah"),
}
FKTP_PROMISES: Final[dict[int, tuple[str, ...]]] = {
    1: ("menerimanikktpkis",),
    2: ("tidakmemintafotokopi", "memintafotokopi"),
    3: ("tanpabiayatambahan",),
    4: ("diluarwilayahfktp", "wilayahfktpterdaftar", "pesertadiluarwilayah"),
    5: ("kekosonganobat", "pelayananobat"),
    6: ("konsultasionline", "melayanikonsultasi"),
    7: ("ramahtanpadiskriminasi",),
}
# Lines only one variant has (FKRTL promise 4 and 5 wording; FKTP points 4 and 6, intro).
FKRTL_ONLY: Final = ("pembatasanharirawat", "sesuaiindikasimedis", "dokumenfotokopi", "kisdigital")
FKTP_ONLY: Final = (
    "diluarwilayahfktp",
    "konsultasionline",
    "mendukungtransformasimutu",
    "mudahcepatdansetara",
)
JANJI_TITLES: Final = (
    "janjilayananjkn",
    "janjilayananpesertajkn",
    "janjilayananjaminankesehatannasional",
    "mendukungtransformasimutulayanan",
)
# Ties go to the first entry. Care Center 165 comes last: many posters list it as a complaint
# channel, so its words name the poster only when no other title is read as well.
LOOKALIKE_TITLES: Final[dict[str, tuple[str, ...]]] = {
    "hak_kewajiban": ("hakdankewajibanpeserta", "hakdankewajiban", "kewajibanpeserta"),
    "alur_pelayanan": ("alurpelayanan", "alurpendaftaran", "alurpelayananpasien"),
    "antrean_online": ("antreanonline", "antrianonline", "ambilantreanonline"),
    "maklumat_pelayanan": ("maklumatpelayanan", "maklumatlayanan"),
    "care_center_165": ("carecenter165", "pengaduancarecenter", "layananpengaduan"),
}

# Lines of the lookalikes' own bodies (never on a Janji poster), for when the title is not
# read. Care Center 165 has none: its channels are the ones a Janji poster lists too.
LOOKALIKE_PHRASES: Final[dict[str, tuple[str, ...]]] = {
    "hak_kewajiban": (
        "mendapatkanidentitaspeserta",
        "menyampaikankeluhanpengaduan",
        "kritikdansaran",
        "mendaftarkandirinya",
        "anggotakeluarganya",
        "membayariurantepatwaktu",
        "menaatisemuaketentuan",
    ),
    "alur_pelayanan": (
        "verifikasikepesertaan",
        "cekstatuspeserta",
        "verifikasisep",
        "loketpendaftaran",
        "pendaftaranadmisi",
        "menunggupanggilan",
        "antreanpoli",
        "pemeriksaandokter",
        "pelayanandipoli",
        "penunjangmedis",
        "pemeriksaanpenunjang",
        "farmasiapotek",
        "pengambilanobat",
    ),
    "antrean_online": (
        "unduhaplikasimobilejkn",
        "daftarakunmobilejkn",
        "pilihmenupendaftaran",
        "tanggalkunjungan",
        "nomorantrean",
        "estimasijampelayanan",
    ),
    "maklumat_pelayanan": (
        "kamiberjanjidansanggup",
        "menyatakansanggup",
        "standarpelayanan",
        "siapmenerimasanksi",
        "cepattepatdanakurat",
        "sopansantundanprofesional",
    ),
}

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class MatchSettings:
    """Thresholds of the text decision.

    Attributes:
        min_similarity: A key phrase is found when ``1 - edit_distance / len(key)`` of its
            best-matching substring reaches this (0-1).
        title_similarity: Same for titles (stricter: titles share words with lookalikes).
        min_promises: Promise lines needed to confirm without a title.
        min_promises_with_title: Promise lines needed to confirm when the title is read.
        plenty_of_text: Characters (letters and digits) read with no Janji evidence at all
            that reject a candidate as other text.
        min_lookalike_phrases: Body lines of one lookalike (``LOOKALIKE_PHRASES``) that name
            it when its title is not read.
        weak_similarity: Best promise similarity below which text counts as "no Janji evidence".

    """

    min_similarity: float = 0.8
    title_similarity: float = 0.9
    min_promises: int = 2
    min_promises_with_title: int = 1
    plenty_of_text: int = 120
    min_lookalike_phrases: int = 2
    weak_similarity: float = 0.6

    def __post_init__(self) -> None:
        for label in ("min_similarity", "title_similarity", "weak_similarity"):
            if not 0 < getattr(self, label) <= 1:
                raise ValueError(f"MatchSettings.{label} must lie in (0, 1]")
        if self.min_promises < 1 or self.min_promises_with_title < 0:
            raise ValueError("MatchSettings: promise counts must be >= 1 (>= 0 with a title)")
        if self.plenty_of_text < 1:
            raise ValueError("MatchSettings.plenty_of_text must be >= 1")
        if self.min_lookalike_phrases < 1:
            raise ValueError("MatchSettings.min_lookalike_phrases must be >= 1")


@dataclass(frozen=True)
class TextMatch:
    """What the text says, before the decision.

    Attributes:
        promises: 1-based promise numbers read, in the numbering of ``variant`` (FKRTL when
            the variant is unknown).
        variant: ``"fkrtl"``, ``"fktp"`` or ``None``.
        title: Whether a Janji Layanan title (or the FKTP opening sentence) was read.
        lookalike: The id of a lookalike poster whose title was read, else ``None``.
        lookalike_body: The id of the lookalike with the most body lines read (at least
            ``min_lookalike_phrases``), else ``None``.
        best_promise_similarity: Highest similarity of any promise key phrase (0-1).
        characters: Letters and digits read.

    """

    promises: tuple[int, ...]
    variant: str | None
    title: bool
    lookalike: str | None
    lookalike_body: str | None
    best_promise_similarity: float
    characters: int


@dataclass(frozen=True)
class TextDecision:
    """The conclusion drawn from a ``TextMatch``.

    Attributes:
        status: Confirmed, rejected or unreadable.
        promises: Promise numbers read (see ``TextMatch.promises``).
        variant: ``"fkrtl"``, ``"fktp"`` or ``None``.
        identified_as: The lookalike id for a rejection by title or body, else ``None``.
        title: Whether a Janji Layanan title (or the FKTP opening sentence) was read.

    """

    status: VerificationStatus
    promises: tuple[int, ...]
    variant: str | None
    identified_as: str | None
    title: bool = False


def normalize(text: str) -> str:
    """Lowercase, strip accents and keep only ``a-z0-9`` (spaces and punctuation removed)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub("", ascii_text)


def substring_similarity(key: str, text: str) -> float:
    """Return how well ``key`` occurs anywhere in ``text``, in ``[0, 1]``.

    ``1 - d / len(key)`` where ``d`` is the smallest edit distance between ``key`` and any
    substring of ``text`` (approximate substring matching, vectorised over ``text``).
    """
    if not key:
        return 1.0
    if not text:
        return 0.0
    t = np.frombuffer(text.encode("latin-1", "replace"), dtype=np.uint8)
    idx = np.arange(len(t) + 1, dtype=np.int32)
    row = np.zeros(len(t) + 1, dtype=np.int32)  # a match may start anywhere in the text
    for i, ch in enumerate(key.encode("latin-1", "replace"), start=1):
        cost = (t != ch).astype(np.int32)
        candidate = np.empty_like(row)
        candidate[0] = i
        candidate[1:] = np.minimum(row[:-1] + cost, row[1:] + 1)
        # Insertions along the text: row[j] = min_k<=j (candidate[k] + j - k).
        row = np.minimum.accumulate(candidate - idx) + idx
    return max(0.0, 1.0 - float(row.min()) / len(key))


def best_similarity(keys: Iterable[str], text: str) -> float:
    """Return the highest ``substring_similarity`` of any key in ``text``."""
    return max((substring_similarity(k, text) for k in keys), default=0.0)


def match_text(lines: Sequence[str], settings: MatchSettings | None = None) -> TextMatch:
    """Find Janji titles, promise lines and lookalike titles in OCR lines.

    Args:
        lines: Text lines in reading order (joined before matching, so wrapped lines match).
        settings: Thresholds; defaults when ``None``.

    """
    s = settings or MatchSettings()
    text = normalize("".join(lines))
    fkrtl_sims = {n: best_similarity(keys, text) for n, keys in FKRTL_PROMISES.items()}
    fktp_sims = {n: best_similarity(keys, text) for n, keys in FKTP_PROMISES.items()}
    fkrtl_only = best_similarity(FKRTL_ONLY, text) >= s.min_similarity
    fktp_only = best_similarity(FKTP_ONLY, text) >= s.min_similarity
    variant: str | None = None
    if fktp_only and not fkrtl_only:
        variant = "fktp"
    elif fkrtl_only and not fktp_only:
        variant = "fkrtl"
    sims = fktp_sims if variant == "fktp" else fkrtl_sims
    promises = tuple(sorted(n for n, v in sims.items() if v >= s.min_similarity))
    title = best_similarity(JANJI_TITLES, text) >= s.title_similarity
    lookalike = None
    best_lookalike = 0.0
    for name, keys in LOOKALIKE_TITLES.items():
        sim = best_similarity(keys, text)
        if sim >= s.title_similarity and sim > best_lookalike:
            lookalike, best_lookalike = name, sim
    best_promise = max([*fkrtl_sims.values(), *fktp_sims.values()], default=0.0)
    return TextMatch(
        promises=promises,
        variant=variant,
        title=title,
        lookalike=lookalike,
        lookalike_body=_lookalike_by_body(text, s),
        best_promise_similarity=best_promise,
        characters=len(text),
    )


def _lookalike_by_body(text: str, settings: MatchSettings) -> str | None:
    """Return the lookalike with the most body lines in ``text`` (ties to the first)."""
    best, best_count = None, settings.min_lookalike_phrases - 1
    for name, keys in LOOKALIKE_PHRASES.items():
        count = sum(substring_similarity(k, text) >= settings.min_similarity for k in keys)
        if count > best_count:
            best, best_count = name, count
    return best


def decide(match: TextMatch, settings: MatchSettings | None = None) -> TextDecision:
    """Confirm, reject or leave undecided from what the text says.

    Confirmed: at least ``min_promises`` promise lines, or the title and
    ``min_promises_with_title``. Rejected, when no Janji title is read: a lookalike title with
    no promise line; a lookalike's body lines with fewer than ``min_promises`` promise lines
    (a Hak dan Kewajiban list shares one line with the promises); or ``plenty_of_text``
    characters with no Janji evidence at all. Else unreadable.
    """
    s = settings or MatchSettings()
    n = len(match.promises)
    if n >= s.min_promises or (match.title and n >= s.min_promises_with_title):
        return TextDecision(
            VerificationStatus.CONFIRMED, match.promises, match.variant, None, match.title
        )
    if match.lookalike_body is not None and not match.title:
        # A Care Center 165 title is often only the footer's complaint channel.
        by_title = match.lookalike not in (None, "care_center_165")
        name = match.lookalike if by_title else match.lookalike_body
        return TextDecision(VerificationStatus.REJECTED, (), None, name)
    if match.lookalike is not None and n == 0 and not match.title:
        return TextDecision(VerificationStatus.REJECTED, (), None, match.lookalike)
    no_evidence = not match.title and match.best_promise_similarity < s.weak_similarity
    if no_evidence and match.characters >= s.plenty_of_text:
        return TextDecision(VerificationStatus.REJECTED, (), None, None)
    return TextDecision(
        VerificationStatus.UNREADABLE, match.promises, match.variant, None, match.title
    )


def read_janji(lines: Sequence[str], settings: MatchSettings | None = None) -> TextDecision:
    """Match and decide in one call (see ``match_text`` and ``decide``)."""
    return decide(match_text(lines, settings), settings)
