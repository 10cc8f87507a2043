"""Other signs of health facilities: room plates, pictograms, campaigns, tables, notices.

One module per kind of sign (``plates``, ``pictograms``, ``campaigns``, ``tables``, ``notices``);
``words`` holds what they say. ``SIGN_ASPECTS`` gives the shape of the small signs.
"""

from collections.abc import Callable

from datasets.synth.media.components import Ctx
from datasets.synth.media.draw import Canvas
from datasets.synth.media.generic.campaigns import (
    campaign_hero,
    campaign_infographic,
    campaign_steps,
)
from datasets.synth.media.generic.notices import (
    memo_sheet,
    qris_stand,
    queue_display,
    welcome_spanduk,
)
from datasets.synth.media.generic.pictograms import picto_panel, picto_round, picto_square
from datasets.synth.media.generic.plates import plate_hanging, plate_icon, plate_simple
from datasets.synth.media.generic.tables import table_board, table_sheet, table_striped

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

GENERIC_LAYOUTS: dict[str, GenericLayout] = {
    "plate_simple": plate_simple,
    "plate_icon": plate_icon,
    "plate_hanging": plate_hanging,
    "picto_round": picto_round,
    "picto_panel": picto_panel,
    "picto_square": picto_square,
    "campaign_steps": campaign_steps,
    "campaign_hero": campaign_hero,
    "campaign_infographic": campaign_infographic,
    "table_sheet": table_sheet,
    "table_board": table_board,
    "table_striped": table_striped,
    "memo_sheet": memo_sheet,
    "welcome_spanduk": welcome_spanduk,
    "queue_display": queue_display,
    "qris_stand": qris_stand,
}

__all__ = ["GENERIC_LAYOUTS", "SIGN_ASPECTS", "GenericLayout"]
