"""Photo uploads per area (checked on the worker pool, stored in one transaction), and reads."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.analysis import Models, PhotoAnalysis, analyse_photo
from api.auth import Principal
from api.deps import AppState
from api.errors import (
    BusyError,
    ForbiddenError,
    InvalidInputError,
    NotFoundError,
    PayloadTooLargeError,
    UnprocessableError,
    UnsupportedMediaError,
)
from api.models import Audit, IntegrityFlag, Photo, utcnow
from api.schemas import IntegrityFlagOut, Page, PhotoOut, UploadOut
from api.services import access, audits, evidence, integrity
from vision.decode import ImageDecodeError

log = logging.getLogger("janjicheck.api.photos")


@dataclass(frozen=True)
class Upload:
    """One file of an upload request.

    Attributes:
        filename: The client's file name.
        stream: Its content (a spooled temporary file).

    """

    filename: str
    stream: BinaryIO


def decode_error(exc: ImageDecodeError, filename: str) -> InvalidInputError:
    """Turn a decode failure into the matching 4xx error naming the file."""
    details = {"filename": filename, "reason": exc.code}
    message = f"{filename}: {exc.message}"
    if exc.code == "unsupported":
        return UnsupportedMediaError("unsupported_image", message, details)  # type: ignore[return-value]
    if exc.code == "empty":
        return InvalidInputError("empty_file", message, details)
    if exc.code == "too_large":
        return UnprocessableError("image_too_large", message, details)  # type: ignore[return-value]
    return UnprocessableError("corrupt_image", message, details)  # type: ignore[return-value]


def _analyse_all(state: AppState, spooled: Sequence[tuple[str, Path]]) -> list[PhotoAnalysis]:
    futures: list[Future[PhotoAnalysis]] = []
    try:
        for filename, path in spooled:
            job = partial(
                _timed_analysis,
                state=state,
                data=path.read_bytes(),
                name=filename,
            )
            futures.append(state.pool.submit(job))
    except BusyError:
        state.metrics.photos.labels("busy").inc(len(spooled))
        for future in futures:
            future.cancel()
        raise
    results = []
    for (filename, _), future in zip(spooled, futures, strict=True):
        try:
            results.append(future.result())
        except ImageDecodeError as exc:
            state.metrics.photos.labels("rejected_input").inc()
            for other in futures:
                other.cancel()
            raise decode_error(exc, filename) from None
    return results


def _timed_analysis(models: Models, state: AppState, data: bytes, name: str) -> PhotoAnalysis:
    started = time.perf_counter()
    try:
        return analyse_photo(models, data, name)
    finally:
        state.metrics.inference_seconds.observe(time.perf_counter() - started)


def upload(
    state: AppState,
    db: Session,
    principal: Principal,
    audit_id: int,
    area: str,
    files: Sequence[Upload],
) -> UploadOut:
    """Check photos of one area and store them with their results, all or nothing.

    Files are streamed to disk with the size limit, checked on the worker pool, then the
    originals are stored and every row (photos, flags, the area verdict) is written in one
    transaction. On any failure nothing is kept. Evidence images are drawn afterwards
    (``api.services.evidence``).
    """
    settings, storage = state.settings, state.storage
    audit = audits.get(db, principal, audit_id)
    ruleset = audits.ruleset_of(audit)
    audits.check_area(ruleset, area)
    access.require_audit_writer(principal, audit)
    audits.require_draft(audit)
    if not files:
        raise InvalidInputError("no_files", "Send at least one photo in the 'files' field.")
    if len(files) > settings.max_files_per_request:
        raise PayloadTooLargeError(
            "too_many_files",
            f"Send at most {settings.max_files_per_request} photos per request.",
        )
    spooled: list[tuple[str, Path, str, int]] = []
    created: list[str] = []  # originals this request stored first
    try:
        for upload_file in files:
            path, sha, size = storage.spool(upload_file.stream, settings.max_upload_bytes)
            spooled.append((upload_file.filename or "photo", path, sha, size))
        analyses = _analyse_all(state, [(name, path) for name, path, _, _ in spooled])
        photos = []
        for (filename, path, sha, size), analysis in zip(spooled, analyses, strict=True):
            if not storage.exists("originals", sha):
                created.append(sha)
            storage.commit("originals", path, sha)
            flags = integrity.flags_for(db, ruleset, audit, area, analysis)
            photo = _photo_row(audit, area, filename, sha, size, analysis, state)
            db.add(photo)
            db.flush()
            for flag in flags:
                other = flag.details.get("other_photo_id")
                row = IntegrityFlag(
                    code=flag.code,
                    severity=flag.severity.value,
                    message=flag.message.text_en,
                    message_id=flag.message.text_id,
                    details=dict(flag.details),
                    related_photo_id=int(other) if other is not None else None,
                )
                photo.flags.append(row)
            photos.append(photo)
        audits.recompute_area(db, audit, area)
        db.commit()
    except BaseException:
        db.rollback()
        _forget(state, db, created)
        raise
    finally:
        for _, path, _, _ in spooled:
            path.unlink(missing_ok=True)
    state.metrics.photos.labels("checked").inc(len(photos))
    log.info(
        "photos checked",
        extra={"audit_id": audit.id, "area": area, "photos": [p.id for p in photos]},
    )
    return UploadOut(
        photos=[to_out(state, principal, p) for p in photos],
        area=audits.area_out(ruleset, audit, area),
    )


def _photo_row(
    audit: Audit,
    area: str,
    filename: str,
    sha: str,
    size: int,
    analysis: PhotoAnalysis,
    state: AppState,
) -> Photo:
    result = analysis.result
    info = state.pool.model.info if state.pool.ready else {}
    return Photo(
        audit=audit,
        area=area,
        filename=Path(filename).name[:255],
        original_sha256=sha,
        original_bytes=size,
        evidence_sha256=None,
        phash=analysis.phash,
        width=result.width,
        height=result.height,
        taken_at=analysis.taken_at,
        gps_lat=analysis.gps[0] if analysis.gps else None,
        gps_lon=analysis.gps[1] if analysis.gps else None,
        faces_blurred=None,
        quality_ok=result.quality.ok,
        janji_present=result.janji_present,
        result=analysis.result_json,
        model_version=str(info.get("version", "")),
    )


def _forget(state: AppState, db: Session, created: list[str]) -> None:
    """Delete originals this failed request stored that no stored photo references."""
    for sha in created:
        try:
            used = db.scalar(
                select(func.count()).select_from(Photo).where(Photo.original_sha256 == sha)
            )
        except Exception:
            used = 1  # cannot tell: keep the file (an orphan costs disk, never data)
        if not used:
            state.storage.delete("originals", sha)


def to_out(state: AppState, principal: Principal, photo: Photo) -> PhotoOut:
    """Return the API form of a photo."""
    originals = principal.role in state.settings.original_roles
    available = photo.original_deleted_at is None
    return PhotoOut(
        id=photo.id,
        audit_id=photo.audit_id,
        area=photo.area,
        filename=photo.filename,
        width=photo.width,
        height=photo.height,
        quality=photo.result.get("quality", {}),
        detections=list(photo.result.get("detections", [])),
        janji_present=photo.janji_present,
        faces_blurred=photo.faces_blurred,
        evidence_ready=photo.evidence_sha256 is not None,
        taken_at=photo.taken_at,
        gps=[photo.gps_lat, photo.gps_lon]
        if photo.gps_lat is not None and photo.gps_lon is not None
        else None,
        flags=[
            IntegrityFlagOut(
                code=f.code,
                severity=f.severity,
                text_id=f.message_id,
                text_en=f.message,
                message=f.message,
                message_id=f.message_id,
                details=f.details or {},
                related_photo_id=f.related_photo_id,
            )
            for f in photo.flags
        ],
        evidence_url=f"/api/v1/photos/{photo.id}/evidence.jpg",
        original_url=f"/api/v1/photos/{photo.id}/original" if originals and available else None,
        original_available=available,
        model_version=photo.model_version,
        created_at=photo.created_at,
    )


def get(db: Session, principal: Principal, photo_id: int) -> Photo:
    """Return a photo the caller may read (404 otherwise)."""
    photo = db.get(Photo, photo_id)
    if photo is None or not access.can_read_photo(principal, photo.audit):
        raise NotFoundError("photo_not_found", f"There is no photo {photo_id}.")
    return photo


def evidence_path(state: AppState, db: Session, principal: Principal, photo_id: int) -> Path:
    """Return the evidence image file (faces blurred) of a photo, drawing it when missing."""
    photo = get(db, principal, photo_id)
    return evidence.ensure(state, db, photo)


def original_path(state: AppState, db: Session, principal: Principal, photo_id: int) -> Path:
    """Return the original photo file, for roles allowed to read originals."""
    photo = get(db, principal, photo_id)
    if principal.role not in state.settings.original_roles:
        raise ForbiddenError(
            "original_forbidden",
            "Original photos show patients; your role may read only evidence images "
            "(faces blurred).",
        )
    path = state.storage.path("originals", photo.original_sha256)
    if photo.original_deleted_at is not None or not path.is_file():
        raise NotFoundError(
            "original_deleted", "The original was deleted under the retention policy."
        )
    return path


def list_page(
    state: AppState,
    db: Session,
    principal: Principal,
    limit: int,
    offset: int,
    label: str | None,
) -> Page[PhotoOut]:
    """List checked photos across facilities for model review (admins, ML engineers)."""
    access.require_role(principal, "admin", "ml_engineer")
    if label is None:
        total = db.scalar(select(func.count()).select_from(Photo)) or 0
        rows = list(db.scalars(select(Photo).order_by(Photo.id.desc()).limit(limit).offset(offset)))
    else:  # the label lives in the stored result JSON: filter in Python (review lists are small)
        matching = [
            p
            for p in db.scalars(select(Photo).order_by(Photo.id.desc()))
            if any(d.get("label") == label for d in p.result.get("detections", []))
        ]
        total, rows = len(matching), matching[offset : offset + limit]
    return Page(
        items=[to_out(state, principal, p) for p in rows],
        total=total,
        limit=limit,
        offset=offset,
    )


def purge_originals(state: AppState, db: Session, now: dt.datetime | None = None) -> int:
    """Delete originals older than the retention period; return how many photos lost theirs.

    Evidence images (faces blurred) and results stay: a photo whose evidence image is not
    drawn yet gets it first, and keeps its original until it has one. A file shared by several
    photos is deleted when the last of them expires.
    """
    now = now or utcnow()
    cutoff = now - dt.timedelta(days=state.settings.retention_days)
    candidates = db.scalars(
        select(Photo).where(Photo.original_deleted_at.is_(None), Photo.created_at < cutoff)
    ).all()
    expired = []
    for photo in candidates:
        try:
            evidence.ensure(state, db, photo, background=True)
        except (BusyError, NotFoundError) as exc:
            log.warning("original of photo %s kept: no evidence image yet (%s)", photo.id, exc)
            continue
        expired.append(photo)
    for photo in expired:
        photo.original_deleted_at = now
    db.flush()
    for sha in {p.original_sha256 for p in expired}:
        still_used = db.scalar(
            select(func.count())
            .select_from(Photo)
            .where(Photo.original_sha256 == sha, Photo.original_deleted_at.is_(None))
        )
        if not still_used:
            state.storage.delete("originals", sha)
    db.commit()
    return len(expired)
