"""Shared route pieces: id and pagination parameters, documented error responses."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Path, Query
from pydantic import BaseModel

from api.schemas import MAX_ID, ErrorResponse

IdPath = Annotated[
    int, Path(ge=1, le=MAX_ID, description="The record's id (1 to 2³¹-1; others answer 422).")
]


class Paging(BaseModel):
    """Pagination of a list: ``limit`` items from ``offset``."""

    limit: int
    offset: int


def paging(
    limit: Annotated[int, Query(ge=1, le=200, description="Items per page.")] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_ID, description="Items to skip.")] = 0,
) -> Paging:
    """Read the pagination query parameters."""
    return Paging(limit=limit, offset=offset)


PagingDep = Annotated[Paging, Depends(paging)]

ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse, "description": text}
    for code, text in (
        (400, "Invalid input"),
        (401, "Missing or invalid API key"),
        (403, "The role may not do this"),
        (404, "Not found or outside the caller's scope"),
        (409, "Conflicting state"),
        (422, "Invalid request"),
    )
}
UPLOAD_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    413: {"model": ErrorResponse, "description": "Upload too large"},
    415: {"model": ErrorResponse, "description": "Not a supported image"},
    503: {
        "model": ErrorResponse,
        "description": "BusyError (see Retry-After) or model unavailable",
    },
}
