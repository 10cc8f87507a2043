"""Design, palette and font pools per split, as data.

Three disjoint pools: train and val share one; the test split and the development split each
have layout families, palettes and fonts that no other split uses. The test split's numbers say
how the detector does on facility designs nobody drew for it; the development split is where
checkpoints and thresholds are chosen, so that choosing them does not fit the test split.
"""

from __future__ import annotations

from dataclasses import dataclass

from datasets.synth.media.fonts import FONT_FAMILIES
from datasets.synth.media.palettes import PALETTES
from datasets.synth.media.spec import JANJI_CONTENTS, LOOKALIKES
from datasets.synth.splits import pool_of

POOLS = ("train", "test", "dev")  # val draws from the train pool (splits.pool_of)

_JANJI = JANJI_CONTENTS
_PICTOS = ("no_smoking", "toilet", "exit_sign", "apar")
_CAMPAIGNS = ("hand_washing", "stunting", "imunisasi", "dbd_3m", "tb_campaign", "vaksinasi_banner")


@dataclass(frozen=True)
class Design:
    """A layout family.

    Attributes:
        contents: Content ids it can render.
        pool: The pool it belongs to: ``"train"`` (train and val), ``"test"`` or ``"dev"``.

    """

    contents: tuple[str, ...]
    pool: str = "train"

    def __post_init__(self) -> None:
        if self.pool not in POOLS:
            raise ValueError(f"unknown pool {self.pool!r}; expected one of {', '.join(POOLS)}")


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
    "janji_timeline": Design(_JANJI, pool="test"),
    "janji_hexagon": Design(_JANJI, pool="test"),
    "janji_certificate": Design(_JANJI, pool="dev"),
    "janji_diagonal": Design(_JANJI, pool="dev"),
    # BPJS lookalikes: two families each for training (the second list- or card-shaped, as Janji
    # media are), one for test, one for dev.
    "hak_two_column": Design(("hak_kewajiban",)),
    "hak_stacked": Design(("hak_kewajiban",), pool="test"),
    "hak_table": Design(("hak_kewajiban",), pool="dev"),
    "alur_vertical": Design(("alur_pelayanan",)),
    "alur_grid": Design(("alur_pelayanan",), pool="test"),
    "alur_chevrons": Design(("alur_pelayanan",), pool="dev"),
    "antrean_phone": Design(("antrean_online",)),
    "antrean_steps": Design(("antrean_online",), pool="test"),
    "antrean_qr_center": Design(("antrean_online",), pool="dev"),
    "care_big_number": Design(("care_center_165",)),
    "care_channels": Design(("care_center_165",), pool="test"),
    "care_bubbles": Design(("care_center_165",), pool="dev"),
    "maklumat_paragraph": Design(("maklumat_pelayanan",)),
    "maklumat_list": Design(("maklumat_pelayanan",), pool="test"),
    "maklumat_framed": Design(("maklumat_pelayanan",), pool="dev"),
    "hak_zebra": Design(("hak_kewajiban",)),
    "alur_rows": Design(("alur_pelayanan",)),
    "antrean_cards": Design(("antrean_online",)),
    "care_list": Design(("care_center_165",)),
    "maklumat_bars": Design(("maklumat_pelayanan",)),
    # Other signs.
    "plate_simple": Design(("room_plate",)),
    "plate_icon": Design(("room_plate",), pool="test"),
    "plate_hanging": Design(("room_plate",), pool="dev"),
    "picto_round": Design(_PICTOS),
    "picto_panel": Design(_PICTOS, pool="test"),
    "picto_square": Design(_PICTOS, pool="dev"),
    "campaign_steps": Design(_CAMPAIGNS),
    "campaign_hero": Design(_CAMPAIGNS, pool="test"),
    "campaign_infographic": Design(_CAMPAIGNS, pool="dev"),
    "table_sheet": Design(("jadwal_dokter", "tarif")),
    "table_board": Design(("jadwal_dokter", "tarif"), pool="test"),
    "table_striped": Design(("jadwal_dokter", "tarif"), pool="dev"),
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

HELD_OUT_PALETTES: dict[str, tuple[str, ...]] = {
    "test": ("purple_lavender", "teal_coral", "olive_cream", "slate_orange"),
    "dev": ("rose_charcoal", "indigo_mint", "brown_sand", "black_lime"),
}
"""Palettes of the held-out pools; the train pool takes every other palette."""

HELD_OUT_FONTS: dict[str, tuple[str, ...]] = {
    "test": ("cabin", "caladea", "urw_gothic", "p052", "narrow_cabin"),
    "dev": ("pt_serif", "roboto_slab", "karla", "spartan_quicksand", "comfortaa"),
}
"""Font families of the held-out pools; the train pool takes every other family."""


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


def _in_pool(name: str, held_out: dict[str, tuple[str, ...]], pool: str) -> bool:
    owner = next((p for p, names in held_out.items() if name in names), "train")
    return owner == pool


def split_pools(split: str) -> Pools:
    """Return the designs, palettes and fonts allowed in ``split``.

    Args:
        split: ``"train"``, ``"val"``, ``"test"`` or ``"dev"``; train and val share their
            pools, test and dev each have their own, disjoint from every other.

    Raises:
        ValueError: For an unknown split.

    """
    pool = pool_of(split)
    return Pools(
        designs=tuple(d for d, info in DESIGNS.items() if info.pool == pool),
        palettes=tuple(p for p in PALETTES if _in_pool(p, HELD_OUT_PALETTES, pool)),
        fonts=tuple(f for f in FONT_FAMILIES if _in_pool(f, HELD_OUT_FONTS, pool)),
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
