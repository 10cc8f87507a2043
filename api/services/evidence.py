"""Evidence images (faces blurred, detections drawn), rendered after the upload.

An upload stores the original and the result and answers with the verdict; the evidence image
is drawn from those two later: when someone first asks for it (the photo's ``evidence.jpg``, a
report) or, for the rest, by ``render_pending`` while the worker pool has no upload to check.
A rendered image is stored content-addressed and recorded on its photo; rendering it again
gives the same bytes, so two renders of one photo at once are harmless.

An original is never deleted under the retention policy before its evidence image exists
(``api.services.photos.purge_originals`` renders it first).
"""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.analysis import Models, render_stored_evidence
from api.deps import AppState
from api.errors import BusyError, NotFoundError
from api.models import Photo

log = logging.getLogger("janjicheck.api.evidence")


def _render(models: Models, original: Path, result: dict[str, Any]) -> tuple[bytes, int]:
    return render_stored_evidence(models, original.read_bytes(), result)


def ensure(state: AppState, db: Session, photo: Photo, background: bool = False) -> Path:
    """Return a photo's evidence image file, rendering and recording it first when missing.

    Args:
        state: The app state (storage, worker pool).
        db: The session ``photo`` belongs to; committed when the image is recorded.
        photo: The photo (the caller has checked the principal may read it).
        background: Render as background work (see ``InferencePool.submit``).

    Raises:
        NotFoundError: If the image is missing and cannot be drawn: the original is gone, or
            drawing failed for any reason (unreadable original, malformed stored result, an
            image OpenCV cannot process); such a failure is logged, never a 500.
        BusyError: If the worker pool is full.

    """
    storage = state.storage
    if photo.evidence_sha256 is not None:
        path = storage.path("evidence", photo.evidence_sha256)
        if path.is_file():
            return path
    original = storage.path("originals", photo.original_sha256)
    if photo.original_deleted_at is not None or not original.is_file():
        raise NotFoundError(
            "evidence_unavailable",
            f"The evidence image of photo {photo.id} cannot be drawn: its original is gone.",
        )
    job = partial(_render, original=original, result=dict(photo.result))
    future = state.pool.submit(job, background=background)  # BusyError, UnavailableError
    try:
        jpeg, faces = future.result()
    except Exception as exc:  # the job only decodes, draws and encodes: any failure is the photo's
        log.error(
            "evidence image of photo %s cannot be drawn: %s: %s", photo.id, type(exc).__name__, exc
        )
        raise NotFoundError(
            "evidence_unavailable",
            f"The evidence image of photo {photo.id} cannot be drawn from its original.",
        ) from None
    sha = storage.put_bytes("evidence", jpeg)
    photo.evidence_sha256 = sha
    photo.faces_blurred = faces
    db.commit()
    state.metrics.evidence.labels("background" if background else "on_demand").inc()
    return storage.path("evidence", sha)


def render_pending(state: AppState, idle_seconds: float, limit: int, failed: set[int]) -> int:
    """Render the oldest evidence images not drawn yet while the pool stays idle.

    Args:
        state: The app state.
        idle_seconds: Render only while no upload has been in flight for this many seconds.
        limit: Most images to render in this call.
        failed: Photo ids whose image could not be drawn; skipped, and added to on failure.

    Returns:
        How many were rendered.

    """
    done = 0
    with state.sessions() as db:
        pending = db.scalars(
            select(Photo)
            .where(
                Photo.evidence_sha256.is_(None),
                Photo.original_deleted_at.is_(None),
                Photo.id.not_in(failed),
            )
            .order_by(Photo.id)
            .limit(limit)
        ).all()
        for photo in pending:
            if state.pool.idle_seconds < idle_seconds:
                break
            try:
                ensure(state, db, photo, background=True)
            except BusyError:
                break
            except NotFoundError:
                failed.add(photo.id)  # logged; retried only when someone asks for it
                continue
            done += 1
    return done


def pending_count(db: Session) -> int:
    """Return how many photos have no evidence image yet."""
    return int(
        db.scalar(select(func.count()).select_from(Photo).where(Photo.evidence_sha256.is_(None)))
        or 0
    )
