"""Contact sheet of sampled media: ``python -m datasets.synth.media.preview --out X.png``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from datasets.synth.media.render import render
from datasets.synth.media.sample import sample_spec
from datasets.synth.media.spec import MEDIUM_FORMS


def contact_sheet(
    split: str,
    count: int,
    seed: int,
    tile: int = 300,
    cols: int = 8,
    form: str | None = None,
    janji: bool | None = None,
) -> Image.Image:
    """Render ``count`` sampled media of ``split`` into a grid of ``tile``-pixel cells.

    Each cell shows the face on a grey checkerboard (so transparency shows) and a caption
    with class, content, design, palette and font.
    """
    rng = np.random.default_rng(seed)
    rows = (count + cols - 1) // cols
    cap = 34
    sheet = Image.new("RGB", (cols * tile, rows * (tile + cap)), (70, 70, 70))
    draw = ImageDraw.Draw(sheet)
    for i in range(count):
        medium = render(sample_spec(rng, split, form=form, janji=janji))
        face = Image.fromarray(medium.image, "RGBA")
        face.thumbnail((tile - 8, tile - 8))
        x, y = (i % cols) * tile, (i // cols) * (tile + cap)
        back = Image.new("RGB", face.size, (150, 150, 150))
        back.paste(face, (0, 0), face)
        sheet.paste(back, (x + (tile - face.width) // 2, y + (tile - face.height) // 2))
        s = medium.spec
        draw.text(
            (x + 4, y + tile), f"{medium.class_name} {s.form} {s.content}", fill=(255, 255, 0)
        )
        draw.text((x + 4, y + tile + 14), f"{s.design} {s.palette} {s.font}", fill=(220, 220, 220))
    return sheet


def main(argv: list[str] | None = None) -> int:
    """Command line entry point; returns the exit status."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, required=True, help="PNG file to write")
    ap.add_argument("--split", default="train", choices=("train", "val", "test"))
    ap.add_argument("--count", type=int, default=48, help="number of media")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--tile", type=int, default=300, help="cell size in pixels")
    ap.add_argument("--form", choices=MEDIUM_FORMS, default=None)
    ap.add_argument("--janji", choices=("yes", "no"), default=None, help="only Janji / no Janji")
    args = ap.parse_args(argv)
    if args.count < 1:
        ap.error("--count must be at least 1")
    janji = None if args.janji is None else args.janji == "yes"
    try:
        sheet = contact_sheet(
            args.split, args.count, args.seed, args.tile, form=args.form, janji=janji
        )
        args.out.parent.mkdir(parents=True, exist_ok=True)
        sheet.save(args.out)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {args.out} ({args.count} media, split {args.split})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
