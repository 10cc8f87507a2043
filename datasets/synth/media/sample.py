"""Draw medium specifications for a split: content mix, form, design, palette, font."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from datasets.synth.media.fonts import available_fonts
from datasets.synth.media.pools import CONTENT_FORMS, designs_for, split_pools
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
    lookalike_share: float = DEFAULT_LOOKALIKE_SHARE,
) -> MediumSpec:
    """Draw a medium specification from ``split``'s pools only.

    Args:
        rng: Random generator (advanced by this call).
        split: ``"train"``, ``"val"`` or ``"test"``.
        form: Force a form (one of ``MEDIUM_FORMS``); ``None`` lets the content decide.
        janji: ``True`` for Janji content, ``False`` for anything else, ``None`` for the
            default mix (about 45% Janji, 35% BPJS lookalikes in equal shares, 20% others).
        lookalike_share: With ``janji=False``, the probability (0-1) that the medium is a BPJS
            lookalike rather than a generic sign, where its form allows one.

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
        group = look_c if (rng.random() < lookalike_share and look_c) else gen_c
        group = group or look_c
    if not group:
        raise ValueError(f"no content of split {split!r} comes in form {form!r} (janji={janji})")
    content = _pick(rng, group)
    design = _pick(rng, designs_for(content, pools.designs))
    return MediumSpec(
        form=form or _pick_form(rng, content),
        content=content,
        design=design,
        palette=_pick(rng, pools.palettes),
        font=_pick(rng, available_fonts(pools.fonts)),
        seed=int(rng.integers(0, 2**31 - 1)),
    )
