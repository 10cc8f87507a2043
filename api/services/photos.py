"""Photo uploads per area (checked on the worker pool, stored in one transaction), and reads."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.analysis import Models, PhotoAnalysis, PhotoTooSmallError, analyse_photo
from api.auth import Principal
from api.deps import AppState
from api.errors import (
    BusyError,
    ForbiddenError,
    InvalidInputError,
    NotFoundError,
    PayloadTooLargeError,
    UnavailableError,
    UnprocessableError,
    UnsupportedMediaError,
)
from api.models import Audit, IntegrityFlag, Photo, utcnow
from api.rules.ruleset import RuleSet
from api.schemas import IntegrityFlagOut, Page, PhotoOut, UploadOut, check_line
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
    """Check every photo on the worker pool; on the first failure cancel the others."""
    futures: list[Future[PhotoAnalysis]] = []
    try:
        for filename, path in spooled:
            job = partial(_timed_analysis, state=state, data=path.read_bytes(), name=filename)
            futures.append(state.pool.submit(job))
        return [
            _analysis_result(state, future, filename)
            for (filename, _), future in zip(spooled, futures, strict=True)
        ]
    except BaseException as exc:
        for future in futures:
            future.cancel()  # a job not started never runs; the pool frees its place
        if isinstance(exc, BusyError):
            state.metrics.photos.labels("busy").inc(len(spooled))
        raise


def _analysis_result(
    state: AppState, future: Future[PhotoAnalysis], filename: str
) -> PhotoAnalysis:
    """Wait for one photo's analysis; an unreadable or too small image becomes its 4xx error."""
    try:
        return future.result()
    except ImageDecodeError as exc:
        state.metrics.photos.labels("rejected_input").inc()
        raise decode_error(exc, filename) from None
    except PhotoTooSmallError as exc:
        state.metrics.photos.labels("rejected_input").inc()
        raise UnprocessableError(
            "image_too_small",
            f"{filename}: {exc}",
            {"filename": filename, "width": exc.width, "height": exc.height},
        ) from None


def _timed_analysis(models: Models, state: AppState, data: bytes, name: str) -> PhotoAnalysis:
    started = time.perf_counter()
    try:
        return analyse_photo(models, data, name)
    finally:
        state.metrics.inference_seconds.observe(time.perf_counter() - started)


@dataclass(frozen=True)
class _Spooled:
    """One uploaded file on disk, kept until its photo row is committed."""

    filename: str
    path: Path
    sha: str
    size: int


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
    transaction, which first checks again that the audit is still a draft. On any failure
    nothing is kept. Evidence images are drawn afterwards (``api.services.evidence``).

    Args:
        state: The app state.
        db: The request's session.
        principal: The caller.
        audit_id: The audit.
        area: The area of the audit the photos show.
        files: The uploaded files.

    Returns:
        The stored photos and the area's new verdict.

    Raises:
        ConflictError: When the audit is not a draft, also when it was submitted while the
            photos were being checked (409).
        BusyError: When the worker pool is full (503).

    """
    settings, storage = state.settings, state.storage
    audit = audits.get(db, principal, audit_id)
    ruleset = audits.ruleset_of(audit)
    audits.check_area(ruleset, area)
    access.require_audit_writer(principal, audit)
    audits.require_draft(audit)
    _check_file_count(settings.max_files_per_request, files)
    _check_filenames(files)
    spooled: list[_Spooled] = []
    created: list[str] = []  # originals this request stored first
    try:
        for upload_file in files:
            path, sha, size = storage.spool(upload_file.stream, settings.max_upload_bytes)
            spooled.append(_Spooled(upload_file.filename or "photo", path, sha, size))
        analyses = _analyse_all(state, [(item.filename, item.path) for item in spooled])
        photos = _write(
            state, db, ruleset, audit, area, list(zip(spooled, analyses, strict=True)), created
        )
    except BaseException:
        db.rollback()
        _discard_originals(state, db, created)
        raise
    else:
        _restore_originals(state, spooled)
    finally:
        for item in spooled:
            item.path.unlink(missing_ok=True)
    state.metrics.photos.labels("checked").inc(len(photos))
    log.info(
        "photos checked",
        extra={"audit_id": audit.id, "area": area, "photos": [p.id for p in photos]},
    )
    return UploadOut(
        photos=[to_out(state, principal, p) for p in photos],
        area=audits.area_out(ruleset, audit, area),
    )


def _check_file_count(limit: int, files: Sequence[Upload]) -> None:
    if not files:
        raise InvalidInputError("no_files", "Send at least one photo in the 'files' field.")
    if len(files) > limit:
        raise PayloadTooLargeError("too_many_files", f"Send at most {limit} photos per request.")


def _check_filenames(files: Sequence[Upload]) -> None:
    """Refuse file names with control characters (``api.schemas.check_line``), e.g. NUL."""
    for upload_file in files:
        try:
            check_line(upload_file.filename)
        except ValueError as exc:
            raise UnprocessableError(
                "invalid_filename",
                f"The file name {upload_file.filename!r} {exc}.",
                {"filename": upload_file.filename},
            ) from None


def _write(
    state: AppState,
    db: Session,
    ruleset: RuleSet,
    audit: Audit,
    area: str,
    checked: Sequence[tuple[_Spooled, PhotoAnalysis]],
    created: list[str],
) -> list[Photo]:
    """Store the originals and write every row in one transaction; return the photos.

    ``created`` gets the originals this call stored first (to discard should it fail).
    """
    _lock_draft(db, audit)
    photos = []
    for item, analysis in checked:
        if state.storage.store("originals", item.path, item.sha):
            created.append(item.sha)
        photos.append(_add_photo(state, db, ruleset, audit, area, item, analysis))
    audits.recompute_area(db, audit, area)
    # Again, now that SQLite's write lock is held (it has no row locks): a submit that
    # committed since the first check is seen here, and none can commit until we do.
    _lock_draft(db, audit, ["status"])
    db.commit()
    return photos


def _lock_draft(db: Session, audit: Audit, attributes: list[str] | None = None) -> None:
    """Reload the audit, locking its row until commit, and check it is still a draft.

    On PostgreSQL ``SELECT ... FOR UPDATE`` makes a submit, or another upload to the audit,
    wait until this transaction ends; the reload shows what they committed before (so a
    second first upload of an area finds the area's verdict row instead of adding another).

    Raises:
        ConflictError: When the audit is no longer a draft (409).

    """
    db.refresh(audit, attributes, with_for_update=True)
    audits.require_draft(audit)


def _add_photo(
    state: AppState,
    db: Session,
    ruleset: RuleSet,
    audit: Audit,
    area: str,
    item: _Spooled,
    analysis: PhotoAnalysis,
) -> Photo:
    """Add one photo row with its integrity flags (flushed, not committed)."""
    flags = integrity.flags_for(db, ruleset, audit, area, analysis)
    photo = _photo_row(audit, area, item.filename, item.sha, item.size, analysis, state)
    db.add(photo)
    db.flush()
    for flag in flags:
        other = flag.details.get("other_photo_id")
        photo.flags.append(
            IntegrityFlag(
                code=flag.code,
                severity=flag.severity.value,
                message=flag.message.text_en,
                message_id=flag.message.text_id,
                details=dict(flag.details),
                related_photo_id=int(other) if other is not None else None,
            )
        )
    return photo


def _restore_originals(state: AppState, spooled: Sequence[_Spooled]) -> None:
    """After the commit, store again any original removed meanwhile from the request's copy.

    The same bytes may have been stored by another request that then failed, or by a photo
    whose original just expired: their clean-up (``_discard_originals``) may remove the file
    after this request found it there.
    """
    for item in spooled:
        try:
            if state.storage.store("originals", item.path, item.sha):
                log.warning("original %s was removed during its upload; stored again", item.sha)
        except OSError:
            log.exception("original %s could not be stored again", item.sha)


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


def _discard_originals(state: AppState, db: Session, shas: Iterable[str]) -> None:
    """Delete originals that no photo still keeping its original refers to.

    A file that looks unused is first moved aside and the database asked once more: a photo
    committed before that question keeps the file (it is put back); an upload committing
    after it finds the file gone and stores it again from its own copy
    (``_restore_originals``). So no committed photo is left without its original.
    """
    for sha in shas:
        if _original_in_use(db, sha):
            continue
        aside = state.storage.withdraw("originals", sha)
        if aside is None:
            continue
        try:
            if _original_in_use(db, sha):
                state.storage.store("originals", aside, sha)
        finally:
            aside.unlink(missing_ok=True)


def _original_in_use(db: Session, sha: str) -> bool:
    """Whether a committed photo whose original is kept refers to the file ``sha``."""
    try:
        used = db.scalar(
            select(func.count())
            .select_from(Photo)
            .where(Photo.original_sha256 == sha, Photo.original_deleted_at.is_(None))
        )
    except Exception:
        log.exception("cannot tell whether original %s is in use; kept", sha)
        return True  # keep the file: an orphan costs disk, never data
    return bool(used)


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
    drawn yet gets it first, and keeps its original until it has one (also while the detector
    is still loading, as at startup). A file shared by several photos is deleted when the
    last of them expires. The photos are marked in the database before any file goes.

    Args:
        state: The app state.
        db: A session (committed).
        now: The current time (for tests); ``utcnow()`` when ``None``.

    Returns:
        How many photos lost their original in this round.

    """
    now = now or utcnow()
    cutoff = now - dt.timedelta(days=state.settings.retention_days)
    candidates = db.scalars(
        select(Photo).where(Photo.original_deleted_at.is_(None), Photo.created_at < cutoff)
    ).all()
    expired = [photo for photo in candidates if _has_evidence(state, db, photo)]
    for photo in expired:
        photo.original_deleted_at = now
    db.commit()
    _discard_originals(state, db, {p.original_sha256 for p in expired})
    return len(expired)


def _has_evidence(state: AppState, db: Session, photo: Photo) -> bool:
    """Draw a photo's evidence image when missing; return whether it has one now."""
    try:
        evidence.ensure(state, db, photo, background=True)
    except (BusyError, NotFoundError, UnavailableError) as exc:
        log.warning("original of photo %s kept: no evidence image yet (%s)", photo.id, exc)
        return False
    return True
