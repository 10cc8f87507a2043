"""Photo routes: results, evidence images (faces blurred), originals (restricted)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse

from api.deps import Caller, Db, State
from api.routes.common import ERRORS, IdPath, PagingDep
from api.schemas import OptionalLine, Page, PhotoOut
from api.services import photos

router = APIRouter(prefix="/api/v1/photos", tags=["photos"], responses=ERRORS)


@router.get("", response_model=Page[PhotoOut])
def list_photos(
    state: State,
    db: Db,
    caller: Caller,
    paging: PagingDep,
    label: Annotated[OptionalLine, Query(description="Only photos with this label.")] = None,
) -> Page[PhotoOut]:
    """List checked photos across facilities, newest first, for model review (ML engineers)."""
    return photos.list_page(state, db, caller, paging.limit, paging.offset, label)


@router.get("/{photo_id}", response_model=PhotoOut)
def get_photo(photo_id: IdPath, state: State, db: Db, caller: Caller) -> PhotoOut:
    """Return one photo's results and links."""
    return photos.to_out(state, caller, photos.get(db, caller, photo_id))


@router.get("/{photo_id}/evidence.jpg", response_class=FileResponse)
def evidence(photo_id: IdPath, state: State, db: Db, caller: Caller) -> FileResponse:
    """Return the evidence image: faces blurred, detections and verdict drawn."""
    path = photos.evidence_path(state, db, caller, photo_id)
    return FileResponse(path, media_type="image/jpeg", headers={"Cache-Control": "private"})


@router.get("/{photo_id}/original", response_class=FileResponse)
def original(photo_id: IdPath, state: State, db: Db, caller: Caller) -> FileResponse:
    """Return the original upload (``original_roles`` only; kept ``retention_days``)."""
    path = photos.original_path(state, db, caller, photo_id)
    return FileResponse(
        path, media_type="application/octet-stream", headers={"Cache-Control": "private, no-store"}
    )
