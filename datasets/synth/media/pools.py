"""Design, palette and font pools per split, as data.

The test split uses layout families, palettes and fonts that train and val never use, so its
numbers say how the detector does on facility designs nobody drew for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from datasets.synth.media.fonts import FONT_FAMILIES
from datasets.synth.media.palettes import PALETTES
from datasets.synth.media.spec import JANJI_CONTENTS, LOOKALIKES

SPLITS = ("train", "val", "test")

_JANJI = JANJI_CONTENTS
_PICTOS = ("no_smoking", "toilet", "exit_sign", "apar")
_CAMPAIGNS = ("hand_washing", "stunting", "imunisasi", "dbd_3m", "tb_campaign", "vaksinasi_banner")


@dataclass(frozen=True)
class Design:
    """A layout family.

    Attributes:
        contents: Content ids it can render.
        held_out: Whether it belongs to the test split only.

    """

    contents: tuple[str, ...]
    held_out: bool = False


DESIGNS: dict[str, Design] = {
    # Janji Layanan JKN layout families.
    "janji_header_list": Design(_JANJI),
    "janji_card_grid": Design(_JANJI),
    "janji_ribbon_check": Design(_JANJI),
    "janji_letter": Design(_JANJI),
    "janji_panel": Design(_JANJI),
    "janji_two_column": Design(_JANJI),
    "janji_photo": Design(_JANJI),
    "janji_stripes": Design(_JANJI),
    "janji_sidebar": Design(_JANJI),
    "janji_timeline": Design(_JANJI, held_out=True),
    "janji_hexagon": Design(_JANJI, held_out=True),
    # BPJS lookalikes: two families each, one held out.
    "hak_two_column": Design(("hak_kewajiban",)),
    "hak_stacked": Design(("hak_kewajiban",), held_out=True),
    "alur_vertical": Design(("alur_pelayanan",)),
    "alur_grid": Design(("alur_pelayanan",), held_out=True),
    "antrean_phone": Design(("antrean_online",)),
    "antrean_steps": Design(("antrean_online",), held_out=True),
    "care_big_number": Design(("care_center_165",)),
    "care_channels": Design(("care_center_165",), held_out=True),
    "maklumat_paragraph": Design(("maklumat_pelayanan",)),
    "maklumat_list": Design(("maklumat_pelayanan",), held_out=True),
    # Other signs.
    "plate_simple": Design(("room_plate",)),
    "plate_icon": Design(("room_plate",), held_out=True),
    "picto_round": Design(_PICTOS),
    "picto_panel": Design(_PICTOS, held_out=True),
    "campaign_steps": Design(_CAMPAIGNS),
    "campaign_hero": Design(_CAMPAIGNS, held_out=True),
    "table_sheet": Design(("jadwal_dokter", "tarif")),
    "table_board": Design(("jadwal_dokter", "tarif"), held_out=True),
    "memo_sheet": Design(("notice_memo",)),
    "welcome_spanduk": Design(("selamat_datang",)),
    "queue_display": Design(("queue_display",)),
    "qris_stand": Design(("qris_stand",)),
}

JANJI_STYLE_DESIGNS = tuple(d for d, info in DESIGNS.items() if info.contents == _JANJI)
"""Janji layout families; lookalikes may be printed in them too (see ``can_render``)."""

CONTENT_FORMS: dict[str, tuple[tuple[str, float], ...]] = {
    "janji_fkrtl": (("poster", 0.60), ("banner", 0.25), ("spanduk", 0.15)),
    "janji_fktp": (("poster", 0.60), ("banner", 0.25), ("spanduk", 0.15)),
    **{k: (("poster", 0.70), ("banner", 0.18), ("spanduk", 0.12)) for k in LOOKALIKES},
    "room_plate": (("sign", 1.0),),
    **{k: (("sign", 1.0),) for k in _PICTOS},
    **{k: (("poster", 0.7), ("banner", 0.2), ("spanduk", 0.1)) for k in _CAMPAIGNS[:-1]},
    "vaksinasi_banner": (("banner", 0.8), ("poster", 0.2)),
    "jadwal_dokter": (("poster", 0.6), ("sign", 0.4)),
    "tarif": (("poster", 0.6), ("sign", 0.4)),
    "queue_display": (("sign", 1.0),),
    "selamat_datang": (("spanduk", 0.85), ("banner", 0.15)),
    "notice_memo": (("poster", 1.0),),
    "qris_stand": (("sign", 1.0),),
}
"""Forms each content appears in, with sampling weights."""

HELD_OUT_PALETTES = ("purple_lavender", "teal_coral", "olive_cream", "slate_orange")
HELD_OUT_FONTS = ("cabin", "caladea", "urw_gothic", "p052", "bebas_cabin")


@dataclass(frozen=True)
class Pools:
    """What one split may draw from.

    Attributes:
        designs: Layout family ids.
        palettes: Palette ids.
        fonts: Font family ids (installed or not; sampling skips missing ones).

    """

    designs: tuple[str, ...]
    palettes: tuple[str, ...]
    fonts: tuple[str, ...]


def split_pools(split: str) -> Pools:
    """Return the designs, palettes and fonts allowed in ``split``.

    Args:
        split: ``"train"``, ``"val"`` or ``"test"``; train and val share their pools, test
            has its own, disjoint ones.

    Raises:
        ValueError: For an unknown split.

    """
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; expected one of {', '.join(SPLITS)}")
    test = split == "test"
    return Pools(
        designs=tuple(d for d, info in DESIGNS.items() if info.held_out == test),
        palettes=tuple(p for p in PALETTES if (p in HELD_OUT_PALETTES) == test),
        fonts=tuple(f for f in FONT_FAMILIES if (f in HELD_OUT_FONTS) == test),
    )


def designs_for(content: str, designs: tuple[str, ...]) -> tuple[str, ...]:
    """Return the designs among ``designs`` made for ``content``."""
    return tuple(d for d in designs if content in DESIGNS[d].contents)


def can_render(design: str, content: str) -> bool:
    """Whether ``design`` renders ``content``: its own contents, or a lookalike in Janji style."""
    info = DESIGNS.get(design)
    if info is None:
        return False
    return content in info.contents or (content in LOOKALIKES and design in JANJI_STYLE_DESIGNS)


def forms_for(content: str) -> tuple[str, ...]:
    """Return the forms ``content`` appears in."""
    return tuple(f for f, _ in CONTENT_FORMS[content])
