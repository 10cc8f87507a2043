"""Font registry: font family ids mapped to installed Debian font files."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from PIL import ImageFont

FONT_ROOT = Path("/usr/share/fonts")

FONT_PACKAGES = (
    "fonts-dejavu fonts-liberation2 fonts-noto-core fonts-roboto-unhinted fonts-open-sans "
    "fonts-lato fonts-inter fonts-cabin fonts-bebas-neue fonts-urw-base35 fonts-crosextra-carlito "
    "fonts-crosextra-caladea fonts-freefont-ttf fonts-paratype fonts-roboto-slab fonts-karla "
    "fonts-league-spartan fonts-quicksand fonts-comfortaa"
)


@dataclass(frozen=True)
class FontFamily:
    """The files of one font family, relative to ``FONT_ROOT``.

    Attributes:
        title: Face for big titles.
        bold: Bold face for headings and emphasis.
        regular: Regular face for body text.

    """

    title: str
    bold: str
    regular: str


def _same(bold: str, regular: str) -> FontFamily:
    return FontFamily(title=bold, bold=bold, regular=regular)


FONT_FAMILIES: dict[str, FontFamily] = {
    "dejavu_sans": _same("truetype/dejavu/DejaVuSans-Bold.ttf", "truetype/dejavu/DejaVuSans.ttf"),
    "dejavu_condensed": _same(
        "truetype/dejavu/DejaVuSansCondensed-Bold.ttf", "truetype/dejavu/DejaVuSansCondensed.ttf"
    ),
    "dejavu_serif": _same(
        "truetype/dejavu/DejaVuSerif-Bold.ttf", "truetype/dejavu/DejaVuSerif.ttf"
    ),
    "liberation_sans": _same(
        "truetype/liberation2/LiberationSans-Bold.ttf",
        "truetype/liberation2/LiberationSans-Regular.ttf",
    ),
    "liberation_serif": _same(
        "truetype/liberation2/LiberationSerif-Bold.ttf",
        "truetype/liberation2/LiberationSerif-Regular.ttf",
    ),
    "noto_sans": _same("truetype/noto/NotoSans-Bold.ttf", "truetype/noto/NotoSans-Regular.ttf"),
    "noto_serif": _same("truetype/noto/NotoSerif-Bold.ttf", "truetype/noto/NotoSerif-Regular.ttf"),
    "noto_display": _same(
        "truetype/noto/NotoSansDisplay-Bold.ttf", "truetype/noto/NotoSansDisplay-Regular.ttf"
    ),
    "roboto": _same(
        "truetype/roboto/unhinted/RobotoTTF/Roboto-Bold.ttf",
        "truetype/roboto/unhinted/RobotoTTF/Roboto-Regular.ttf",
    ),
    "roboto_condensed": _same(
        "truetype/roboto/unhinted/RobotoCondensed-Bold.ttf",
        "truetype/roboto/unhinted/RobotoCondensed-Regular.ttf",
    ),
    "roboto_black": FontFamily(
        title="truetype/roboto/unhinted/RobotoTTF/Roboto-Black.ttf",
        bold="truetype/roboto/unhinted/RobotoTTF/Roboto-Medium.ttf",
        regular="truetype/roboto/unhinted/RobotoTTF/Roboto-Regular.ttf",
    ),
    "open_sans": FontFamily(
        title="truetype/open-sans/OpenSans-ExtraBold.ttf",
        bold="truetype/open-sans/OpenSans-Bold.ttf",
        regular="truetype/open-sans/OpenSans-Regular.ttf",
    ),
    "open_sans_cond": FontFamily(
        title="truetype/open-sans/OpenSans-CondBold.ttf",
        bold="truetype/open-sans/OpenSans-CondBold.ttf",
        regular="truetype/open-sans/OpenSans-Regular.ttf",
    ),
    "lato": FontFamily(
        title="truetype/lato/Lato-Black.ttf",
        bold="truetype/lato/Lato-Bold.ttf",
        regular="truetype/lato/Lato-Regular.ttf",
    ),
    "inter": FontFamily(
        title="opentype/inter/Inter-ExtraBold.otf",
        bold="opentype/inter/Inter-Bold.otf",
        regular="opentype/inter/Inter-Regular.otf",
    ),
    "bebas_roboto": FontFamily(
        title="opentype/bebas-neue/BebasNeue-Bold.otf",
        bold="truetype/roboto/unhinted/RobotoTTF/Roboto-Bold.ttf",
        regular="truetype/roboto/unhinted/RobotoTTF/Roboto-Regular.ttf",
    ),
    "carlito": _same(
        "truetype/crosextra/Carlito-Bold.ttf", "truetype/crosextra/Carlito-Regular.ttf"
    ),
    "nimbus_sans": _same(
        "opentype/urw-base35/NimbusSans-Bold.otf", "opentype/urw-base35/NimbusSans-Regular.otf"
    ),
    "nimbus_roman": _same(
        "opentype/urw-base35/NimbusRoman-Bold.otf", "opentype/urw-base35/NimbusRoman-Regular.otf"
    ),
    "nimbus_narrow": _same(
        "opentype/urw-base35/NimbusSansNarrow-Bold.otf",
        "opentype/urw-base35/NimbusSansNarrow-Regular.otf",
    ),
    "urw_bookman": _same(
        "opentype/urw-base35/URWBookman-Demi.otf", "opentype/urw-base35/URWBookman-Light.otf"
    ),
    "c059": _same("opentype/urw-base35/C059-Bold.otf", "opentype/urw-base35/C059-Roman.otf"),
    "freesans": _same("truetype/freefont/FreeSansBold.ttf", "truetype/freefont/FreeSans.ttf"),
    "freeserif": _same("truetype/freefont/FreeSerifBold.ttf", "truetype/freefont/FreeSerif.ttf"),
    # Families below are held out for the test split (see pools.py).
    "cabin": _same("opentype/cabin/Cabin-Bold.otf", "opentype/cabin/Cabin-Regular.otf"),
    "caladea": _same(
        "truetype/crosextra/Caladea-Bold.ttf", "truetype/crosextra/Caladea-Regular.ttf"
    ),
    "urw_gothic": _same(
        "opentype/urw-base35/URWGothic-Demi.otf", "opentype/urw-base35/URWGothic-Book.otf"
    ),
    "p052": _same("opentype/urw-base35/P052-Bold.otf", "opentype/urw-base35/P052-Roman.otf"),
    "narrow_cabin": FontFamily(
        title="truetype/paratype/PTN77F.ttf",  # PT Sans Narrow Bold
        bold="opentype/cabin/Cabin-SemiBold.otf",
        regular="opentype/cabin/Cabin-Regular.otf",
    ),
    # Families below are held out for the development split (see pools.py).
    "pt_serif": _same("truetype/paratype/PTF75F.ttf", "truetype/paratype/PTF55F.ttf"),
    "roboto_slab": _same(
        "opentype/roboto/slab/RobotoSlab-Bold.otf", "opentype/roboto/slab/RobotoSlab-Regular.otf"
    ),
    "karla": FontFamily(
        title="truetype/karla/Karla-ExtraBold.otf",
        bold="truetype/karla/Karla-Bold.otf",
        regular="truetype/karla/Karla-Regular.otf",
    ),
    "spartan_quicksand": FontFamily(
        title="opentype/league-spartan/LeagueSpartan-Bold.otf",
        bold="truetype/quicksand/Quicksand-Bold.ttf",
        regular="truetype/quicksand/Quicksand-Regular.ttf",
    ),
    "comfortaa": _same(
        "truetype/comfortaa/Comfortaa-Bold.ttf", "truetype/comfortaa/Comfortaa-Regular.ttf"
    ),
}


class FontsMissingError(RuntimeError):
    """No usable font files are installed, or a requested family is missing."""


@cache
def is_available(font_id: str) -> bool:
    """Whether every file of font family ``font_id`` is installed."""
    family = FONT_FAMILIES.get(font_id)
    if family is None:
        return False
    return all((FONT_ROOT / p).is_file() for p in (family.title, family.bold, family.regular))


def available_fonts(font_ids: tuple[str, ...]) -> tuple[str, ...]:
    """Return the installed subset of ``font_ids``, in order.

    Raises:
        FontsMissingError: If none of them is installed (naming the apt packages to install).

    """
    found = tuple(f for f in font_ids if is_available(f))
    if not found:
        raise FontsMissingError(
            f"none of the fonts {', '.join(font_ids)} is installed under {FONT_ROOT}; "
            f"install them with: apt-get install {FONT_PACKAGES}"
        )
    return found


def family_paths(font_id: str) -> FontFamily:
    """Return absolute file paths of font family ``font_id``.

    Raises:
        FontsMissingError: If the family is unknown or its files are not installed.

    """
    if font_id not in FONT_FAMILIES:
        raise FontsMissingError(f"unknown font family {font_id!r}")
    if not is_available(font_id):
        raise FontsMissingError(
            f"font family {font_id!r} is not installed under {FONT_ROOT}; "
            f"install: apt-get install {FONT_PACKAGES}"
        )
    fam = FONT_FAMILIES[font_id]
    return FontFamily(
        title=str(FONT_ROOT / fam.title),
        bold=str(FONT_ROOT / fam.bold),
        regular=str(FONT_ROOT / fam.regular),
    )


@lru_cache(maxsize=2048)
def load_font(path: str, size: int) -> ImageFont.FreeTypeFont:
    """Load (and cache) a font file at a pixel size (at least 6 pixels)."""
    return ImageFont.truetype(path, max(6, int(size)))
