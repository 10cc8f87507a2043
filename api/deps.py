"""FastAPI dependencies: the app's state, a database session, the caller, the settings."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, Request
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from api.analysis import Models
from api.auth import Principal, authenticate
from api.inference import InferencePool
from api.metrics import Metrics
from api.settings import Settings
from api.storage import Storage


@dataclass(frozen=True)
class AppState:
    """Everything one app instance holds (made by ``create_app``, kept on ``app.state``).

    Attributes:
        settings: The settings.
        engine: The database engine.
        sessions: Session factory.
        storage: Content-addressed file store.
        pool: The detector and its bounded worker pool.
        metrics: Prometheus metrics.

    """

    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    storage: Storage
    pool: InferencePool[Models]
    metrics: Metrics


def get_state(request: Request) -> AppState:
    """Return the app instance's state."""
    state: AppState = request.app.state.janji
    return state


State = Annotated[AppState, Depends(get_state)]


def get_settings(state: State) -> Settings:
    """Return the settings."""
    return state.settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_session(state: State) -> Iterator[Session]:
    """Yield a session; services commit explicitly, anything uncommitted is rolled back."""
    with state.sessions() as session:
        try:
            yield session
        finally:
            session.rollback()


Db = Annotated[Session, Depends(get_session)]


def get_principal(
    db: Db,
    authorization: Annotated[
        str | None, Header(description="Bearer API key: 'Bearer jc_<id>_<secret>'.")
    ] = None,
) -> Principal:
    """Return the authenticated caller (401 without a valid key)."""
    return authenticate(db, authorization)


Caller = Annotated[Principal, Depends(get_principal)]
