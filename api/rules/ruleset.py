"""The rule set: every threshold, weight and list the rules use, as validated, versioned data.

Rule sets live as YAML files named ``<id>.yaml`` in ``api/rules/rulesets/``; see
``SE-2024.yaml`` for the meaning and rationale of each value.
"""

from __future__ import annotations

import math
import re
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal, Self

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from api.rules.messages import RulesError

RULESET_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"


class AreaStatus(StrEnum):
    """The verdict of one area."""

    COMPLIANT = "compliant"
    MISSING = "missing"
    NOT_ENOUGH_MEDIA = "not_enough_media"
    WRONG_MEDIA = "wrong_media"
    UNVERIFIABLE = "unverifiable"


class Grade(StrEnum):
    """The grade of an audit score."""

    GOOD = "good"
    NEEDS_IMPROVEMENT = "needs_improvement"
    BAD = "bad"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class MediumForm(_Frozen):
    """A form of Janji Layanan medium and the detector label that finds it."""

    id: str
    label: str
    name_id: str
    name_en: str


class AreaRule(_Frozen):
    """One service area and the media forms that count there."""

    id: str
    name_id: str
    name_en: str
    allowed_media: tuple[str, ...] = Field(min_length=1)


class AreaSizeRule(_Frozen):
    """Turns a floor area (m²) into the minimum number of media."""

    base_count: int = Field(default=1, ge=1)
    threshold_m2: float = Field(default=50.0, gt=0)
    extra_per_m2: float = Field(default=50.0, gt=0)
    max_count: int = Field(default=4, ge=1)

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.max_count < self.base_count:
            raise ValueError("area_size.max_count must be >= base_count")
        return self

    def required_count(self, floor_area_m2: float | None) -> int:
        """Return the minimum number of Janji media for an area.

        Args:
            floor_area_m2: The area's floor area in square metres, or ``None`` when unknown.

        Returns:
            ``base_count`` up to ``threshold_m2``; above it one more for every full
            ``extra_per_m2``, capped at ``max_count``.

        Raises:
            RulesError: If the floor area is negative or not finite.

        """
        if floor_area_m2 is None:
            return self.base_count
        if not math.isfinite(floor_area_m2) or floor_area_m2 < 0:
            raise RulesError(f"floor area must be a finite number >= 0 m², got {floor_area_m2}")
        if floor_area_m2 <= self.threshold_m2:
            return self.base_count
        extra = math.floor((floor_area_m2 - self.threshold_m2) / self.extra_per_m2 + 1e-9)
        return min(self.max_count, self.base_count + extra)


class DetectionRule(_Frozen):
    """How the Janji media found in an area's photos are counted.

    Whether one detection counts at all is not a policy: the detection pipeline decides it
    with the model package's calibrated thresholds and reports it as ``accepted``.

    Attributes:
        counting: How media in several photos of one area are counted.
        poor_photo_needs_text: In a photo with a quality issue (blurred, dark, glare, ...),
            an accepted detection counts only when its text confirmed Janji Layanan; otherwise
            it is a possible medium and the area asks for a retake.
    """

    counting: Literal["max_per_photo", "sum_over_photos"] = "max_per_photo"
    poor_photo_needs_text: bool = True


class ChecklistItem(_Frozen):
    """One observed item of the SiBLing checklist."""

    id: str
    label_id: str
    label_en: str
    description_id: str = ""
    description_en: str = ""
    area: str | None = None


class Checklist(_Frozen):
    """The eight Layanan Prima attitudes and the Janji items."""

    attitudes: tuple[ChecklistItem, ...] = Field(min_length=1)
    janji_items: tuple[ChecklistItem, ...] = ()


class KessanRule(_Frozen):
    """KESSAN respondent minimum and rating scale."""

    respondent_minimum: int = Field(ge=1)
    min_stars: int = 1
    max_stars: int = 5
    scale_by_coverage: bool = True

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.max_stars <= self.min_stars:
            raise ValueError("kessan.max_stars must be > min_stars")
        return self


class ScoreRule(_Frozen):
    """Indicator weights and grade thresholds."""

    weights: dict[Literal["sibling", "kessan", "janji"], float]
    good_min: float = Field(ge=0, le=100)
    bad_below: float = Field(ge=0, le=100)

    @model_validator(mode="after")
    def _check(self) -> Self:
        if set(self.weights) != {"sibling", "kessan", "janji"}:
            raise ValueError("score.weights needs exactly sibling, kessan and janji")
        if any(w < 0 for w in self.weights.values()):
            raise ValueError("score.weights must be >= 0")
        if abs(sum(self.weights.values()) - 1.0) > 1e-6:
            raise ValueError(f"score.weights must sum to 1, got {sum(self.weights.values())}")
        if self.bad_below > self.good_min:
            raise ValueError("score.bad_below must be <= good_min")
        return self


class FacilityRule(_Frozen):
    """Facility types and the facility-level rules."""

    types: dict[str, Literal["fktp", "fkrtl"]] = Field(min_length=1)
    consecutive_bad_for_review: int = Field(ge=1)
    sibling_levels: tuple[Literal["fktp", "fkrtl"], ...] = ("fktp",)
    min_visits_per_year: int = Field(ge=0)
    max_gap_days: int = Field(ge=1)


class CommitmentRule(_Frozen):
    """Due dates and severities of improvement commitments."""

    due_days: int = Field(ge=1)
    due_days_by_status: dict[AreaStatus, int] = Field(default_factory=dict)
    severity: dict[AreaStatus, int] = Field(default_factory=dict)

    def days_for(self, status: AreaStatus) -> int:
        """Return the number of days to fix a finding of this verdict."""
        return self.due_days_by_status.get(status, self.due_days)

    def severity_of(self, status: AreaStatus) -> int:
        """Return the severity of a finding of this verdict (0 when not listed)."""
        return self.severity.get(status, 0)


class IntegrityRule(_Frozen):
    """Evidence-integrity thresholds."""

    near_duplicate_max_distance: int = Field(ge=0, le=64)
    exif_time_tolerance_minutes: float = Field(ge=0)
    gps_max_distance_km: float = Field(gt=0)


class RuleSet(_Frozen):
    """A complete, validated, versioned rule set (see ``rulesets/SE-2024.yaml``)."""

    id: str = Field(pattern=RULESET_ID_PATTERN)
    version: int = Field(ge=1)
    title: str
    description: str = ""
    media: tuple[MediumForm, ...] = Field(min_length=1)
    areas: tuple[AreaRule, ...] = Field(min_length=1)
    area_size: AreaSizeRule
    detection: DetectionRule
    area_status_credit: dict[AreaStatus, float]
    checklist: Checklist
    kessan: KessanRule
    score: ScoreRule
    facility: FacilityRule
    commitments: CommitmentRule
    integrity: IntegrityRule

    @model_validator(mode="after")
    def _check_references(self) -> Self:
        _unique("media id", [m.id for m in self.media])
        _unique("media label", [m.label for m in self.media])
        _unique("area id", [a.id for a in self.areas])
        media_ids = {m.id for m in self.media}
        for area in self.areas:
            unknown = set(area.allowed_media) - media_ids
            if unknown:
                raise ValueError(f"area {area.id!r} allows unknown media {sorted(unknown)}")
        items = [*self.checklist.attitudes, *self.checklist.janji_items]
        _unique("checklist item id", [i.id for i in items])
        area_ids = {a.id for a in self.areas}
        for item in self.checklist.janji_items:
            if item.area is not None and item.area not in area_ids:
                raise ValueError(f"checklist item {item.id!r} names unknown area {item.area!r}")
        missing = set(AreaStatus) - set(self.area_status_credit)
        if missing:
            raise ValueError(f"area_status_credit lacks {sorted(missing)}")
        if any(not 0 <= c <= 1 for c in self.area_status_credit.values()):
            raise ValueError("area_status_credit values must lie in [0, 1]")
        return self

    def area(self, area_id: str) -> AreaRule:
        """Return the rule of one area.

        Raises:
            RulesError: If the area id is not in this rule set.

        """
        for area in self.areas:
            if area.id == area_id:
                return area
        known = ", ".join(a.id for a in self.areas)
        raise RulesError(f"unknown area {area_id!r}; known areas: {known}")

    @property
    def area_ids(self) -> tuple[str, ...]:
        """The area ids, in rule-set order."""
        return tuple(a.id for a in self.areas)

    def medium_for_label(self, label: str) -> MediumForm | None:
        """Return the medium form a detector label finds, or ``None`` for a non-Janji label."""
        for medium in self.media:
            if medium.label == label:
                return medium
        return None

    def medium(self, medium_id: str) -> MediumForm:
        """Return a medium form by id; raises ``RulesError`` for an unknown id."""
        for medium in self.media:
            if medium.id == medium_id:
                return medium
        raise RulesError(f"unknown medium {medium_id!r}")

    def facility_level(self, facility_type: str) -> Literal["fktp", "fkrtl"]:
        """Return ``"fktp"`` or ``"fkrtl"`` for a facility type such as ``puskesmas``.

        Raises:
            RulesError: If the type is not in the rule set.

        """
        try:
            return self.facility.types[facility_type]
        except KeyError:
            known = ", ".join(self.facility.types)
            raise RulesError(
                f"unknown facility type {facility_type!r}; known types: {known}"
            ) from None


def _unique(what: str, values: list[str]) -> None:
    duplicates = sorted({v for v in values if values.count(v) > 1})
    if duplicates:
        raise ValueError(f"duplicate {what}: {', '.join(duplicates)}")


def ruleset_from_mapping(data: Any, source: str = "<data>") -> RuleSet:
    """Validate a parsed rule set (e.g. a YAML document).

    Args:
        data: The parsed document.
        source: Where it came from, for error messages.

    Returns:
        The validated rule set.

    Raises:
        RulesError: If the data is not a valid rule set; the message lists each problem.

    """
    if not isinstance(data, dict):
        raise RulesError(f"{source}: a rule set must be a mapping, got {type(data).__name__}")
    try:
        return RuleSet.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or '(top)'}: {e['msg']}" for e in error.errors()
        )
        raise RulesError(f"{source}: invalid rule set: {problems}") from None


def load_ruleset_file(path: Path) -> RuleSet:
    """Read and validate a rule set from a YAML file.

    Args:
        path: The YAML file.

    Returns:
        The validated rule set.

    Raises:
        RulesError: If the file cannot be read, is not YAML, or is not a valid rule set.

    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise RulesError(f"cannot read rule set {path}: {error.strerror}") from None
    return _parse(text, str(path))


def _parse(text: str, source: str) -> RuleSet:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise RulesError(f"{source}: not valid YAML: {error}") from None
    return ruleset_from_mapping(data, source)


def list_rulesets(directory: Path | None = None) -> list[str]:
    """Return the ids of the available rule sets, sorted.

    Args:
        directory: A folder of ``<id>.yaml`` files; default the packaged rule sets.

    """
    if directory is not None:
        return sorted(
            p.stem for p in directory.glob("*.yaml") if re.match(RULESET_ID_PATTERN, p.stem)
        )
    folder = resources.files("api.rules").joinpath("rulesets")
    return sorted(
        name.removesuffix(".yaml")
        for entry in folder.iterdir()
        if (name := entry.name).endswith(".yaml") and re.match(RULESET_ID_PATTERN, name[:-5])
    )


def load_ruleset(ruleset_id: str, directory: Path | None = None) -> RuleSet:
    """Load a rule set by id.

    Args:
        ruleset_id: The id, e.g. ``"SE-2024"`` (the file ``<id>.yaml``).
        directory: A folder of ``<id>.yaml`` files; default the packaged rule sets (parsed
            once per process).

    Returns:
        The validated rule set; its ``id`` field equals ``ruleset_id``.

    Raises:
        RulesError: If there is no such rule set or it is invalid.

    """
    if not re.match(RULESET_ID_PATTERN, ruleset_id):
        raise RulesError(f"invalid rule set id {ruleset_id!r}")
    if directory is None:
        # Parsed once per process (about 14 ms); each caller gets its own deep copy (about
        # 0.4 ms) so that no one can change the rules another caller sees.
        return _load_packaged(ruleset_id).model_copy(deep=True)
    path = directory / f"{ruleset_id}.yaml"
    if not path.is_file():
        raise _unknown(ruleset_id, list_rulesets(directory))
    return _checked_id(load_ruleset_file(path), ruleset_id)


@cache
def _load_packaged(ruleset_id: str) -> RuleSet:
    entry = resources.files("api.rules").joinpath("rulesets", f"{ruleset_id}.yaml")
    if not entry.is_file():
        raise _unknown(ruleset_id, list_rulesets())
    return _checked_id(_parse(entry.read_text(encoding="utf-8"), entry.name), ruleset_id)


def _unknown(ruleset_id: str, known: list[str]) -> RulesError:
    return RulesError(f"unknown rule set {ruleset_id!r}; available: {', '.join(known) or 'none'}")


def _checked_id(ruleset: RuleSet, ruleset_id: str) -> RuleSet:
    if ruleset.id != ruleset_id:
        raise RulesError(f"rule set file {ruleset_id}.yaml declares id {ruleset.id!r}")
    return ruleset
