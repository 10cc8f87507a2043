"""Render a medium from its specification (deterministic in ``spec.seed``)."""

from __future__ import annotations

import numpy as np
from PIL import ImageDraw

from datasets.synth.media.components import Ctx
from datasets.synth.media.draw import Canvas
from datasets.synth.media.fonts import family_paths
from datasets.synth.media.generic import GENERIC_LAYOUTS, SIGN_ASPECTS
from datasets.synth.media.janji import JANJI_LAYOUTS
from datasets.synth.media.lookalikes import LIST_LOOKALIKE_LAYOUTS, LOOKALIKE_LAYOUTS
from datasets.synth.media.palettes import PALETTES
from datasets.synth.media.pools import DESIGNS, can_render
from datasets.synth.media.spec import (
    LOOKALIKES,
    MEDIUM_FORMS,
    Medium,
    MediumSpec,
    class_of,
    is_janji_content,
)
from datasets.synth.media.wording import janji_text, lookalike_text

_LOOKALIKE_LAYOUTS = {**LOOKALIKE_LAYOUTS, **LIST_LOOKALIKE_LAYOUTS}

LONG_SIDE_MIN = 600
LONG_SIDE_MAX = 1400


def canvas_size(spec: MediumSpec, rng: np.random.Generator) -> tuple[int, int]:
    """Choose the face size in pixels ``(width, height)`` for a form (long side 600..1400).

    Posters are A-series sheets (h/w about 1.41), sometimes landscape; banners have
    h/w 2.2..3.0; spanduk w/h 2.5..6.0; signs take an aspect range from their content.
    """
    form = spec.form
    if form == "poster":
        long = int(rng.integers(1000, LONG_SIDE_MAX + 1))
        ratio = 1.414 * float(rng.uniform(0.97, 1.03)) if rng.random() < 0.85 else 1.29
        short = round(long / ratio)
        if is_janji_content(spec.content) or spec.content in LOOKALIKES:
            landscape = rng.random() < 0.15
        else:
            landscape = rng.random() < 0.1
        return (long, short) if landscape else (short, long)
    if form == "banner":
        long = int(rng.integers(1150, LONG_SIDE_MAX + 1))
        return round(long / float(rng.uniform(2.2, 3.0))), long
    if form == "spanduk":
        long = int(rng.integers(1200, LONG_SIDE_MAX + 1))
        return long, round(long / float(rng.uniform(2.5, 6.0)))
    lo, hi = SIGN_ASPECTS.get(spec.content, (0.7, 1.5))
    aspect = float(np.exp(rng.uniform(np.log(lo), np.log(hi))))  # w/h
    long = int(rng.integers(LONG_SIDE_MIN, 1001))
    if aspect >= 1:
        return long, max(60, round(long / aspect))
    return max(60, round(long * aspect)), long


def finish(c: Canvas, ctx: Ctx) -> None:
    """Add print finishing: sometimes a frame line on sheets, rounded corners (alpha) on signs."""
    u = min(c.w, c.h) / 100.0
    if ctx.form != "sign":
        if ctx.chance(0.2):
            inset = u * ctx.uniform(0.8, 2.5)
            color = ctx.pal.primary if ctx.chance(0.6) else ctx.pal.accent
            width = max(2, round(u * ctx.uniform(0.4, 1.2)))
            c.draw.rectangle(c.rect.inset(inset).box, outline=color, width=width)
        return
    if ctx.chance(0.4):
        radius = round(min(c.w, c.h) * ctx.uniform(0.03, 0.1))
        ImageDraw.Draw(c.alpha).rectangle((0, 0, c.w, c.h), fill=0)
        ImageDraw.Draw(c.alpha).rounded_rectangle((0, 0, c.w - 1, c.h - 1), radius=radius, fill=255)


def validate(spec: MediumSpec) -> None:
    """Check that ``spec`` names known values that fit together.

    Raises:
        ValueError: With a message naming what is wrong.

    """
    if spec.form not in MEDIUM_FORMS:
        raise ValueError(f"unknown form {spec.form!r}; expected one of {', '.join(MEDIUM_FORMS)}")
    if spec.design not in DESIGNS:
        raise ValueError(f"unknown design {spec.design!r}")
    if not can_render(spec.design, spec.content):
        raise ValueError(
            f"design {spec.design!r} cannot render content {spec.content!r}; "
            f"it renders: {', '.join(DESIGNS[spec.design].contents)}"
        )
    if spec.palette not in PALETTES:
        raise ValueError(f"unknown palette {spec.palette!r}")


def render(spec: MediumSpec) -> Medium:
    """Render the flat face of a medium.

    Args:
        spec: What to render; the same spec always gives the same pixels.

    Returns:
        The medium: an ``HxWx4`` uint8 RGBA face (long side 600..1400 pixels), its class and
        lookalike id.

    Raises:
        ValueError: If the spec names an unknown or incompatible form/content/design/palette.
        FontsMissingError: If the spec's font family is not installed.

    """
    validate(spec)
    fonts = family_paths(spec.font)
    rng = np.random.default_rng(spec.seed)
    w, h = canvas_size(spec, rng)
    pal = PALETTES[spec.palette]
    c = Canvas(w, h, pal.bg)
    ctx = Ctx(pal=pal, fonts=fonts, rng=rng, form=spec.form)
    if is_janji_content(spec.content):
        JANJI_LAYOUTS[spec.design](c, ctx, janji_text(rng, spec.content))
    elif spec.design in JANJI_LAYOUTS:  # a lookalike printed with a Janji template
        JANJI_LAYOUTS[spec.design](c, ctx, lookalike_text(rng, spec.content))
    elif spec.content in LOOKALIKES:
        _LOOKALIKE_LAYOUTS[spec.design](c, ctx, spec.content)
    else:
        GENERIC_LAYOUTS[spec.design](c, ctx, spec.content)
    finish(c, ctx)
    return Medium(
        image=c.rgba(),
        spec=spec,
        class_name=class_of(spec.form, spec.content),
        lookalike=spec.content if spec.content in LOOKALIKES else None,
    )
