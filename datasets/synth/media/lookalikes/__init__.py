"""BPJS-branded lookalikes: same palettes, logos, fonts and layout vocabulary as Janji media.

Five kinds of poster, one module each (``hak_kewajiban``, ``alur``, ``antrean``, ``care_center``,
``maklumat``), each with three layout families; ``lists`` holds a second, list- or card-shaped
family per kind; ``common`` the header and helpers they share. Which split draws each family is
set in ``pools.DESIGNS``.
"""

from datasets.synth.media.lookalikes.alur import alur_chevrons, alur_grid, alur_vertical
from datasets.synth.media.lookalikes.antrean import antrean_phone, antrean_qr_center, antrean_steps
from datasets.synth.media.lookalikes.care_center import care_big_number, care_bubbles, care_channels
from datasets.synth.media.lookalikes.common import LookalikeLayout
from datasets.synth.media.lookalikes.hak_kewajiban import hak_stacked, hak_table, hak_two_column
from datasets.synth.media.lookalikes.lists import LIST_LOOKALIKE_LAYOUTS
from datasets.synth.media.lookalikes.maklumat import (
    maklumat_framed,
    maklumat_list,
    maklumat_paragraph,
)

LOOKALIKE_LAYOUTS: dict[str, LookalikeLayout] = {
    "hak_two_column": hak_two_column,
    "hak_stacked": hak_stacked,
    "alur_vertical": alur_vertical,
    "alur_grid": alur_grid,
    "antrean_phone": antrean_phone,
    "antrean_steps": antrean_steps,
    "care_big_number": care_big_number,
    "care_channels": care_channels,
    "maklumat_paragraph": maklumat_paragraph,
    "maklumat_list": maklumat_list,
    "hak_table": hak_table,
    "alur_chevrons": alur_chevrons,
    "antrean_qr_center": antrean_qr_center,
    "care_bubbles": care_bubbles,
    "maklumat_framed": maklumat_framed,
}

__all__ = ["LIST_LOOKALIKE_LAYOUTS", "LOOKALIKE_LAYOUTS", "LookalikeLayout"]
