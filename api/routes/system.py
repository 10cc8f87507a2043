"""Health, readiness, metrics, the caller's identity, API keys and the model."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from sqlalchemy import func, select, text

from api import auth
from api.deps import Caller, Db, State
from api.models import ApiKey
from api.routes.common import ERRORS, PagingDep
from api.schemas import HealthOut, KeyIn, KeyOut, MeOut, Page, ReadyOut
from api.services import access

router = APIRouter()


@router.get("/health", response_model=HealthOut, tags=["system"])
def health() -> HealthOut:
    """Answer liveness: the process is up."""
    return HealthOut(status="ok")


@router.get("/ready", response_model=ReadyOut, tags=["system"])
def ready(state: State, response: Response) -> ReadyOut:
    """Report readiness: the database answers and the detector is loaded (503 otherwise)."""
    try:
        with state.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        database = True
    except Exception:
        database = False
    model = state.pool.ready
    info = state.pool.model.info if model else None
    ok = database and model
    if not ok:
        response.status_code = 503
    return ReadyOut(
        ready=ok,
        database=database,
        model=model,
        model_error=state.pool.error,
        model_info=info,
        queue_depth=state.pool.depth,
    )


@router.get("/metrics", tags=["system"], response_class=Response)
def metrics(state: State) -> Response:
    """Return Prometheus metrics (text format)."""
    return Response(state.metrics.render(), media_type="text/plain; version=0.0.4")


@router.get("/api/v1/me", response_model=MeOut, responses=ERRORS, tags=["auth"])
def me(caller: Caller) -> MeOut:
    """Return who the API key belongs to."""
    return MeOut(
        key_id=caller.key_id,
        name=caller.name,
        role=caller.role,
        region=caller.region,
        facility_id=caller.facility_id,
    )


def _key_out(key: ApiKey, token: str | None = None) -> KeyOut:
    return KeyOut(
        id=key.id,
        key_id=key.key_id,
        name=key.name,
        role=key.role,
        region=key.region,
        facility_id=key.facility_id,
        token=token,
    )


@router.post(
    "/api/v1/keys", response_model=KeyOut, status_code=201, responses=ERRORS, tags=["auth"]
)
def create_key(data: KeyIn, db: Db, caller: Caller) -> KeyOut:
    """Create an API key (admins). The token is shown only in this response."""
    access.require_role(caller, "admin")
    key, token = auth.create_key(db, data.name, data.role, data.region, data.facility_id)
    db.commit()
    return _key_out(key, token)


@router.get("/api/v1/keys", response_model=Page[KeyOut], responses=ERRORS, tags=["auth"])
def list_keys(db: Db, caller: Caller, paging: PagingDep) -> Page[KeyOut]:
    """List API keys (admins); tokens are never shown again."""
    access.require_role(caller, "admin")
    total = db.scalar(select(func.count()).select_from(ApiKey)) or 0
    rows = db.scalars(
        select(ApiKey).order_by(ApiKey.id).limit(paging.limit).offset(paging.offset)
    ).all()
    return Page(
        items=[_key_out(k) for k in rows], total=total, limit=paging.limit, offset=paging.offset
    )


@router.get("/api/v1/model", responses=ERRORS, tags=["system"])
def model_info(state: State, caller: Caller) -> dict[str, Any]:
    """Return the detector model in use (any role)."""
    del caller
    return {"ready": state.pool.ready, "model": state.pool.model.info if state.pool.ready else None}
