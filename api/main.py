"""The FastAPI application: ``create_app(settings)`` wires settings, storage, database, models."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import ArgumentError

from api import auth
from api.analysis import Models
from api.db import make_engine, make_session_factory, upgrade
from api.deps import AppState
from api.errors import install_handlers
from api.inference import InferencePool
from api.logs import configure_logging
from api.metrics import Metrics
from api.middleware import AccessMiddleware, BodyLimitMiddleware, ErrorBoundaryMiddleware
from api.models import ApiKey, Facility
from api.routes import audits, facilities, oversight, photos, reports, system
from api.settings import Settings, SettingsError
from api.storage import Storage
from api.web.routes import router as web_router

log = logging.getLogger("janjicheck.api")

DEMO_FACILITY = {
    "code": "DEMO-PKM-001",
    "name": "Puskesmas Demo Sehat",
    "kind": "puskesmas",
    "level": "FKTP",
    "region": "DKI Jakarta",
    "address": "Jl. Contoh No. 1, Jakarta Pusat",
    "latitude": -6.1754,
    "longitude": 106.8272,
}


def load_models(settings: Settings) -> Models:
    """Load the detection pipeline and the face detector (once per process)."""
    from vision.faces import FaceDetector
    from vision.pipeline import Pipeline

    pipeline = Pipeline.load(settings.model_path)
    decode = dataclasses.replace(pipeline.options.decode, max_pixels=settings.max_pixels)
    return Models(
        checker=pipeline,
        faces=FaceDetector.load(),
        info=pipeline.package.summary(),
        decode=decode,
        class_names=pipeline.package.class_names,
    )


def seed_demo(state: AppState) -> dict[str, str]:
    """Create a demo facility and one key per role when the database has no key yet.

    Returns:
        Role to plain token (empty when the database was already seeded).

    """
    with state.sessions() as db:
        if db.scalar(select(func.count()).select_from(ApiKey)):
            return {}
        facility = Facility(**DEMO_FACILITY, area_sizes={})
        db.add(facility)
        db.flush()
        tokens = {}
        for role, name in (
            ("admin", "Demo admin"),
            ("auditor", "Demo auditor"),
            ("facility", "Demo facility staff"),
            ("ml_engineer", "Demo ML engineer"),
        ):
            _, token = auth.create_key(
                db,
                name,
                role,
                region=DEMO_FACILITY["region"] if role == "auditor" else None,  # type: ignore[arg-type]
                facility_id=facility.id if role == "facility" else None,
            )
            tokens[role] = token
        db.commit()
    return tokens


RETENTION_CHECK_SECONDS = 6 * 3600


async def _retention_loop(state: AppState) -> None:
    """Delete expired originals at start and every few hours (evidence images stay)."""
    from api.services.photos import purge_originals

    def purge() -> int:
        with state.sessions() as db:
            return purge_originals(state, db)

    while True:
        try:
            removed = await asyncio.to_thread(purge)
            if removed:
                log.info("originals past retention deleted", extra={"photos": removed})
        except Exception:
            log.exception("retention purge failed")
        await asyncio.sleep(RETENTION_CHECK_SECONDS)


EVIDENCE_POLL_SECONDS = 0.5
EVIDENCE_BATCH = 8


async def _evidence_loop(state: AppState) -> None:
    """Draw evidence images nobody asked for yet whenever the worker pool is idle."""
    from api.services.evidence import pending_count, render_pending

    failed: set[int] = set()
    idle = state.settings.evidence_idle_seconds

    def step() -> int:
        rendered = render_pending(state, idle, EVIDENCE_BATCH, failed)
        with state.sessions() as db:
            state.metrics.evidence_pending.set(pending_count(db))
        return rendered

    while True:
        try:
            if state.pool.ready and state.pool.idle_seconds >= idle:
                rendered = await asyncio.to_thread(step)
                if rendered:
                    continue
        except Exception:
            log.exception("drawing pending evidence images failed")
        await asyncio.sleep(EVIDENCE_POLL_SECONDS)


def _engine(url: str) -> Engine:
    """Create the engine, turning an unusable database URL into a ``SettingsError``."""
    try:
        return make_engine(url)
    except (ArgumentError, ImportError) as exc:  # unknown dialect, malformed URL, no driver
        raise SettingsError(f"database_url: the database URL cannot be used: {exc}") from exc


def create_app(
    settings: Settings | None = None,
    models_loader: Callable[[Settings], Models] = load_models,
) -> FastAPI:
    """Build the application.

    Args:
        settings: The settings; read from ``JANJICHECK_*`` environment variables when ``None``.
        models_loader: Loads the models (on a worker thread, after start).

    Returns:
        The app; the database is migrated and the model starts loading when it starts.

    Raises:
        SettingsError: If the data folder cannot be created or the database URL cannot be
            used (unknown database, driver not installed).

    """
    settings = settings or Settings()
    configure_logging(settings.log_level, settings.log_json)
    try:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        storage = Storage(settings.data_dir / "files")
    except OSError as exc:
        raise SettingsError(
            f"data_dir: the folder {settings.data_dir} cannot be used: {exc}"
        ) from exc
    engine = _engine(settings.db_url)
    metrics = Metrics()
    state = AppState(
        settings=settings,
        engine=engine,
        sessions=make_session_factory(engine),
        storage=storage,
        pool=InferencePool(
            lambda: models_loader(settings),
            workers=settings.workers,
            queue_size=settings.queue_size,
            retry_after=settings.retry_after_seconds,
            on_depth=metrics.queue_depth.set,
        ),
        metrics=metrics,
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        upgrade(engine)
        if settings.demo:
            tokens = seed_demo(state)
            if tokens:
                log.warning(
                    "demo facility %s seeded; demo API keys (shown once): %s",
                    DEMO_FACILITY["code"],
                    ", ".join(f"{role}={token}" for role, token in tokens.items()),
                )
        state.pool.start()
        background = [
            asyncio.create_task(_retention_loop(state)),
            asyncio.create_task(_evidence_loop(state)),
        ]
        log.info("service started", extra={"database": engine.url.get_backend_name()})
        yield
        for task in background:
            task.cancel()
        state.pool.shutdown()
        engine.dispose()

    app = FastAPI(
        title="Janji Check audit service",
        version="0.1.0",
        description=(
            "Facilities, SiBLing audits and self-checks with per-area photo checks of the "
            "Janji Layanan JKN display, KESSAN feedback and audit scores. Authenticate with "
            "'Authorization: Bearer <API key>'. Every error has the body "
            '{"error": {"code", "message", "details"}}.'
        ),
        lifespan=lifespan,
    )
    app.state.janji = state
    install_handlers(app)
    for module in (system, facilities, audits, photos, oversight, reports):
        app.include_router(module.router)
    app.include_router(web_router)
    app.add_middleware(ErrorBoundaryMiddleware)  # innermost: the access log sees its 500
    app.add_middleware(BodyLimitMiddleware, limit=settings.max_request_bytes)
    app.add_middleware(AccessMiddleware, metrics=metrics)
    return app
