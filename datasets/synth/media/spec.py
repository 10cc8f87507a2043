"""What a medium is: its specification, its rendered face and the class it belongs to."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from datasets.classes import JANJI_BANNER, JANJI_POSTER, JANJI_SPANDUK, OTHER_SIGN

MEDIUM_FORMS = ("poster", "banner", "spanduk", "sign")
"""Physical forms: A-series sheet, roll-up/X-banner face, wide spanduk, small plate or sticker."""

JANJI_CONTENTS = ("janji_fkrtl", "janji_fktp")
"""Janji Layanan JKN content: hospital (FKRTL) and primary-care (FKTP) variants."""

LOOKALIKES = (
    "hak_kewajiban",
    "alur_pelayanan",
    "antrean_online",
    "care_center_165",
    "maklumat_pelayanan",
)
"""BPJS-branded posters with other content that look like Janji media from afar."""

GENERIC_CONTENTS = (
    "room_plate",
    "no_smoking",
    "toilet",
    "exit_sign",
    "apar",
    "hand_washing",
    "stunting",
    "imunisasi",
    "dbd_3m",
    "tb_campaign",
    "jadwal_dokter",
    "tarif",
    "queue_display",
    "selamat_datang",
    "vaksinasi_banner",
    "notice_memo",
    "qris_stand",
)
"""Other signs found in health facilities."""

_JANJI_CLASS_BY_FORM = {
    "poster": JANJI_POSTER,
    "banner": JANJI_BANNER,
    "spanduk": JANJI_SPANDUK,
}


@dataclass(frozen=True)
class MediumSpec:
    """Everything that decides how one medium looks; rendering is deterministic in it.

    Attributes:
        form: One of ``MEDIUM_FORMS``.
        content: ``janji_fkrtl``, ``janji_fktp``, a lookalike id or a generic content id.
        design: Layout family id (see ``pools.DESIGNS``).
        palette: Colour scheme id (see ``palettes.PALETTES``).
        font: Font family id (see ``fonts.FONT_FAMILIES``).
        seed: Seed of every random choice made while rendering.

    """

    form: str
    content: str
    design: str
    palette: str
    font: str
    seed: int


@dataclass(frozen=True)
class Medium:
    """A rendered flat medium face.

    Attributes:
        image: ``HxWx4`` uint8 RGBA face; the long side is 600..1400 pixels.
        spec: The specification it was rendered from.
        class_name: Detector class (``janji_poster``, ``janji_banner``, ``janji_spanduk`` or
            ``other_sign``).
        lookalike: The lookalike id for BPJS lookalikes, else ``None``.

    """

    image: np.ndarray
    spec: MediumSpec
    class_name: str
    lookalike: str | None


def is_janji_content(content: str) -> bool:
    """Whether ``content`` is Janji Layanan JKN content (either variant)."""
    return content in JANJI_CONTENTS


def class_of(form: str, content: str) -> str:
    """Return the detector class of a medium.

    Args:
        form: One of ``MEDIUM_FORMS``.
        content: Content id.

    Returns:
        ``janji_poster``/``janji_banner``/``janji_spanduk`` for Janji content on those forms,
        ``other_sign`` for everything else.

    """
    if is_janji_content(content) and form in _JANJI_CLASS_BY_FORM:
        return _JANJI_CLASS_BY_FORM[form]
    return OTHER_SIGN
