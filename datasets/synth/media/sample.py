"""Draw medium specifications for a split: content mix, form, design, palette, font."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from datasets.synth.media.fonts import available_fonts
from datasets.synth.media.pools import CONTENT_FORMS, JANJI_STYLE_DESIGNS, designs_for, split_pools
from datasets.synth.media.spec import (
    GENERIC_CONTENTS,
    JANJI_CONTENTS,
    LOOKALIKES,
    MEDIUM_FORMS,
    MediumSpec,
)

JANJI_SHARE = 0.45
LOOKALIKE_SHARE = 0.35
"""Content mix when ``janji`` is None: 45% Janji, 35% lookalikes, the rest other signs."""
DEFAULT_LOOKALIKE_SHARE = LOOKALIKE_SHARE / (1 - JANJI_SHARE)
"""Share of non-Janji media that are BPJS lookalikes (where the form allows), about 0.64."""


@dataclass(frozen=True)
class MediaMix:
    """How non-Janji media are drawn.

    Attributes:
        lookalike_share: Probability (0-1) that a non-Janji medium is a BPJS lookalike rather
            than a generic sign, where its form allows one.
        janji_style_share: Probability (0-1) that a lookalike is printed in one of the split's
            Janji layout families (same template, other words) instead of its own layouts.

    """

    lookalike_share: float = DEFAULT_LOOKALIKE_SHARE
    janji_style_share: float = 0.0

    def __post_init__(self) -> None:
        for name in ("lookalike_share", "janji_style_share"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must lie in 0-1, got {value}")


DEFAULT_MIX = MediaMix()


def _pick(rng: np.random.Generator, options: Sequence[str]) -> str:
    return options[int(rng.integers(len(options)))]


def _pick_form(rng: np.random.Generator, content: str) -> str:
    forms = CONTENT_FORMS[content]
    weights = np.array([w for _, w in forms], dtype=float)
    return forms[int(rng.choice(len(forms), p=weights / weights.sum()))][0]


def _renderable(contents: Sequence[str], designs: tuple[str, ...], form: str | None) -> list[str]:
    return [
        c
        for c in contents
        if designs_for(c, designs) and (form is None or form in dict(CONTENT_FORMS[c]))
    ]


def sample_spec(
    rng: np.random.Generator,
    split: str,
    form: str | None = None,
    janji: bool | None = None,
    mix: MediaMix = DEFAULT_MIX,
) -> MediumSpec:
    """Draw a medium specification from ``split``'s pools only.

    Args:
        rng: Random generator (advanced by this call).
        split: ``"train"``, ``"val"`` or ``"test"``.
        form: Force a form (one of ``MEDIUM_FORMS``); ``None`` lets the content decide.
        janji: ``True`` for Janji content, ``False`` for anything else, ``None`` for the
            default mix (about 45% Janji, 35% BPJS lookalikes in equal shares, 20% others).
        mix: With ``janji=False``, how likely a lookalike is rather than a generic sign; for
            lookalikes, how likely a Janji-style layout is.

    Returns:
        A specification; its ``seed`` is drawn from ``rng``.

    Raises:
        ValueError: For an unknown split or form, or a form no content of the request takes
            (Janji content never comes as a ``sign``).

    """
    pools = split_pools(split)
    if form is not None and form not in MEDIUM_FORMS:
        raise ValueError(f"unknown form {form!r}; expected one of {', '.join(MEDIUM_FORMS)}")
    janji_c = _renderable(JANJI_CONTENTS, pools.designs, form)
    look_c = _renderable(LOOKALIKES, pools.designs, form)
    gen_c = _renderable(GENERIC_CONTENTS, pools.designs, form)
    if janji is None:
        u = rng.random()
        if u < JANJI_SHARE and janji_c:
            group = janji_c
        elif u < JANJI_SHARE + LOOKALIKE_SHARE and look_c:
            group = look_c
        else:
            group = gen_c or look_c or janji_c
    elif janji:
        group = janji_c
    else:
        group = look_c if (rng.random() < mix.lookalike_share and look_c) else gen_c
        group = group or look_c
    if not group:
        raise ValueError(f"no content of split {split!r} comes in form {form!r} (janji={janji})")
    content = _pick(rng, group)
    designs = designs_for(content, pools.designs)
    # No draw at share 0, so datasets made before this option come out the same.
    if content in LOOKALIKES and mix.janji_style_share > 0:
        janji_style = tuple(d for d in pools.designs if d in JANJI_STYLE_DESIGNS)
        if janji_style and rng.random() < mix.janji_style_share:
            designs = janji_style
    design = _pick(rng, designs)
    return MediumSpec(
        form=form or _pick_form(rng, content),
        content=content,
        design=design,
        palette=_pick(rng, pools.palettes),
        font=_pick(rng, available_fonts(pools.fonts)),
        seed=int(rng.integers(0, 2**31 - 1)),
    )
