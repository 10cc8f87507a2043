"""Request and response bodies of the HTTP API (pydantic)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

T = TypeVar("T")

FacilityKind = Literal["puskesmas", "klinik", "praktik_dokter", "rumah_sakit"]
ContractStatus = Literal["active", "under_review", "suspended", "terminated"]
AuditKind = Literal["sibling", "self_check"]
AuditStatus = Literal["draft", "submitted", "closed"]
Care = Literal["outpatient", "inpatient"]


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


class FacilityIn(BaseModel):
    """A new facility."""

    model_config = ConfigDict(extra="forbid")

    code: str = Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9._-]+$")
    name: str = Field(min_length=1, max_length=200)
    kind: FacilityKind
    region: str = Field(min_length=1, max_length=64)
    address: str = Field(default="", max_length=400)
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    contract_status: ContractStatus = "active"
    area_sizes: dict[str, float] = Field(
        default_factory=dict, description="Floor area in m² by area id (optional)."
    )

    @field_validator("area_sizes")
    @classmethod
    def _positive(cls, sizes: dict[str, float]) -> dict[str, float]:
        if any(v <= 0 for v in sizes.values()):
            raise ValueError("floor areas must be > 0 m²")
        return sizes


class FacilityPatch(BaseModel):
    """Changes to a facility (omitted fields stay)."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, min_length=1, max_length=200)
    address: str | None = Field(default=None, max_length=400)
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    contract_status: ContractStatus | None = None
    area_sizes: dict[str, float] | None = None


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


class KeyIn(BaseModel):
    """A new API key."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    role: Literal["admin", "auditor", "facility", "ml_engineer"]
    region: str | None = None
    facility_id: int | None = None


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


class AuditIn(BaseModel):
    """A new audit; ``kind`` defaults to ``self_check`` for facility keys, else ``sibling``."""

    model_config = ConfigDict(extra="forbid")

    visit_date: dt.date
    kind: AuditKind | None = None
    auditor: str | None = Field(default=None, max_length=200)


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


class OverrideIn(BaseModel):
    """Override an area verdict."""

    model_config = ConfigDict(extra="forbid")

    status: Literal["compliant", "missing", "not_enough_media", "wrong_media", "unverifiable"]
    note: str = Field(min_length=1, max_length=2000)


class ChecklistIn(BaseModel):
    """Observed checklist items (the 8 attitudes and the Janji items), by item id."""

    model_config = ConfigDict(extra="forbid")

    items: dict[str, Literal["met", "not_met", "not_observed"]]


class FindingIn(BaseModel):
    """A finding and its improvement commitment."""

    model_config = ConfigDict(extra="forbid")

    area: str | None = None
    description: str = Field(min_length=1, max_length=4000)
    commitment: str = Field(default="", max_length=4000)
    due_date: dt.date | None = None


class FindingPatch(BaseModel):
    """Changes to a finding: the facility sets its commitment; an auditor resolves it."""

    model_config = ConfigDict(extra="forbid")

    commitment: str | None = Field(default=None, max_length=4000)
    due_date: dt.date | None = None
    status: Literal["open", "resolved"] | None = None
    resolution_note: str | None = Field(default=None, max_length=4000)
    resolved_audit_id: int | None = None


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


class FeedbackIn(BaseModel):
    """One KESSAN patient feedback."""

    model_config = ConfigDict(extra="forbid")

    stars: int = Field(ge=1, le=5)
    comment: str = Field(default="", max_length=4000)
    visit_date: dt.date
    care: Care


class FeedbackOut(BaseModel):
    """A stored KESSAN feedback."""

    id: int
    facility_id: int
    stars: int
    comment: str
    visit_date: dt.date
    care: str


class VisitCountIn(BaseModel):
    """Patient visits of one month."""

    model_config = ConfigDict(extra="forbid")

    month: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="YYYY-MM")
    visits: int = Field(ge=0)


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
