"""Request and response bodies of the HTTP API (pydantic)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

T = TypeVar("T")
V = TypeVar("V")

MAX_ID = 2**31 - 1  # ids are INTEGER columns: PostgreSQL's range (SQLite's is wider)
MAX_FLOOR_AREA_M2 = 1_000_000.0  # one km² in one service area is far past any real facility
MAX_MONTHLY_VISITS = 10_000_000  # patient visits of one facility in one month
FIRST_DAY = dt.date(2000, 1, 1)  # no audit, feedback or due date of the service is older
DAYS_AHEAD = 366  # visits, feedback and reference days: at most a year after today
DUE_DAYS_AHEAD = 2 * 366  # due dates: at most two years after today

FacilityKind = Literal["puskesmas", "klinik", "praktik_dokter", "rumah_sakit"]
ContractStatus = Literal["active", "under_review", "suspended", "terminated"]
AuditKind = Literal["sibling", "self_check"]
AuditStatus = Literal["draft", "submitted", "closed"]
Care = Literal["outpatient", "inpatient"]


def last_day(days_ahead: int) -> dt.date:
    """Return the last day a request may name: ``days_ahead`` days after today."""
    return dt.date.today() + dt.timedelta(days=days_ahead)


def check_day(day: dt.date, days_ahead: int = DAYS_AHEAD) -> dt.date:
    """Return ``day`` when it lies in the service's calendar, else raise ``ValueError``.

    Args:
        day: A date from a request.
        days_ahead: How many days after today it may lie.

    Returns:
        The same date.

    Raises:
        ValueError: Before ``FIRST_DAY`` or after today plus ``days_ahead`` days.

    """
    last = last_day(days_ahead)
    if not FIRST_DAY <= day <= last:
        raise ValueError(f"the date must lie between {FIRST_DAY} and {last}, got {day}")
    return day


def check_due_day(day: dt.date) -> dt.date:
    """Return a due date when it lies in the service's calendar (up to ``DUE_DAYS_AHEAD``)."""
    return check_day(day, DUE_DAYS_AHEAD)


def check_month(month: str) -> str:
    """Return a ``YYYY-MM`` month when it lies in the service's calendar, else raise ``ValueError``.

    Args:
        month: A month from a request, already matched against ``YYYY-MM``.

    Returns:
        The same month.

    Raises:
        ValueError: Before ``FIRST_DAY``'s month or after the month a year from today.

    """
    first, last = f"{FIRST_DAY:%Y-%m}", f"{last_day(DAYS_AHEAD):%Y-%m}"
    if not first <= month <= last:
        raise ValueError(f"the month must lie between {first} and {last}, got {month}")
    return month


def refuse_null(value: V | None) -> V:
    """Return ``value`` unless it is an explicit ``null`` (for fields that cannot be empty).

    Raises:
        ValueError: For ``None``; omit the field instead to keep its value.

    """
    if value is None:
        raise ValueError("may be omitted but not null: this field cannot be empty")
    return value


# C0 and C1 control characters (NUL included: PostgreSQL text cannot hold it) and unpaired
# surrogates (they cannot be stored as UTF-8); multi-line text may hold tab, CR and LF.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_IN_MULTILINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def _refuse(pattern: re.Pattern[str], value: str | None, what: str) -> str | None:
    found = pattern.search(value) if value is not None else None
    if found is not None:
        raise ValueError(f"{what} (found U+{ord(found.group()):04X} at position {found.start()})")
    return value


def check_line(value: str | None) -> str | None:
    """Return one line of text (or ``None``) unless it holds a control character.

    Args:
        value: Text from a request (a name, a region, a query parameter, a file name).

    Returns:
        The same value.

    Raises:
        ValueError: For any control character (NUL, tab, line breaks, ...) or unpaired
            surrogate: refused alike on SQLite and PostgreSQL (whose text cannot hold NUL).

    """
    return _refuse(_CONTROL, value, "must not contain control characters or line breaks")


def check_multiline(value: str | None) -> str | None:
    """Return free text (or ``None``) unless it holds a control character but tab, CR or LF.

    Raises:
        ValueError: For NUL and every other control character, or an unpaired surrogate.

    """
    return _refuse(
        _CONTROL_IN_MULTILINE,
        value,
        "must not contain control characters other than tab and line breaks",
    )


# Every text input of the API is one of these. The optional forms carry the check on the
# whole ``str | None`` so that a field's length limits still apply to the string itself.
Line = Annotated[str, AfterValidator(check_line)]
OptionalLine = Annotated[str | None, AfterValidator(check_line)]
MultilineText = Annotated[str, AfterValidator(check_multiline)]
OptionalMultilineText = Annotated[str | None, AfterValidator(check_multiline)]
Id = Annotated[int, Field(ge=1, le=MAX_ID, description="A record id.")]
Day = Annotated[dt.date, AfterValidator(check_day)]
DueDay = Annotated[dt.date, AfterValidator(check_due_day)]
FloorArea = Annotated[float, Field(gt=0, le=MAX_FLOOR_AREA_M2, description="Floor area, m².")]


class InputModel(BaseModel):
    """Base of request bodies: unknown fields and NaN or infinite numbers are refused (422).

    Text fields are ``Line`` or ``MultilineText`` (or their optional forms): control
    characters are refused too.
    """

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class ErrorDetail(BaseModel):
    """The content of an error response."""

    code: str = Field(description="Stable machine-readable code, e.g. 'audit_not_found'.")
    message: str = Field(description="Plain explanation for a person.")
    details: dict[str, Any] = Field(default_factory=dict)


class ErrorResponse(BaseModel):
    """Every error response: ``{"error": {"code", "message", "details"}}``."""

    error: ErrorDetail


class Page(BaseModel, Generic[T]):
    """One page of a list."""

    items: list[T]
    total: int = Field(description="Items in the whole list.")
    limit: int
    offset: int


class Message(BaseModel):
    """A bilingual reason or piece of advice."""

    code: str
    text_id: str
    text_en: str


class FacilityIn(InputModel):
    """A new facility."""

    code: str = Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9._-]+$")
    name: Line = Field(min_length=1, max_length=200)
    kind: FacilityKind
    region: Line = Field(min_length=1, max_length=64)
    address: MultilineText = Field(default="", max_length=400)
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    contract_status: ContractStatus = "active"
    area_sizes: dict[str, FloorArea] = Field(
        default_factory=dict, description="Floor area in m² by area id (optional)."
    )


class FacilityPatch(InputModel):
    """Changes to a facility (omitted fields stay; ``null`` clears only the coordinates)."""

    name: OptionalLine = Field(default=None, min_length=1, max_length=200)
    address: OptionalMultilineText = Field(default=None, max_length=400)
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    contract_status: ContractStatus | None = None
    area_sizes: dict[str, FloorArea] | None = None

    _not_null = field_validator("name", "address", "contract_status", "area_sizes")(refuse_null)


class FacilityOut(BaseModel):
    """A facility."""

    id: int
    code: str
    name: str
    level: str = Field(description="FKTP (primary care) or FKRTL (referral care).")
    kind: str
    region: str
    address: str
    latitude: float | None
    longitude: float | None
    contract_status: str
    area_sizes: dict[str, float]


class KeyIn(InputModel):
    """A new API key."""

    name: Line = Field(min_length=1, max_length=200)
    role: Literal["admin", "auditor", "facility", "ml_engineer"]
    region: OptionalLine = Field(default=None, max_length=64)
    facility_id: Id | None = None


class KeyOut(BaseModel):
    """An API key (the token only once, when created)."""

    id: int
    key_id: str
    name: str
    role: str
    region: str | None
    facility_id: int | None
    token: str | None = Field(default=None, description="Shown once; store it safely.")


class MeOut(BaseModel):
    """Who the caller is."""

    key_id: str
    name: str
    role: str
    region: str | None
    facility_id: int | None


class AuditIn(InputModel):
    """A new audit; ``kind`` defaults to ``self_check`` for facility keys, else ``sibling``."""

    visit_date: Day
    kind: AuditKind | None = None
    auditor: OptionalLine = Field(default=None, max_length=200)


class Override(BaseModel):
    """An auditor's override of an area verdict."""

    status: str
    note: str
    by: str | None = None
    at: dt.datetime | None = None


class AreaOut(BaseModel):
    """The verdict of one area of an audit."""

    area: str
    name_id: str
    name_en: str
    allowed_media: list[str]
    status: str = Field(description="In force: the last override, else the derived verdict.")
    derived_status: str
    required_count: int
    qualified_count: int
    photo_count: int
    reasons: list[Message]
    advice: list[Message]
    overrides: list[Override]
    photo_ids: list[int]


class IntegrityFlagOut(BaseModel):
    """An evidence-integrity flag on a photo."""

    code: str
    severity: str = Field(description="low (soft signal), medium or high.")
    text_id: str = Field(description="The explanation in Indonesian.")
    text_en: str = Field(description="The explanation in English.")
    message: str = Field(description="English (the same as text_en).")
    message_id: str = Field(description="Indonesian (the same as text_id).")
    details: dict[str, Any]
    related_photo_id: int | None


class PhotoOut(BaseModel):
    """A checked photo and what was found in it."""

    id: int
    audit_id: int
    area: str
    filename: str
    width: int
    height: int
    quality: dict[str, Any]
    detections: list[dict[str, Any]] = Field(
        description="Per detection, as in `janjicheck detect --json`: label, confidence, box "
        "(pixels), verified, promises_read, verification, identified_as, title_read, variant, "
        "and accepted (whether it counts as Janji Layanan evidence; decided with the model's "
        "calibrated thresholds)."
    )
    janji_present: bool = Field(description="Whether any detection is accepted.")
    faces_blurred: int | None = Field(
        description="Faces blurred in the evidence image; null until the image is drawn."
    )
    evidence_ready: bool = Field(
        description=(
            "Whether the evidence image is drawn. It is drawn soon after the upload, when the "
            "service is idle, or at once when evidence_url is first fetched."
        )
    )
    taken_at: dt.datetime | None
    gps: list[float] | None
    flags: list[IntegrityFlagOut]
    evidence_url: str = Field(description="JPEG with faces blurred and detections drawn.")
    original_url: str | None = Field(description="Only for roles allowed to see originals.")
    original_available: bool
    model_version: str
    created_at: dt.datetime


class UploadOut(BaseModel):
    """The photos just checked and the area's verdict after them."""

    photos: list[PhotoOut]
    area: AreaOut


class AuditOut(BaseModel):
    """An audit with its area verdicts and score."""

    id: int
    facility_id: int
    kind: str
    auditor: str
    visit_date: dt.date
    status: str
    rule_set: str
    checklist: dict[str, str]
    areas: list[AreaOut]
    areas_done: int = Field(description="Areas with at least one photo.")
    score: dict[str, Any] | None
    report_url: str = Field(description="The audit report as self-contained HTML.")
    report_pdf_url: str = Field(description="The same report as A4 PDF.")
    created_at: dt.datetime
    submitted_at: dt.datetime | None
    closed_at: dt.datetime | None


class AuditSummary(BaseModel):
    """An audit in a list."""

    id: int
    facility_id: int
    kind: str
    auditor: str
    visit_date: dt.date
    status: str
    compliant_areas: int
    areas: int
    score_total: float | None
    created_at: dt.datetime


class OverrideIn(InputModel):
    """Override an area verdict."""

    status: Literal["compliant", "missing", "not_enough_media", "wrong_media", "unverifiable"]
    note: MultilineText = Field(min_length=1, max_length=2000)


class ChecklistIn(InputModel):
    """Observed checklist items (the 8 attitudes and the Janji items), by item id."""

    items: dict[str, Literal["met", "not_met", "not_observed"]]


class FindingIn(InputModel):
    """A finding and its improvement commitment."""

    area: OptionalLine = Field(default=None, max_length=32)
    description: MultilineText = Field(min_length=1, max_length=4000)
    commitment: MultilineText = Field(default="", max_length=4000)
    due_date: DueDay | None = None


class FindingPatch(InputModel):
    """Changes to a finding: the facility sets its commitment; an auditor resolves it.

    Omitted fields stay; ``null`` clears the due date, the resolution note and the resolving
    audit, and is refused for the commitment and the status.
    """

    commitment: OptionalMultilineText = Field(default=None, max_length=4000)
    due_date: DueDay | None = None
    status: Literal["open", "resolved"] | None = None
    resolution_note: OptionalMultilineText = Field(default=None, max_length=4000)
    resolved_audit_id: Id | None = None

    _not_null = field_validator("commitment", "status")(refuse_null)


class FindingOut(BaseModel):
    """A finding."""

    id: int
    audit_id: int
    facility_id: int
    area: str | None
    verdict: str | None
    severity: int
    description: str
    commitment: str
    due_date: dt.date | None
    status: str
    overdue: bool
    resolved_audit_id: int | None
    resolution_note: str | None
    created_at: dt.datetime


class FeedbackIn(InputModel):
    """One KESSAN patient feedback."""

    stars: int = Field(ge=1, le=5)
    comment: MultilineText = Field(default="", max_length=4000)
    visit_date: Day
    care: Care


class FeedbackOut(BaseModel):
    """A stored KESSAN feedback."""

    id: int
    facility_id: int
    stars: int
    comment: str
    visit_date: dt.date
    care: str


class VisitCountIn(InputModel):
    """Patient visits of one month."""

    month: Annotated[str, AfterValidator(check_month)] = Field(
        pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="YYYY-MM"
    )
    visits: int = Field(ge=0, le=MAX_MONTHLY_VISITS)


class HealthOut(BaseModel):
    """Liveness."""

    status: str


class ReadyOut(BaseModel):
    """Readiness: database reachable and detector loaded."""

    ready: bool
    database: bool
    model: bool
    model_error: str | None
    model_info: dict[str, Any] | None
    queue_depth: int
