"""Janji Layanan JKN layout families; each adapts to poster, banner and spanduk aspects.

Thirteen families in five modules: ``lists`` (title and list: header band, ribbon, letter, panel),
``illustrated`` (card grid, two columns with an illustration, staff photo), ``infographics``
(timeline, hexagons), ``two_tone`` (stripes, sidebar, diagonal split) and ``certificate``;
``common`` holds the layout type, the page regions and the helpers they share. Which split draws
each family is set in ``pools.DESIGNS``.
"""

from datasets.synth.media.janji.certificate import certificate
from datasets.synth.media.janji.common import Layout, shape_of
from datasets.synth.media.janji.illustrated import card_grid, photo, two_column
from datasets.synth.media.janji.infographics import hexagon, timeline
from datasets.synth.media.janji.lists import header_list, letter, panel, ribbon_check
from datasets.synth.media.janji.two_tone import diagonal, sidebar, stripes

JANJI_LAYOUTS: dict[str, Layout] = {
    "janji_header_list": header_list,
    "janji_card_grid": card_grid,
    "janji_ribbon_check": ribbon_check,
    "janji_letter": letter,
    "janji_panel": panel,
    "janji_two_column": two_column,
    "janji_photo": photo,
    "janji_stripes": stripes,
    "janji_sidebar": sidebar,
    "janji_timeline": timeline,
    "janji_hexagon": hexagon,
    "janji_certificate": certificate,
    "janji_diagonal": diagonal,
}

__all__ = ["JANJI_LAYOUTS", "Layout", "shape_of"]
