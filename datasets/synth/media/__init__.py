"""Flat faces of printed media (Janji posters, banners, spanduk, lookalikes, other signs)."""

from datasets.synth.media.pools import Pools, split_pools
from datasets.synth.media.render import render
from datasets.synth.media.sample import sample_spec
from datasets.synth.media.spec import (
    GENERIC_CONTENTS,
    JANJI_CONTENTS,
    LOOKALIKES,
    MEDIUM_FORMS,
    Medium,
    MediumSpec,
    class_of,
)

__all__ = [
    "GENERIC_CONTENTS",
    "JANJI_CONTENTS",
    "LOOKALIKES",
    "MEDIUM_FORMS",
    "Medium",
    "MediumSpec",
    "Pools",
    "class_of",
    "render",
    "sample_spec",
    "split_pools",
]
