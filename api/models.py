"""ORM tables of the audit service (SQLAlchemy 2, portable between SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> dt.datetime:
    """Return the current time in UTC (timezone-aware)."""
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    """Declarative base of every table."""

    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class Facility(Base):
    """A health facility (FKTP or FKRTL) under contract."""

    __tablename__ = "facilities"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(8))  # FKTP | FKRTL
    kind: Mapped[str] = mapped_column(String(32))  # puskesmas, klinik, praktik_dokter, rumah_sakit
    region: Mapped[str] = mapped_column(String(64), index=True)
    address: Mapped[str] = mapped_column(String(400), default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    contract_status: Mapped[str] = mapped_column(String(32), default="active")
    area_sizes: Mapped[dict[str, Any]] = mapped_column(default=dict)  # area -> floor area m²
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ApiKey(Base):
    """A bearer API key; only a SHA-256 digest of the secret is stored."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    key_id: Mapped[str] = mapped_column(String(16), unique=True)
    secret_hash: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    region: Mapped[str | None] = mapped_column(String(64))
    facility_id: Mapped[int | None] = mapped_column(ForeignKey("facilities.id", ondelete="CASCADE"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class Audit(Base):
    """A SiBLing visit by an auditor, or a facility's self-check."""

    __tablename__ = "audits"

    id: Mapped[int] = mapped_column(primary_key=True)
    facility_id: Mapped[int] = mapped_column(
        ForeignKey("facilities.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))  # sibling | self_check
    auditor: Mapped[str] = mapped_column(String(200))
    created_by_key: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id"))
    visit_date: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    rule_set: Mapped[str] = mapped_column(String(32))
    checklist: Mapped[dict[str, Any]] = mapped_column(default=dict)  # item -> observation
    score: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    facility: Mapped[Facility] = relationship()
    photos: Mapped[list[Photo]] = relationship(back_populates="audit", order_by="Photo.id")
    areas: Mapped[list[AreaVerdict]] = relationship(order_by="AreaVerdict.area")


class Photo(Base):
    """One checked photo of an area: its files, the pipeline result and EXIF facts."""

    __tablename__ = "photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audits.id", ondelete="CASCADE"), index=True)
    area: Mapped[str] = mapped_column(String(32))
    filename: Mapped[str] = mapped_column(String(255))
    original_sha256: Mapped[str] = mapped_column(String(64), index=True)
    original_bytes: Mapped[int] = mapped_column(Integer)
    original_deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    # None until the evidence image is drawn (api.services.evidence)
    evidence_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    phash: Mapped[str] = mapped_column(String(16), index=True)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    taken_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    gps_lat: Mapped[float | None] = mapped_column(Float)
    gps_lon: Mapped[float | None] = mapped_column(Float)
    faces_blurred: Mapped[int | None] = mapped_column(Integer)  # None: evidence not drawn yet
    quality_ok: Mapped[bool] = mapped_column(Boolean)
    janji_present: Mapped[bool] = mapped_column(Boolean)
    result: Mapped[dict[str, Any]] = mapped_column()  # vision.results.image_result_to_json
    model_version: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    audit: Mapped[Audit] = relationship(back_populates="photos")
    flags: Mapped[list[IntegrityFlag]] = relationship(
        order_by="IntegrityFlag.id", foreign_keys="IntegrityFlag.photo_id"
    )


class IntegrityFlag(Base):
    """An evidence-integrity signal on a photo (never a silent rejection)."""

    __tablename__ = "integrity_flags"

    id: Mapped[int] = mapped_column(primary_key=True)
    photo_id: Mapped[int] = mapped_column(ForeignKey("photos.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(32))
    severity: Mapped[str] = mapped_column(String(8))  # low | medium | high
    message: Mapped[str] = mapped_column(Text)  # English
    message_id: Mapped[str] = mapped_column(Text)  # Indonesian
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    related_photo_id: Mapped[int | None] = mapped_column(
        ForeignKey("photos.id", ondelete="SET NULL")
    )


class AreaVerdict(Base):
    """The derived verdict of one area of an audit, and auditors' overrides beside it."""

    __tablename__ = "area_verdicts"
    __table_args__ = (UniqueConstraint("audit_id", "area"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audits.id", ondelete="CASCADE"), index=True)
    area: Mapped[str] = mapped_column(String(32))
    derived_status: Mapped[str] = mapped_column(String(32))
    derived: Mapped[dict[str, Any]] = mapped_column()  # api.rules.verdict.AreaVerdict dump
    overrides: Mapped[list[Any]] = mapped_column(default=list)  # VerdictOverride dumps, in order
    status: Mapped[str] = mapped_column(String(32))  # in force: last override, else derived


class Finding(Base):
    """A finding of an audit and the facility's improvement commitment for it."""

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audits.id", ondelete="CASCADE"), index=True)
    facility_id: Mapped[int] = mapped_column(
        ForeignKey("facilities.id", ondelete="CASCADE"), index=True
    )
    area: Mapped[str | None] = mapped_column(String(32))
    verdict: Mapped[str | None] = mapped_column(String(32))  # the area verdict behind it
    severity: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(Text)
    commitment: Mapped[str] = mapped_column(Text, default="")
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | resolved
    resolved_audit_id: Mapped[int | None] = mapped_column(
        ForeignKey("audits.id", ondelete="SET NULL")
    )
    resolution_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    audit: Mapped[Audit] = relationship(foreign_keys=[audit_id])

    def opened_on(self) -> dt.date:
        """Return the day the finding was made: its audit's visit day."""
        return self.audit.visit_date


class Feedback(Base):
    """One KESSAN patient feedback."""

    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    facility_id: Mapped[int] = mapped_column(
        ForeignKey("facilities.id", ondelete="CASCADE"), index=True
    )
    stars: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    visit_date: Mapped[dt.date] = mapped_column(Date, index=True)
    care: Mapped[str] = mapped_column(String(16))  # outpatient | inpatient
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class VisitCount(Base):
    """Patient visits of a facility in one month (the KESSAN respondent minimum uses it)."""

    __tablename__ = "visit_counts"
    __table_args__ = (UniqueConstraint("facility_id", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facilities.id", ondelete="CASCADE"))
    month: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    visits: Mapped[int] = mapped_column(Integer)
