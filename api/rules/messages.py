"""Bilingual (Indonesian and English) messages that rules return to people."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Message(BaseModel):
    """One reason or piece of advice, in Indonesian and English.

    Attributes:
        code: Stable machine id, e.g. ``spanduk_not_allowed``.
        text_id: The text in Indonesian.
        text_en: The text in English.

    """

    model_config = ConfigDict(frozen=True)

    code: str
    text_id: str
    text_en: str


class RulesError(ValueError):
    """Bad input to a rule (unknown id, impossible value); the message says what and why."""


# Advice for the photo quality issue codes of ``vision.results.QualityIssue``.
QUALITY_ADVICE: dict[str, tuple[str, str]] = {
    "blurry": (
        "Foto buram: pegang kamera dengan stabil, fokuskan, lalu foto ulang",
        "The photo is blurred: hold the camera steady, focus and retake it",
    ),
    "too_dark": (
        "Foto terlalu gelap: nyalakan lampu lalu foto ulang",
        "The photo is too dark: turn on the light and retake it",
    ),
    "too_bright": (
        "Foto terlalu terang: hindari cahaya langsung lalu foto ulang",
        "The photo is too bright: avoid direct light and retake it",
    ),
    "glare": (
        "Ada pantulan cahaya: foto dari samping agar tidak silau lalu foto ulang",
        "There is glare: take the photo from a slight angle and retake it",
    ),
    "too_small": (
        "Resolusi foto terlalu kecil: foto ulang dengan resolusi penuh",
        "The photo's resolution is too small: retake it at full resolution",
    ),
}

# Names of known non-Janji posters that the text check can identify (``identified_as``).
KNOWN_POSTERS: dict[str, tuple[str, str]] = {
    "hak_kewajiban": ("Hak dan Kewajiban Peserta", "Hak dan Kewajiban Peserta"),
    "alur_pelayanan": ("Alur Pelayanan", "Alur Pelayanan (service flow)"),
    "antrean_online": ("Antrean Online", "Antrean Online (online queue)"),
    "care_center_165": ("BPJS Kesehatan Care Center 165", "BPJS Kesehatan Care Center 165"),
    "maklumat_pelayanan": ("Maklumat Pelayanan", "Maklumat Pelayanan (service declaration)"),
}


def quality_message(code: str, fallback_en: str) -> Message:
    """Return the bilingual retake advice for a photo quality issue.

    Args:
        code: The quality issue code (``blurry``, ``too_dark``, ...).
        fallback_en: The English message to use for a code without a translation.

    Returns:
        The advice, with code ``quality_<code>``.

    """
    text_id, text_en = QUALITY_ADVICE.get(code, (fallback_en, fallback_en))
    return Message(code=f"quality_{code}", text_id=text_id, text_en=text_en)


def lower_first(text: str) -> str:
    """Return ``text`` with its first letter in lower case (for names inside sentences)."""
    return text[:1].lower() + text[1:]
