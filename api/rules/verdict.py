"""Area verdicts: from the photo findings of one area to compliant, missing, and so on.

Precedence, first match wins (``required`` comes from the area-size rule):

1. no photo of the area → ``missing`` (no proof);
2. qualified media ≥ required → ``compliant``;
3. some qualified media, fewer than required → ``not_enough_media``;
4. none qualified, but a Janji medium of a form that does not count in this area
   (e.g. a spanduk in the pharmacy waiting room) → ``wrong_media``;
5. none of the above and every photo has a quality issue → ``unverifiable`` (retake, with
   the reason);
6. otherwise → ``missing``.

A detection *qualifies* when its label is a Janji medium allowed in the area and the
detection pipeline *accepted* it (``accepted``: not rejected by its text, confidence at the
model package's calibrated threshold; see ``vision.acceptance``); in a photo with a quality
issue it must also have its text confirmed (``detection.poor_photo_needs_text``, default
on). The rules never compare confidences themselves. A Janji detection that was neither
accepted nor rejected is a *possible* medium: mentioned with "take a closer photo" advice,
never counted. One whose text was rejected (``verified`` is ``False``) is explained, naming
the lookalike when known.

Counting across photos (``detection.counting``): ``max_per_photo`` (default) takes the photo
with the most qualified media, so several photos of the same poster count it once;
``sum_over_photos`` adds the photos up.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, computed_field, field_validator

from api.rules.messages import KNOWN_POSTERS, Message, RulesError, lower_first, quality_message
from api.rules.ruleset import AreaRule, AreaStatus, MediumForm, RuleSet


class DetectionFinding(BaseModel):
    """One detection in a photo, as the detection pipeline reported it.

    Attributes:
        label: Detector class name, e.g. ``janji_poster`` or ``other_sign``.
        confidence: Detector confidence in [0, 1] (reported, not judged here).
        verified: ``True`` text confirmed Janji Layanan, ``False`` text rejected it, ``None``
            not read or unreadable.
        accepted: Whether the detection pipeline counts it as Janji Layanan evidence (the
            model package's calibrated decision; ``False`` for a non-Janji label). A rejected
            detection (``verified`` ``False``) never counts, whatever this says.
        promises_read: 1-based numbers of the Janji promises read in the text.
        identified_as: For a rejected or other sign, the known poster its text names
            (e.g. ``hak_kewajiban``), else ``None``.

    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    label: str
    confidence: float = Field(ge=0, le=1)
    verified: bool | None = None
    accepted: bool
    promises_read: tuple[int, ...] = ()
    identified_as: str | None = None


class PhotoQualityIssue(BaseModel):
    """A quality issue of a photo (code as in ``vision.results.QualityIssue``)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    code: str
    message: str = ""


class PhotoFinding(BaseModel):
    """What the pipeline found in one photo of an area.

    Attributes:
        photo_id: The caller's id of the photo, used in nothing but echoed for traceability.
        quality_issues: Quality problems; empty when the photo is usable.
        detections: The detections in the photo.

    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    photo_id: str | None = None
    quality_issues: tuple[PhotoQualityIssue, ...] = ()
    detections: tuple[DetectionFinding, ...] = ()

    @property
    def quality_ok(self) -> bool:
        """Whether the photo has no quality issue."""
        return not self.quality_issues

    @classmethod
    def from_result_json(cls, data: Mapping[str, Any], photo_id: str | None = None) -> PhotoFinding:
        """Build a finding from one ``images`` entry of the ``detect --json`` contract.

        Args:
            data: ``{"quality": {"issues": [...]}, "detections": [...], ...}``.
            photo_id: The caller's id of the photo.

        Raises:
            RulesError: If the entry lacks or mistypes a needed field.

        """
        try:
            quality = data.get("quality") or {}
            return cls(
                photo_id=photo_id,
                quality_issues=tuple(
                    PhotoQualityIssue.model_validate(i) for i in quality.get("issues", ())
                ),
                detections=tuple(
                    DetectionFinding.model_validate(d) for d in data.get("detections", ())
                ),
            )
        except (ValidationError, AttributeError, TypeError) as error:
            raise RulesError(f"not a detection result entry: {error}") from None


class AreaVerdict(BaseModel):
    """The derived verdict of one area.

    Attributes:
        ruleset_id: The rule set that judged it.
        area_id: The area.
        status: The verdict.
        floor_area_m2: The floor area used for the required count, m², or ``None``.
        required_count: Minimum number of Janji media for this area.
        qualified_count: Janji media that count, after de-duplication across photos.
        counts_by_medium: ``qualified_count`` split by medium form id.
        wrong_media_count: Janji media of a form that does not count in this area.
        rejected_count: Detections whose text showed they are not Janji Layanan, in all
            photos together.
        possible_count: Janji detections neither accepted nor rejected (too uncertain to
            count), in all photos together.
        photo_count: Photos judged.
        photos_with_quality_issues: Photos with at least one quality issue.
        reasons: Why, in Indonesian and English.
        advice: What to do, in Indonesian and English.

    """

    model_config = ConfigDict(frozen=True)

    ruleset_id: str
    area_id: str
    status: AreaStatus
    floor_area_m2: float | None
    required_count: int
    qualified_count: int
    counts_by_medium: dict[str, int]
    wrong_media_count: int
    rejected_count: int
    possible_count: int
    photo_count: int
    photos_with_quality_issues: int
    reasons: tuple[Message, ...]
    advice: tuple[Message, ...]

    @property
    def compliant(self) -> bool:
        """Whether the status is ``compliant``."""
        return self.status is AreaStatus.COMPLIANT


class VerdictOverride(BaseModel):
    """An auditor's change of a verdict.

    Attributes:
        status: The status the auditor set.
        note: Why (required, not blank).
        by: Who, e.g. the auditor's id.
        at: When.

    """

    model_config = ConfigDict(frozen=True)

    status: AreaStatus
    note: str
    by: str | None = None
    at: datetime | None = None

    @field_validator("note")
    @classmethod
    def _note_not_blank(cls, note: str) -> str:
        if not note.strip():
            raise ValueError("an override needs a note saying why")
        return note.strip()


class ReviewedVerdict(BaseModel):
    """A derived verdict with the auditor's overrides; the original is never changed.

    Attributes:
        verdict: The verdict the rules derived.
        overrides: Overrides in the order they were made; the last one is in force.

    """

    model_config = ConfigDict(frozen=True)

    verdict: AreaVerdict
    overrides: tuple[VerdictOverride, ...] = ()

    @computed_field  # type: ignore[prop-decorator]
    @property
    def status(self) -> AreaStatus:
        """The status in force: the last override's, else the derived one."""
        return self.overrides[-1].status if self.overrides else self.verdict.status

    @property
    def area_id(self) -> str:
        """The area."""
        return self.verdict.area_id

    @property
    def overridden(self) -> bool:
        """Whether an auditor changed the verdict."""
        return bool(self.overrides)


def apply_override(
    verdict: AreaVerdict | ReviewedVerdict,
    status: AreaStatus | str,
    note: str,
    by: str | None = None,
    at: datetime | None = None,
) -> ReviewedVerdict:
    """Record an auditor's override, keeping the derived verdict and earlier overrides.

    Args:
        verdict: The derived verdict, or one already reviewed.
        status: The new status (an ``AreaStatus`` or its value, e.g. ``"compliant"``).
        note: Why; must not be blank.
        by: Who overrides.
        at: When.

    Returns:
        The reviewed verdict whose ``status`` is ``status``.

    Raises:
        RulesError: For an unknown status or a blank note.

    """
    try:
        override = VerdictOverride(status=AreaStatus(status), note=note, by=by, at=at)
    except ValueError as error:
        if isinstance(error, ValidationError):
            raise RulesError(f"override: {error.errors()[0]['msg']}") from None
        known = ", ".join(s.value for s in AreaStatus)
        raise RulesError(f"unknown status {status!r}; known: {known}") from None
    if isinstance(verdict, ReviewedVerdict):
        return ReviewedVerdict(verdict=verdict.verdict, overrides=(*verdict.overrides, override))
    return ReviewedVerdict(verdict=verdict, overrides=(override,))


def effective_status(verdict: AreaVerdict | ReviewedVerdict) -> AreaStatus:
    """Return the status in force (an override's if any)."""
    return verdict.status


@dataclass
class _PhotoCount:
    qualified: dict[str, int] = field(default_factory=dict)
    wrong: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.qualified.values())

    @property
    def wrong_total(self) -> int:
        return sum(self.wrong.values())


@dataclass
class _Notes:
    """Reasons and advice collected while judging, de-duplicated by code and text."""

    reasons: list[Message] = field(default_factory=list)
    advice: list[Message] = field(default_factory=list)

    def reason(self, message: Message) -> None:
        if message not in self.reasons:
            self.reasons.append(message)

    def advise(self, message: Message) -> None:
        if message not in self.advice:
            self.advice.append(message)


def judge_area(
    ruleset: RuleSet,
    area_id: str,
    photos: Sequence[PhotoFinding],
    floor_area_m2: float | None = None,
) -> AreaVerdict:
    """Derive the verdict of one area from its photos (precedence in the module docstring).

    Args:
        ruleset: The rules.
        area_id: The area, e.g. ``"pharmacy_waiting"``.
        photos: What the pipeline found in each photo of the area (any number, even none).
        floor_area_m2: The area's floor area in m², or ``None`` when unknown.

    Returns:
        The verdict with counts, reasons and advice.

    Raises:
        RulesError: For an unknown area or an impossible floor area.

    """
    area = ruleset.area(area_id)
    required = ruleset.area_size.required_count(floor_area_m2)
    notes = _Notes()
    counts: list[_PhotoCount] = []
    rejected = possible = 0
    for photo in photos:
        count = _PhotoCount()
        for detection in photo.detections:
            kind = _classify(ruleset, area, detection, photo.quality_ok, count, notes)
            rejected += kind == "rejected"
            possible += kind == "possible"
        counts.append(count)
    bad_photos = [p for p in photos if not p.quality_ok]

    if ruleset.detection.counting == "sum_over_photos":
        by_medium = _sum_counts([c.qualified for c in counts])
        wrong = sum(c.wrong_total for c in counts)
    else:
        best = max(counts, key=lambda c: c.total, default=_PhotoCount())
        by_medium = dict(best.qualified)
        wrong = max((c.wrong_total for c in counts), default=0)
    qualified = sum(by_medium.values())

    status = _status(qualified, required, wrong, photos, bad_photos)
    _explain(ruleset, area, status, qualified, required, floor_area_m2, photos, bad_photos, notes)
    if possible and status is not AreaStatus.COMPLIANT:
        notes.reason(_POSSIBLE)
        notes.advise(_CLOSER)
    return AreaVerdict(
        ruleset_id=ruleset.id,
        area_id=area.id,
        status=status,
        floor_area_m2=floor_area_m2,
        required_count=required,
        qualified_count=qualified,
        counts_by_medium={m.id: by_medium.get(m.id, 0) for m in ruleset.media},
        wrong_media_count=wrong,
        rejected_count=rejected,
        possible_count=possible,
        photo_count=len(photos),
        photos_with_quality_issues=len(bad_photos),
        reasons=tuple(notes.reasons),
        advice=tuple(notes.advice),
    )


def _status(
    qualified: int,
    required: int,
    wrong: int,
    photos: Sequence[PhotoFinding],
    bad_photos: Sequence[PhotoFinding],
) -> AreaStatus:
    if not photos:
        return AreaStatus.MISSING
    if qualified >= required:
        return AreaStatus.COMPLIANT
    if qualified > 0:
        return AreaStatus.NOT_ENOUGH_MEDIA
    if wrong > 0:
        return AreaStatus.WRONG_MEDIA
    if len(bad_photos) == len(photos):
        return AreaStatus.UNVERIFIABLE
    return AreaStatus.MISSING


def _classify(
    ruleset: RuleSet,
    area: AreaRule,
    detection: DetectionFinding,
    photo_ok: bool,
    count: _PhotoCount,
    notes: _Notes,
) -> str:
    """Count one detection into ``count``; return its kind for the totals."""
    medium = ruleset.medium_for_label(detection.label)
    if detection.verified is False or medium is None:
        if detection.identified_as is not None:
            notes.reason(_not_janji(detection.identified_as, medium))
        elif detection.verified is False:
            notes.reason(_TEXT_NOT_JANJI)
        return "rejected" if detection.verified is False else "other"
    if not detection.accepted:
        return "possible"
    if not photo_ok and ruleset.detection.poor_photo_needs_text and detection.verified is not True:
        return "possible"  # a blurred or dark photo proves nothing its text did not confirm
    if medium.id not in area.allowed_media:
        count.wrong[medium.id] = count.wrong.get(medium.id, 0) + 1
        notes.reason(_wrong_medium(ruleset, area, medium))
        return "wrong"
    count.qualified[medium.id] = count.qualified.get(medium.id, 0) + 1
    return "qualified"


def _sum_counts(counts: Sequence[dict[str, int]]) -> dict[str, int]:
    total: dict[str, int] = {}
    for count in counts:
        for key, value in count.items():
            total[key] = total.get(key, 0) + value
    return total


def _explain(
    ruleset: RuleSet,
    area: AreaRule,
    status: AreaStatus,
    qualified: int,
    required: int,
    floor_area_m2: float | None,
    photos: Sequence[PhotoFinding],
    bad_photos: Sequence[PhotoFinding],
    notes: _Notes,
) -> None:
    """Add the status's own reason and advice (kept apart from the detection reasons)."""
    name_id, name_en = lower_first(area.name_id), lower_first(area.name_en)
    allowed_id, allowed_en = _allowed_names(ruleset, area)
    size_id = f" untuk luas {floor_area_m2:g} m²" if floor_area_m2 is not None else ""
    size_en = f" for {floor_area_m2:g} m²" if floor_area_m2 is not None else ""
    if status is AreaStatus.COMPLIANT:
        notes.reasons.insert(
            0,
            Message(
                code="enough_media",
                text_id=f"Ditemukan {qualified} media Janji Layanan "
                f"(diperlukan {required}{size_id})",
                text_en=f"Found {qualified} Janji Layanan media ({required} required{size_en})",
            ),
        )
        return
    if not photos:
        notes.reason(
            Message(
                code="no_photos",
                text_id=f"Belum ada foto {name_id}",
                text_en=f"There is no photo of the {name_en}",
            )
        )
        notes.advise(
            Message(
                code="take_photo",
                text_id=f"Foto {name_id} sehingga media Janji Layanan terlihat jelas",
                text_en=f"Take a photo of the {name_en} showing its Janji Layanan media clearly",
            )
        )
        return
    if status is AreaStatus.NOT_ENOUGH_MEDIA:
        short = required - qualified
        notes.reasons.insert(
            0,
            Message(
                code="not_enough_media",
                text_id=f"Ditemukan {qualified} dari {required} media Janji Layanan "
                f"yang diperlukan{size_id}",
                text_en=f"Found {qualified} of the {required} Janji Layanan media "
                f"required{size_en}",
            ),
        )
        notes.advise(
            Message(
                code="add_media",
                text_id=f"Pasang {short} media Janji Layanan lagi ({allowed_id}) di {name_id}",
                text_en=f"Put up {short} more Janji Layanan "
                f"{'medium' if short == 1 else 'media'} ({allowed_en}) in the {name_en}",
            )
        )
        if len(photos) > 1 and ruleset.detection.counting == "max_per_photo":
            notes.advise(_WIDER)
    elif status is AreaStatus.WRONG_MEDIA:
        notes.advise(
            Message(
                code="use_allowed_media",
                text_id=f"Pasang Janji Layanan dalam bentuk {allowed_id} di {name_id}",
                text_en=f"Put up Janji Layanan as a {allowed_en} in the {name_en}",
            )
        )
    elif status is AreaStatus.UNVERIFIABLE:
        notes.reasons.insert(
            0,
            Message(
                code="all_photos_poor",
                text_id="Semua foto bermasalah kualitasnya sehingga area tidak dapat diperiksa",
                text_en="Every photo has a quality problem, so the area could not be checked",
            ),
        )
    elif status is AreaStatus.MISSING:
        notes.reasons.insert(
            0,
            Message(
                code="no_janji_media",
                text_id=f"Tidak ada media Janji Layanan JKN di {name_id}",
                text_en=f"No Janji Layanan JKN medium was found in the {name_en}",
            ),
        )
        notes.advise(
            Message(
                code="put_up_media",
                text_id=f"Pasang media Janji Layanan JKN ({allowed_id}) di {name_id}",
                text_en=f"Put up a Janji Layanan JKN medium ({allowed_en}) in the {name_en}",
            )
        )
    for photo in bad_photos:
        for issue in photo.quality_issues:
            notes.advise(quality_message(issue.code, issue.message))


def _allowed_names(ruleset: RuleSet, area: AreaRule) -> tuple[str, str]:
    media = [ruleset.medium(m) for m in area.allowed_media]
    return (
        _join([lower_first(m.name_id) for m in media], "atau"),
        _join([lower_first(m.name_en) for m in media], "or"),
    )


def _join(words: list[str], conjunction: str) -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def _wrong_medium(ruleset: RuleSet, area: AreaRule, medium: MediumForm) -> Message:
    where = [a for a in ruleset.areas if medium.id in a.allowed_media]
    where_id = _join([lower_first(a.name_id) for a in where], "atau") or "area mana pun"
    where_en = _join([lower_first(a.name_en) for a in where], "or") or "no area"
    return Message(
        code=f"{medium.id}_not_allowed",
        text_id=f"{medium.name_id} hanya dihitung di {where_id}, "
        f"bukan di {lower_first(area.name_id)}",
        text_en=f"A {lower_first(medium.name_en)} does not count in the "
        f"{lower_first(area.name_en)}; only in the {where_en}",
    )


def _not_janji(identified_as: str, medium: MediumForm | None) -> Message:
    name_id, name_en = KNOWN_POSTERS.get(identified_as, (identified_as, identified_as))
    form_id = lower_first(medium.name_id) if medium else "poster"
    form_en = lower_first(medium.name_en) if medium else "poster"
    return Message(
        code=f"not_janji_{identified_as}",
        text_id=f"Ini {form_id} {name_id}, bukan Janji Layanan",
        text_en=f"This {form_en} is {name_en}, not Janji Layanan",
    )


_TEXT_NOT_JANJI = Message(
    code="text_not_janji",
    text_id="Teks pada media ini bukan Janji Layanan JKN",
    text_en="The text on this medium is not Janji Layanan JKN",
)
_POSSIBLE = Message(
    code="possible_medium",
    text_id="Kemungkinan ada media Janji Layanan, tetapi kurang jelas untuk dihitung",
    text_en="A possible Janji Layanan medium was seen, but not clearly enough to count",
)
_CLOSER = Message(
    code="take_closer_photo",
    text_id="Foto lebih dekat dan lurus ke arah media agar tulisannya terbaca",
    text_en="Take a closer, straight-on photo of the medium so that its text can be read",
)
_WIDER = Message(
    code="take_wider_photo",
    text_id="Media dihitung per foto: jika media lain sudah terpasang, foto semuanya dalam satu "
    "foto yang lebih luas",
    text_en="Media are counted per photo: if more media are already up, take one wider photo "
    "that shows them together",
)
