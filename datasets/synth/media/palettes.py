"""Colour schemes shared by Janji media, lookalikes and other signs."""

from __future__ import annotations

from dataclasses import dataclass

Color = tuple[int, int, int]


def _hex(code: str) -> Color:
    code = code.lstrip("#")
    return (int(code[0:2], 16), int(code[2:4], 16), int(code[4:6], 16))


@dataclass(frozen=True)
class Palette:
    """A colour scheme (RGB, 0..255).

    Attributes:
        bg: Page background.
        bg2: Second background colour for gradients.
        primary: Header bands, titles on light backgrounds, big shapes.
        secondary: Second brand colour (logo halves, sub-bands).
        accent: Highlights: numbers, check marks, ribbons.
        text: Body text on ``bg``.
        on_primary: Text on ``primary``/``secondary``/``accent`` fills.
        panel: Card and panel fill.
        panel_text: Text on ``panel``.

    """

    bg: Color
    bg2: Color
    primary: Color
    secondary: Color
    accent: Color
    text: Color
    on_primary: Color
    panel: Color
    panel_text: Color


def _p(
    bg: str, bg2: str, pri: str, sec: str, acc: str, txt: str, onp: str, pan: str, pt: str
) -> Palette:
    return Palette(
        bg=_hex(bg),
        bg2=_hex(bg2),
        primary=_hex(pri),
        secondary=_hex(sec),
        accent=_hex(acc),
        text=_hex(txt),
        on_primary=_hex(onp),
        panel=_hex(pan),
        panel_text=_hex(pt),
    )


PALETTES: dict[str, Palette] = {
    "bpjs_green": _p(
        "ffffff", "e6f4ea", "00843d", "0067b1", "f5a800", "1b2a1f", "ffffff", "eef7f0", "123020"
    ),
    "bpjs_blue": _p(
        "f4f9ff", "d7e9fb", "0a5cad", "1f9d55", "ffc20e", "10233d", "ffffff", "ffffff", "10233d"
    ),
    "teal_fresh": _p(
        "e9f7f6", "c8ece8", "00897b", "26a69a", "ff7043", "103331", "ffffff", "ffffff", "103331"
    ),
    "white_green": _p(
        "ffffff", "ffffff", "2e9b48", "1565c0", "2e9b48", "222222", "ffffff", "f2f8f3", "222222"
    ),
    "white_blue": _p(
        "ffffff", "f3f6fa", "1e4f9c", "34a0dc", "e53935", "1c1c1c", "ffffff", "eaf1fb", "1c1c1c"
    ),
    "navy_dark": _p(
        "0f2344", "1c3d6e", "f2b705", "2bb3a3", "f2b705", "ffffff", "0f2344", "ffffff", "0f2344"
    ),
    "forest_dark": _p(
        "123b26", "1f5c3a", "ffffff", "9bd770", "ffd54f", "f4fbef", "123b26", "f7fbf3", "123b26"
    ),
    "maroon_hospital": _p(
        "fff8f3", "f6e2d6", "7b1e2b", "b8863b", "b8863b", "2b1014", "ffffff", "ffffff", "2b1014"
    ),
    "red_white": _p(
        "ffffff", "fdeeee", "c62828", "263238", "c62828", "212121", "ffffff", "fff5f5", "212121"
    ),
    "pastel_mint": _p(
        "eefaf3", "d9f2e6", "3aa57a", "7cc6e8", "f7a8b8", "21473a", "ffffff", "ffffff", "21473a"
    ),
    "yellow_sun": _p(
        "fff6cc", "ffe680", "0b6e4f", "e05a00", "e05a00", "2c2a1a", "ffffff", "ffffff", "2c2a1a"
    ),
    "orange_warm": _p(
        "fff3e6", "ffd9b3", "e8660c", "0f6fb5", "0f6fb5", "2d1a0a", "ffffff", "ffffff", "2d1a0a"
    ),
    "sky_blue": _p(
        "e3f2fd", "bbdefb", "1565c0", "00acc1", "ff9800", "0d2538", "ffffff", "ffffff", "0d2538"
    ),
    "mono_print": _p(
        "ffffff", "ffffff", "000000", "444444", "000000", "000000", "ffffff", "ffffff", "000000"
    ),
    "gray_green": _p(
        "f2f4f3", "dde3df", "2f4f3e", "00a651", "00a651", "1e2a24", "ffffff", "ffffff", "1e2a24"
    ),
    "blue_gradient": _p(
        "0b4f9c", "1ba0d8", "ffffff", "f7c600", "f7c600", "ffffff", "0b4f9c", "ffffff", "0b3a70"
    ),
    "green_gradient": _p(
        "0a8a47", "7cc242", "ffffff", "0d5ca8", "ffe14d", "ffffff", "0a6b37", "ffffff", "0a3d22"
    ),
    # Palettes below are held out for the test split (see pools.py).
    "purple_lavender": _p(
        "f5f0fb", "e3d5f5", "5e2b97", "b388eb", "f9a825", "2a1240", "ffffff", "ffffff", "2a1240"
    ),
    "teal_coral": _p(
        "fdf6f0", "f9e0d0", "0e6b6b", "ef6f5e", "ef6f5e", "1f2d2d", "ffffff", "ffffff", "1f2d2d"
    ),
    "olive_cream": _p(
        "fbf7e8", "efe6c2", "5b6b1f", "a0522d", "c99a2e", "2e2a14", "ffffff", "fffdf4", "2e2a14"
    ),
    "slate_orange": _p(
        "263238", "37474f", "ff8f00", "80cbc4", "ff8f00", "eceff1", "1a1a1a", "eceff1", "1a1a1a"
    ),
    # Palettes below are held out for the development split (see pools.py).
    "rose_charcoal": _p(
        "fff5f7", "fbdde4", "a3214f", "3d3d3d", "e0a526", "2b1a20", "ffffff", "ffffff", "2b1a20"
    ),
    "indigo_mint": _p(
        "eef7f3", "cfeadf", "2f3c8f", "3fb68e", "3fb68e", "1b2040", "ffffff", "ffffff", "1b2040"
    ),
    "brown_sand": _p(
        "f7efe3", "e8d6bb", "6d4524", "c98f3e", "2f7a78", "2f1f12", "ffffff", "fffaf2", "2f1f12"
    ),
    "black_lime": _p(
        "1c1c1c", "2c2c2c", "a4c639", "f2f2f2", "a4c639", "f2f2f2", "111111", "f2f2f2", "111111"
    ),
}
